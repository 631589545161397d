// Fuzzes ConnectionUtils::parse_uri, and mask_uri_secrets on the same text, against pip::auth::split_uri, the
// splitting rule both share.
//
// Without a query (split_uri finds none) the result's shape is fully determined: the standard keys in their
// documented order, a protocol exactly when there is a scheme or a default, a user name and password that
// rebuild the user-info, and servers / host / port lists of the same length. A query may set any key, standard
// ones included, so with one only the no-throw and masking properties apply. Masking is checked with a marker
// byte (0x7F): no marker of the user-info survives in the masked text.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "uri_input.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionUtils;
using pip::fuzz::require;

namespace {

constexpr char marker = '\x7f';
constexpr std::string_view spaces = " \t\r\n\f\v";
constexpr std::array<std::string_view, 7> standard_order = {"protocol", "username", "password", "path",
                                                            "servers",  "host",     "port"};

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(spaces);
    return first == std::string_view::npos ? std::string_view{}
                                           : text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

std::vector<std::string_view> split(std::string_view text) {
    std::vector<std::string_view> parts;
    for (std::size_t begin = 0;;) {
        const auto comma = text.find(',', begin);
        parts.push_back(text.substr(begin, comma - begin));
        if (comma == std::string_view::npos) return parts;
        begin = comma + 1;
    }
}

std::size_t markers_in(std::string_view text) { return static_cast<std::size_t>(std::ranges::count(text, marker)); }

void check_shape(const ConfigParams& options, const pip::fuzz::UriInput& input, const pip::auth::UriParts& parts) {
    auto next = standard_order.begin();
    for (const auto& key : options.get_keys()) {
        next = std::find(next, standard_order.end(), key);
        require(next != standard_order.end(), "without a query, only standard keys, in the documented order");
    }
    require(!options.contains("password") || options.contains("username"), "a password comes with a user name");

    require(options.contains("protocol") == (parts.scheme.has_value() || !input.default_protocol.empty()),
            "a protocol key exactly when there is a scheme or a default protocol");
    if (parts.user_info) {
        const auto password = options.get("password");
        require(options.get_as_string("username") + (password ? ":" + *password : "") == *parts.user_info,
                "the user name and password are the user-info, nothing more or less");
    } else {
        require(!options.contains("username"), "no user name without user-info");
    }

    require(options.contains("servers") == options.contains("host"), "servers and host come together");
    if (!options.contains("servers")) {
        require(!options.contains("port"), "no port without servers");
        return;
    }
    const auto server_list = *options.get("servers");
    const auto host_list = *options.get("host");
    const auto port_list = options.get("port");
    const auto servers = split(server_list);
    const auto hosts = split(host_list);
    const auto ports = port_list ? split(*port_list) : std::vector<std::string_view>(hosts.size());
    require(servers.size() == hosts.size() && ports.size() == hosts.size(), "servers, host and port align");
    for (std::size_t i = 0; i < hosts.size(); ++i) {
        require(!servers[i].empty(), "empty servers are skipped");
        const auto with_port = std::string(hosts[i]) + ":" + std::string(ports[i]);
        require(servers[i] == with_port || (ports[i].empty() && servers[i] == hosts[i]),
                "each server is host:port, or host alone when it has no port");
    }
}

void check_masking(const pip::auth::UriParts& parts, std::string_view uri) {
    if (!parts.user_info) return;
    const auto outside_user_info = markers_in(uri) - markers_in(*parts.user_info);
    require(markers_in(pip::auth::mask_uri_secrets(uri)) <= outside_user_info,
            "mask_uri_secrets hides the user-info parse_uri finds");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = pip::fuzz::read_uri_input(pip::fuzz::as_text(data, size));
    const auto parse = [&](std::string_view uri) {
        return ConnectionUtils::parse_uri(uri, input.default_protocol, input.default_port);
    };
    const auto options = parse(input.uri);
    const auto text = trim(input.uri);
    require(!text.empty() || options.empty(), "blank text gives no options");
    if (text.empty()) return 0;

    const auto parts = pip::auth::split_uri(input.uri);
    if (!parts.query) check_shape(options, input, parts);
    check_masking(parts, input.uri);
    return 0;
}
