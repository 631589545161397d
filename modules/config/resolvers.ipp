// pip.config:resolvers: NameResolver and OptionsResolver, the small helpers used with ConfigParams.

export namespace pip::config {

/// Finds a component name in its configuration.
struct NameResolver {
    /// The `name` key, else the `id` key, else the name field of the `descriptor` key
    /// (`group:type:kind:name:version`; `*` means none), else `default_name`.
    /// A malformed `descriptor` throws pip::errors::ConfigException `BAD_DESCRIPTOR`.
    [[nodiscard]] static std::optional<std::string> resolve(const ConfigParams& config,
                                                            std::optional<std::string> default_name = std::nullopt);
};

/// Finds the `options.*` section of a configuration.
struct OptionsResolver {
    /// `config.get_section("options")`; when that is empty and `config_as_default`, the whole config.
    [[nodiscard]] static ConfigParams resolve(const ConfigParams& config, bool config_as_default = false);
};

}  // namespace pip::config
