module pip.connect;

namespace pip::connect {

std::vector<ConnectionParams> ConnectionParams::many_from_config(const config::ConfigParams& config) {
    std::vector<ConnectionParams> result;
    if (const auto connections = config.get_section("connections"); !connections.empty()) {
        for (const auto& name : connections.get_section_names()) result.emplace_back(connections.get_section(name));
    } else if (auto connection = config.get_section("connection"); !connection.empty()) {
        result.emplace_back(std::move(connection));
    }
    return result;
}

std::optional<ConnectionParams> ConnectionParams::from_config(const config::ConfigParams& config) {
    auto all = many_from_config(config);
    return all.empty() ? std::nullopt : std::optional(std::move(all.front()));
}

bool ConnectionParams::use_discovery() const {
    const auto key = get_discovery_key();
    return key && !key->empty();
}

std::string ConnectionParams::get_protocol_with_default(std::string_view default_value) const {
    auto protocol = get_as_string("protocol");
    return protocol.empty() ? std::string(default_value) : protocol;
}

std::optional<std::string> ConnectionParams::get_host() const {
    if (auto host = get("host"); host && !host->empty()) return host;
    return get("ip");
}

int ConnectionParams::get_port_with_default(int default_value) const {
    const auto port = get_as_nullable_integer("port");
    return port && *port >= 0 && *port <= max_port ? *port : default_value;
}

bool ConnectionParams::has_invalid_port() const {
    const auto port = get("port");
    return port && !port->empty() && get_port_with_default(-1) == -1;
}

void ConnectionParams::set_port(int port) {
    if (port < 0 || port > max_port)
        throw std::invalid_argument("Port " + std::to_string(port) + " is out of range 0.." + std::to_string(max_port));
    put("port", port);
}

}  // namespace pip::connect
