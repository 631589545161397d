module pip.config;

namespace pip::config {

std::optional<std::string> NameResolver::resolve(const ConfigParams& config, std::optional<std::string> default_name) {
    if (auto name = config.get("name")) return name;
    if (auto id = config.get("id")) return id;
    if (const auto descriptor = config.get("descriptor"); descriptor && !descriptor->empty()) {
        // pip.refer builds on pip.config, so the five-field split is repeated here rather than imported.
        std::vector<std::string_view> parts;
        std::string_view rest = *descriptor;
        for (auto colon = rest.find(':'); colon != std::string_view::npos; colon = rest.find(':')) {
            parts.push_back(rest.substr(0, colon));
            rest.remove_prefix(colon + 1);
        }
        parts.push_back(rest);
        if (parts.size() != 5)
            throw errors::ConfigException({}, "BAD_DESCRIPTOR", "Descriptor " + *descriptor + " is in wrong format")
                .with_details("descriptor", *descriptor);
        // Trimmed like Descriptor's fields (all ASCII white space), so both read the same name.
        constexpr std::string_view spaces = " \t\r\n\f\v";
        auto name = parts[3];
        name.remove_prefix(std::min(name.find_first_not_of(spaces), name.size()));
        name.remove_suffix(name.size() - std::min(name.find_last_not_of(spaces) + 1, name.size()));
        if (name != "*") return std::string(name);
    }
    return default_name;
}

ConfigParams OptionsResolver::resolve(const ConfigParams& config, bool config_as_default) {
    auto options = config.get_section("options");
    if (options.empty() && config_as_default) return config;
    return options;
}

}  // namespace pip::config
