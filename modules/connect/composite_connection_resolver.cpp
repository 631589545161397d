module pip.connect;

namespace pip::connect {
namespace {

errors::ConfigException invalid(std::string_view correlation_id, std::string_view code, std::string message) {
    return errors::ConfigException(correlation_id, code, message);
}

bool has_text(const std::optional<std::string>& value) { return value && !value->empty(); }

// A configured value as a message may show it: a protocol holding a URI (`amqp://u:pw@h`) shows its scheme only,
// anything else is masked as a URI would be.
std::string shown_protocol(std::string_view protocol) {
    if (const auto scheme = auth::split_uri(protocol).scheme) return std::string(*scheme);
    return auth::mask_uri_secrets(protocol);
}

// A port is shown only when it is made of digits and signs (out of range); other text could be a password that
// landed in the port (`http://admin:S3CRET` parses so).
std::string shown_port(std::string_view port) {
    const bool numeric = std::ranges::all_of(port, [](char c) { return (c >= '0' && c <= '9') || c == '+' || c == '-'; });
    return numeric ? std::string(port) : std::string(auth::masked_value);
}

}  // namespace

void CompositeConnectionResolver::configure(const config::ConfigParams& config) {
    connection_resolver_.configure(config);
    credential_resolver_.configure(config);
    options_ = config.get_section("options");
}

void CompositeConnectionResolver::set_references(refer::IReferences& references) {
    connection_resolver_.set_references(references);
    credential_resolver_.set_references(references);
}

config::ConfigParams CompositeConnectionResolver::resolve(std::string_view correlation_id) const {
    const auto connections = connection_resolver_.resolve_all(correlation_id);
    if (connections.size() > 1 && !rules_.cluster_supported)
        throw invalid(correlation_id, "MULTIPLE_CONNECTIONS_NOT_SUPPORTED",
                      "Multiple (cluster) connections are not supported");
    for (const auto& connection : connections) validate_connection(correlation_id, connection);
    const auto credential = credential_resolver_.lookup(correlation_id).value_or(auth::CredentialParams());
    validate_credential(correlation_id, credential);
    return compose_options(connections, credential, options_);
}

config::ConfigParams CompositeConnectionResolver::compose(std::string_view correlation_id,
                                                          const std::vector<ConnectionParams>& connections,
                                                          const std::optional<auth::CredentialParams>& credential,
                                                          const config::ConfigParams& parameters) const {
    for (const auto& connection : connections) validate_connection(correlation_id, connection);
    const auto used_credential = credential.value_or(auth::CredentialParams());
    validate_credential(correlation_id, used_credential);
    return compose_options(connections, used_credential, parameters);
}

void CompositeConnectionResolver::validate_connection(std::string_view correlation_id,
                                                      const ConnectionParams& connection) const {
    if (connection.empty()) throw invalid(correlation_id, "NO_CONNECTION", "Connection parameters are not set");
    if (has_text(connection.get_uri())) return;

    const auto protocol = connection.get_protocol_with_default(rules_.default_protocol);
    if (protocol.empty()) throw invalid(correlation_id, "NO_PROTOCOL", "Connection protocol is not set");
    if (const auto& supported = rules_.supported_protocols;
        supported && std::ranges::find(*supported, protocol) == supported->end())
        throw invalid(correlation_id, "UNSUPPORTED_PROTOCOL",
                      "The protocol " + shown_protocol(protocol) + " is not supported");

    if (!has_text(connection.get_host())) throw invalid(correlation_id, "NO_HOST", "Connection host is not set");

    if (connection.has_invalid_port())
        throw invalid(correlation_id, "INVALID_PORT",
                      "Connection port " + shown_port(connection.get_as_string("port")) + " is not a number from 0 to " +
                          std::to_string(max_port));
    if (connection.get_port_with_default(rules_.default_port) == 0)
        throw invalid(correlation_id, "NO_PORT", "Connection port is not set");
}

void CompositeConnectionResolver::validate_credential(std::string_view, const auth::CredentialParams&) const {}

config::ConfigParams CompositeConnectionResolver::merge_connection(const config::ConfigParams& options,
                                                                   const ConnectionParams& connection) const {
    return options.set_defaults(connection);
}

config::ConfigParams CompositeConnectionResolver::merge_credential(const config::ConfigParams& options,
                                                                   const auth::CredentialParams& credential) const {
    return options.override(credential);
}

config::ConfigParams CompositeConnectionResolver::merge_optional(const config::ConfigParams& options,
                                                                 const config::ConfigParams& parameters) const {
    return options.set_defaults(parameters);
}

config::ConfigParams CompositeConnectionResolver::finalize_options(const config::ConfigParams& options) const {
    return options;
}

config::ConfigParams CompositeConnectionResolver::compose_options(const std::vector<ConnectionParams>& connections,
                                                                  const auth::CredentialParams& credential,
                                                                  const config::ConfigParams& parameters) const {
    config::ConfigParams options;
    for (const auto& connection : connections) options = merge_connection(options, connection);
    options = merge_credential(options, credential);
    options = merge_optional(options, parameters);
    return finalize_options(options);
}

}  // namespace pip::connect
