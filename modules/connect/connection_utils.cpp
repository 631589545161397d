module pip.connect;

namespace pip::connect {
namespace {

// The keys compose_uri writes in the URI itself; every other key becomes a query parameter.
constexpr std::string_view standard_uri_keys[] = {"protocol", "host", "port", "username",
                                                  "password", "servers", "path"};

std::string_view trim(std::string_view text) {
    constexpr std::string_view spaces = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

// Calls `visit` with each `separator`-delimited part of `text`, empty parts included.
template <class Visit>
void for_each_part(std::string_view text, char separator, Visit visit) {
    while (true) {
        const auto end = text.find(separator);
        visit(text.substr(0, end));
        if (end == std::string_view::npos) return;
        text = text.substr(end + 1);
    }
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for_each_part(text, separator, [&](std::string_view part) { parts.push_back(part); });
    return parts;
}

std::string join(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) {
        if (&part != &parts.front()) text += ',';
        text += part;
    }
    return text;
}

bool contains(std::span<const std::string_view> keys, std::string_view key) {
    return std::ranges::find(keys, key) != keys.end();
}

void parse_query(std::string_view query, config::ConfigParams& options) {
    for_each_part(query, '&', [&](std::string_view parameter) {
        const auto equals = parameter.find('=');
        auto key = ConnectionUtils::unescape(parameter.substr(0, equals));
        if (key.empty()) return;
        if (equals == std::string_view::npos)
            options.put(key, std::nullopt);
        else
            options.put(key, ConnectionUtils::unescape(parameter.substr(equals + 1)));
    });
}

void parse_servers(std::string_view text, int default_port, config::ConfigParams& options) {
    const auto default_port_text = default_port > 0 ? std::to_string(default_port) : std::string();
    std::vector<std::string> servers, hosts, ports;
    for_each_part(text, ',', [&](std::string_view server) {
        if (server.empty()) return;
        if (const auto [host, port] = auth::split_server(server); port) {
            servers.emplace_back(server);
            hosts.emplace_back(host);
            ports.emplace_back(*port);
        } else {
            servers.push_back(default_port_text.empty() ? std::string(server)
                                                        : std::string(server) + ":" + default_port_text);
            hosts.emplace_back(server);
            ports.push_back(default_port_text);
        }
    });
    if (servers.empty()) return;
    options.put("servers", join(servers));
    options.put("host", join(hosts));
    if (std::ranges::any_of(ports, [](const std::string& port) { return !port.empty(); }))
        options.put("port", join(ports));
}

}  // namespace

config::ConfigParams ConnectionUtils::concat_keys(const config::ConfigParams& options1,
                                                  const config::ConfigParams& options2,
                                                  std::span<const std::string_view> keys) {
    auto result = options1;
    for (const auto& [key, value] : options2) {
        const auto value1 = options1.get_as_string(key);
        const auto value2 = value.value_or("");
        if (!value1.empty() && !value2.empty()) {
            if (keys.empty() || contains(keys, key)) result.put(key, value1 + "," + value2);
        } else if (!value1.empty()) {
            result.put(key, value1);
        } else if (!value2.empty()) {
            result.put(key, value2);
        }
    }
    return result;
}

config::ConfigParams ConnectionUtils::include_keys(const config::ConfigParams& options,
                                                   std::span<const std::string_view> keys) {
    if (keys.empty()) return options;
    config::ConfigParams result;
    for (const auto& [key, value] : options)
        if (contains(keys, key)) result.put(key, value);
    return result;
}

config::ConfigParams ConnectionUtils::exclude_keys(const config::ConfigParams& options,
                                                   std::span<const std::string_view> keys) {
    auto result = options;
    for (const auto key : keys) result.remove(key);
    return result;
}

config::ConfigParams ConnectionUtils::rename(const config::ConfigParams& options, std::string_view from_name,
                                             std::string_view to_name) {
    const auto value = options.get(from_name);
    if (!value || options.get(to_name)) return options;
    auto result = options;
    result.put(to_name, value);
    result.remove(from_name);
    return result;
}

config::ConfigParams ConnectionUtils::parse_uri(std::string_view uri, std::string_view default_protocol,
                                                int default_port) {
    config::ConfigParams options;
    if (trim(uri).empty()) return options;
    const auto parts = auth::split_uri(uri);
    if (parts.query) parse_query(*parts.query, options);
    if (const auto protocol = parts.scheme.value_or(default_protocol); !protocol.empty())
        options.put("protocol", std::string(protocol));
    if (parts.user_info) {
        // Split at the first ':' even at position 0: `:pw@h` is a password, never a user name holding it.
        const auto colon = parts.user_info->find(':');
        options.put("username", std::string(parts.user_info->substr(0, colon)));
        if (colon != std::string_view::npos) options.put("password", std::string(parts.user_info->substr(colon + 1)));
    }
    if (parts.path) options.put("path", std::string(*parts.path));
    parse_servers(parts.servers, default_port, options);
    return options;
}

std::string ConnectionUtils::compose_uri(const config::ConfigParams& options, std::string_view default_protocol,
                                         int default_port) {
    std::string uri;
    const auto stored_protocol = options.get_as_string("protocol");  // empty counts as missing
    const auto protocol = stored_protocol.empty() ? default_protocol : std::string_view(stored_protocol);
    if (!protocol.empty()) (uri += protocol) += "://";

    if (const auto username = options.get("username")) {
        uri += *username;
        if (const auto password = options.get("password")) (uri += ':') += *password;
        uri += '@';
    }

    const auto default_port_text = default_port > 0 ? std::to_string(default_port) : std::string();
    const auto host_list = options.get("host").value_or("???");
    const auto port_list = options.get("port").value_or(default_port_text);
    const auto hosts = split(host_list, ',');
    const auto ports = split(port_list, ',');
    for (std::size_t i = 0; i < hosts.size(); ++i) {
        if (i > 0) uri += ',';
        uri += hosts[i];
        const auto port = i < ports.size() && !ports[i].empty() ? ports[i] : std::string_view(default_port_text);
        if (!port.empty()) (uri += ':') += port;
    }

    if (const auto path = options.get("path")) (uri += '/') += *path;

    std::string parameters;
    for (const auto& [key, value] : options) {
        if (std::ranges::find(standard_uri_keys, key) != std::end(standard_uri_keys)) continue;
        if (!parameters.empty()) parameters += '&';
        parameters += escape(key);
        if (value && !value->empty()) (parameters += '=') += escape(*value);
    }
    if (!parameters.empty()) (uri += '?') += parameters;
    return uri;
}

std::string ConnectionUtils::escape(std::string_view text) {
    constexpr std::string_view hex_digits = "0123456789ABCDEF";
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            escaped += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            ((escaped += '%') += hex_digits[byte >> 4]) += hex_digits[byte & 0xF];
        }
    }
    return escaped;
}

std::string ConnectionUtils::unescape(std::string_view text) { return auth::percent_decode(text); }

}  // namespace pip::connect
