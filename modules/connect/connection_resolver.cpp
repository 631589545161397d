module pip.connect;

namespace pip::connect {
namespace {

using refer::literals::operator""_descriptor;
constexpr refer::DescriptorView discovery_locator() { return "*:discovery:*:*:*"_descriptor; }

// The configured connection with the discovered values over it: `discovery_key` and configured-only keys stay.
ConnectionParams merge(const ConnectionParams& configured, const ConnectionParams& discovered) {
    return ConnectionParams(config::ConfigParams::merge_configs(configured, discovered));
}

}  // namespace

void ConnectionResolver::configure(const config::ConfigParams& config) {
    std::ranges::move(ConnectionParams::many_from_config(config), std::back_inserter(connections_));
}

std::vector<std::shared_ptr<IDiscovery>> ConnectionResolver::discoveries(std::string_view correlation_id) const {
    auto found = references_ ? references_->get_optional<IDiscovery>(discovery_locator())
                             : std::vector<std::shared_ptr<IDiscovery>>{};
    if (found.empty())
        throw errors::ConfigException(correlation_id, "CANNOT_RESOLVE", "Discovery wasn't found to make resolution")
            .with_details("locator", discovery_locator().to_string());
    return found;
}

bool ConnectionResolver::register_connection(std::string_view correlation_id, const ConnectionParams& connection) {
    if (!connection.use_discovery() || !references_) return false;
    const auto key = *connection.get_discovery_key();
    const auto found = references_->get_optional<IDiscovery>(discovery_locator());
    for (const auto& discovery : found) discovery->register_connection(correlation_id, key, connection);
    if (found.empty()) return false;
    connections_.push_back(connection);
    return true;
}

std::optional<ConnectionParams> ConnectionResolver::resolve(std::string_view correlation_id) const {
    if (const auto direct = std::ranges::find_if(
            connections_, [](const ConnectionParams& connection) { return !connection.use_discovery(); });
        direct != connections_.end())
        return *direct;
    if (connections_.empty()) return std::nullopt;
    const auto found = discoveries(correlation_id);
    for (const auto& connection : connections_) {
        const auto key = *connection.get_discovery_key();
        for (const auto& discovery : found)
            if (auto discovered = discovery->resolve_one(correlation_id, key)) return merge(connection, *discovered);
    }
    return std::nullopt;
}

std::vector<ConnectionParams> ConnectionResolver::resolve_all(std::string_view correlation_id) const {
    std::vector<ConnectionParams> resolved;
    std::vector<const ConnectionParams*> to_discover;
    for (const auto& connection : connections_) {
        if (connection.use_discovery())
            to_discover.push_back(&connection);
        else
            resolved.push_back(connection);
    }
    if (to_discover.empty()) return resolved;
    const auto found = discoveries(correlation_id);
    for (const auto* connection : to_discover) {
        const auto key = *connection->get_discovery_key();
        for (const auto& discovery : found)
            for (const auto& discovered : discovery->resolve_all(correlation_id, key))
                resolved.push_back(merge(*connection, discovered));
    }
    return resolved;
}

}  // namespace pip::connect
