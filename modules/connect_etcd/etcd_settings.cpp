module;
#include "pip_std.hpp"
module pip.connect.etcd;
import pip.config;
import pip.connect;
import pip.errors;
import :internals;

namespace pip::connect::etcd_detail {
namespace {

constexpr int default_etcd_port = 2379;

[[noreturn]] void throw_invalid_option(std::string_view option, std::string_view value, std::string_view expectation) {
    throw errors::ConfigException({}, "INVALID_OPTION",
                                  "EtcdDiscovery option " + std::string(option) + " = '" + std::string(value) +
                                      "' is invalid: expected " + std::string(expectation))
        .with_details("option", option)
        .with_details("value", value);
}

/// A URI scheme as RFC 3986 writes it; anything else is not quoted in a message (it may hold user-info).
bool is_scheme(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
               c == '.';
    });
}

/// `server` (`host` or `host:port`, `[v6]:port` too) with etcd's client port when it has none.
std::string with_port(std::string_view server) {
    const auto colon = server.rfind(':');
    if (colon == std::string_view::npos || server.find(']', colon) != std::string_view::npos)
        return std::string(server) + ":" + std::to_string(default_etcd_port);
    const auto port = server.substr(colon + 1);
    int number = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
    // the value is not quoted: text after a ':' may be a password whose user-info lost its '@' to a '?' or '#'
    if (error != std::errc() || end != port.data() + port.size() || number < 1 || number > 65535)
        throw errors::ConfigException({}, "INVALID_PORT", "EtcdDiscovery endpoint port is not a number from 1 to 65535");
    return std::string(server);
}

/// The endpoints of `http://[user-info@]host[:port][,host2[:port2]][/path][?query]` as `http://host:port`,
/// split as ConnectionUtils::parse_uri splits (user-info ends at the last `@`), so none holds user-info.
std::vector<std::string> endpoints_from_uri(std::string_view uri) {
    const auto parts = ConnectionUtils::parse_uri(uri, "", 0);
    const auto protocol = parts.get("protocol").value_or("");
    if (protocol != "http")
        throw errors::ConfigException({}, "UNSUPPORTED_PROTOCOL",
                                      "EtcdDiscovery supports http:// endpoints only (etcd's JSON gateway)")
            .with_details("protocol", is_scheme(protocol) ? protocol : std::string("(not a URI scheme)"));
    std::vector<std::string> endpoints;
    const auto servers = parts.get("servers").value_or("");
    for (std::size_t start = 0; start <= servers.size();) {
        const auto end = std::min(servers.find(',', start), servers.size());
        const auto server = std::string_view(servers).substr(start, end - start);
        if (!server.empty() && !server.starts_with(':')) endpoints.push_back("http://" + with_port(server));
        start = end + 1;
    }
    if (endpoints.empty()) throw errors::ConfigException({}, "NO_HOST", "EtcdDiscovery endpoint URI has no host");
    return endpoints;
}

std::vector<std::string> endpoints_from(const ConnectionParams& connection) {
    if (const auto uri = connection.get_uri(); uri && !uri->empty()) return endpoints_from_uri(*uri);
    if (const auto protocol = connection.get_protocol(); protocol && *protocol != "http")
        throw errors::ConfigException({}, "UNSUPPORTED_PROTOCOL",
                                      "EtcdDiscovery supports protocol http only (etcd's JSON gateway)")
            .with_details("protocol", is_scheme(*protocol) ? *protocol : std::string("(not a URI scheme)"));
    const auto host = connection.get_host();
    if (!host || host->empty())
        throw errors::ConfigException({}, "NO_HOST", "EtcdDiscovery connection has no host (set host or uri)");
    const int port = connection.get_port();
    // Through the same splitting as a URI: a host written with user-info (`user:secret@h`) loses it.
    return endpoints_from_uri("http://" + *host + ":" + std::to_string(port > 0 ? port : default_etcd_port));
}

std::optional<std::int64_t> positive_integer(const config::ConfigParams& config, std::string_view option) {
    const auto text = config.get(option);
    if (!text) return std::nullopt;
    const auto value = config.get_as_nullable_long(option);
    if (!value || *value <= 0 || std::to_string(*value) != *text) throw_invalid_option(option, *text, "a positive integer");
    return *value;
}

template <class Rep, class Period>
std::chrono::duration<Rep, Period> positive_duration(const config::ConfigParams& config, std::string_view option,
                                                     std::chrono::duration<Rep, Period> fallback) {
    const auto value = positive_integer(config, option);
    return value ? std::chrono::duration<Rep, Period>(*value) : fallback;
}

}  // namespace

EtcdSettings EtcdSettings::from_config(const config::ConfigParams& config) {
    EtcdSettings settings;
    for (const auto& connection : ConnectionParams::many_from_config(config))
        std::ranges::move(endpoints_from(connection), std::back_inserter(settings.endpoints));
    if (settings.endpoints.empty())
        throw errors::ConfigException({}, "NO_CONNECTION",
                                      "EtcdDiscovery has no etcd endpoint: set connection.uri (http://host:port), "
                                      "connection.host / connection.port, or connections.<name>.*");
    if (const auto prefix = config.get("options.prefix")) {
        settings.prefix = *prefix;
        while (settings.prefix.ends_with('/')) settings.prefix.pop_back();
        if (settings.prefix.empty()) throw_invalid_option("options.prefix", *prefix, "a non-empty key prefix");
    }
    settings.ttl = positive_duration(config, "options.ttl", settings.ttl);
    settings.timeout = positive_duration(config, "options.timeout", settings.timeout);
    settings.check_interval = positive_duration(config, "options.check_interval", settings.check_interval);
    if (const auto bytes = positive_integer(config, "options.max_response_bytes"))
        settings.max_response_bytes = static_cast<std::size_t>(*bytes);
    if (const auto cache = config.get("options.cache")) {
        const auto flag = config.get_as_nullable_boolean("options.cache");
        if (!flag) throw_invalid_option("options.cache", *cache, "true or false");
        settings.cache = *flag;
    }
    return settings;
}

}  // namespace pip::connect::etcd_detail
