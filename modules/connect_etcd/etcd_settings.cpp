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

/// `http://[user-info@]host[:port][/path]` as `http://host:port`.
std::string endpoint_from_uri(std::string_view uri) {
    const auto scheme_end = uri.find("://");
    const auto scheme = scheme_end == std::string_view::npos ? std::string_view() : uri.substr(0, scheme_end);
    if (scheme != "http")
        throw errors::ConfigException({}, "UNSUPPORTED_PROTOCOL",
                                      "EtcdDiscovery supports http:// endpoints only (etcd's JSON gateway)")
            .with_details("protocol", scheme);
    auto authority = uri.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
    const auto colon = authority.rfind(':');
    const bool has_port = colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos;
    const auto host = has_port ? authority.substr(0, colon) : authority;
    if (host.empty()) throw errors::ConfigException({}, "NO_HOST", "EtcdDiscovery endpoint URI has no host");
    return "http://" + std::string(authority) + (has_port ? "" : ":" + std::to_string(default_etcd_port));
}

std::string endpoint_from(const ConnectionParams& connection) {
    if (const auto uri = connection.get_uri(); uri && !uri->empty()) return endpoint_from_uri(*uri);
    if (const auto protocol = connection.get_protocol(); protocol && *protocol != "http")
        throw errors::ConfigException({}, "UNSUPPORTED_PROTOCOL",
                                      "EtcdDiscovery supports protocol http only (etcd's JSON gateway)")
            .with_details("protocol", *protocol);
    const auto host = connection.get_host();
    if (!host || host->empty())
        throw errors::ConfigException({}, "NO_HOST", "EtcdDiscovery connection has no host (set host or uri)");
    const int port = connection.get_port();
    return "http://" + *host + ":" + std::to_string(port > 0 ? port : default_etcd_port);
}

template <class Rep, class Period>
std::chrono::duration<Rep, Period> positive_duration(const config::ConfigParams& config, std::string_view option,
                                                     std::chrono::duration<Rep, Period> fallback) {
    const auto text = config.get(option);
    if (!text) return fallback;
    const auto value = config.get_as_nullable_long(option);
    if (!value || *value <= 0 || std::to_string(*value) != *text) throw_invalid_option(option, *text, "a positive integer");
    return std::chrono::duration<Rep, Period>(*value);
}

}  // namespace

EtcdSettings EtcdSettings::from_config(const config::ConfigParams& config) {
    EtcdSettings settings;
    for (const auto& connection : ConnectionParams::many_from_config(config))
        settings.endpoints.push_back(endpoint_from(connection));
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
    if (const auto cache = config.get("options.cache")) {
        const auto flag = config.get_as_nullable_boolean("options.cache");
        if (!flag) throw_invalid_option("options.cache", *cache, "true or false");
        settings.cache = *flag;
    }
    return settings;
}

}  // namespace pip::connect::etcd_detail
