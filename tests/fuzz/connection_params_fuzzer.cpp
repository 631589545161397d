// Fuzzes ConnectionParams (from_string, and entries put directly, so values may hold `;`): its getters'
// contracts, and that to_safe_string() hides every secret.
//
// Secrets are tracked with a marker byte (0x7F). A marker counts as secret when it sits in the value of a
// secret-named key, in the user-info of a URI value (as split_uri reads it), or, one level deep, in such a place
// inside a value that reads as a connection string (then its nested keys are names, not secrets). When every
// marker of the input is secret, the safe text must hold none.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;
using pip::fuzz::require;

namespace {

constexpr char marker = '\x7f';

std::size_t markers_in(std::string_view text) { return static_cast<std::size_t>(std::ranges::count(text, marker)); }

/// Markers of `value` that sit in its user-info (pip::auth::split_uri, the rule parse_uri and the masking share).
std::size_t markers_in_user_info(std::string_view value) {
    const auto user_info = pip::auth::split_uri(value).user_info;
    return user_info ? markers_in(*user_info) : 0;
}

/// The masking's documented test for a nested connection string: it holds `;`, or starts with `name=` where the
/// name has no URI punctuation. Such a value is read as entries, not as one URI.
bool reads_as_connection_string(std::string_view value) {
    if (value.find(';') != std::string_view::npos) return true;
    const auto equals = value.find('=');
    return equals != std::string_view::npos && equals > 0 &&
           value.substr(0, equals).find_first_of(":/?@&") == std::string_view::npos;
}

std::size_t secret_markers(std::string_view key, const std::optional<std::string>& value, bool look_inside) {
    if (!value) return 0;
    if (pip::auth::is_secret_key(key)) return markers_in(*value);
    if (look_inside && reads_as_connection_string(*value)) {
        std::size_t inside = 0;
        for (const auto& [nested_key, nested_value] : ConfigParams::from_string(*value))
            inside += markers_in(nested_key) > 0 ? 0 : secret_markers(nested_key, nested_value, false);
        return inside;
    }
    return markers_in_user_info(*value);
}

void check_getters(const ConnectionParams& connection) {
    const int port = connection.get_port();
    require(port >= 0 && port <= pip::connect::max_port, "get_port is a valid port or 0");
    const bool valid = connection.get_port_with_default(-1) != -1;
    require(!valid || connection.get_port_with_default(7) == port, "a valid port reads the same with any default");
    const auto port_text = connection.get("port");
    require(connection.has_invalid_port() == (port_text && !port_text->empty() && !valid),
            "has_invalid_port: non-empty text that is no valid port");

    const auto host = connection.get("host");
    require(connection.get_host() == (host && !host->empty() ? host : connection.get("ip")), "get_host falls back to ip");
    const auto key = connection.get_discovery_key();
    require(connection.use_discovery() == (key && !key->empty()), "use_discovery: a non-empty discovery_key");
    static_cast<void>(ConnectionParams::many_from_config(connection));
}

void check_masking(const ConnectionParams& connection) {
    const auto masked = pip::auth::mask_secrets(connection);
    require(masked.get_keys() == connection.get_keys(), "masking keeps the keys and their order");
    for (const auto& [key, value] : connection) {
        if (pip::auth::is_secret_key(key))
            require(masked.get(key) == (value ? std::optional<std::string>("***") : std::nullopt),
                    "a secret key's value is ***");
    }
    const auto safe = connection.to_safe_string();
    require(safe == masked.to_string(), "to_safe_string is mask_secrets(...).to_string()");

    std::size_t total = 0;
    std::size_t secret = 0;
    for (const auto& [key, value] : connection) {
        total += markers_in(key) + markers_in(value.value_or(""));
        secret += secret_markers(key, value, true);
    }
    if (total > 0 && secret == total) require(markers_in(safe) == 0, "to_safe_string shows no secret");
}

/// Lines `key<TAB>value` (a line without a tab is a key with no value), put as they are.
ConnectionParams put_lines(std::string_view text) {
    ConnectionParams connection;
    for (std::size_t begin = 0; begin < text.size();) {
        const auto end = std::min(text.find('\n', begin), text.size());
        const auto line = text.substr(begin, end - begin);
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos)
            connection.put(line, std::nullopt);
        else
            connection.put(line.substr(0, tab), std::string(line.substr(tab + 1)));
        begin = end + 1;
    }
    return connection;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = pip::fuzz::as_text(data, size);
    const auto parsed = ConnectionParams::from_string(text);
    require(static_cast<const ConfigParams&>(parsed) == ConfigParams::from_string(text),
            "ConnectionParams::from_string reads like ConfigParams::from_string");
    check_getters(parsed);
    check_masking(parsed);

    const auto direct = put_lines(text);
    check_getters(direct);
    check_masking(direct);
    return 0;
}
