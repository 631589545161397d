// Fuzzes parse_uri -> compose_uri -> parse_uri.
//
// What holds: for a URI in the form the two functions share, parse_uri(compose_uri(parse_uri(u))) equals
// parse_uri(u), except that a query parameter with an empty value comes back with no value (compose_uri writes
// both as `name`). The form excludes what the rules make ambiguous, each found by this fuzzer:
//   - no host: compose_uri writes the placeholder `???`, which reads back as the start of a query;
//   - a host starting with `:` (a `:` at position 0 does not separate a port), and text starting with one of
//     `?:/@`: those characters only separate parts past position 0, and compose_uri may put a prefix before them;
//   - white space at either end of the composed URI (a host or path ending in white space before a `,` or `?`
//     may end up last): parse_uri trims it;
//   - a server written `host:` with an empty port: compose_uri writes the default port there, or no `:`;
//   - a query parameter named like a standard key (`?host=x`): parse_uri lets the URI's own part win, and
//     compose_uri writes standard keys only in their URI part.
// Outside that form, compose_uri still returns some text and parse_uri reads it without failing.
#include <algorithm>
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

constexpr std::string_view spaces = " \t\r\n\f\v";
constexpr std::string_view standard_keys[] = {"protocol", "host", "port", "username", "password", "servers", "path"};

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(spaces);
    return first == std::string_view::npos ? std::string_view{}
                                           : text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t begin = 0;;) {
        const auto end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end - begin));
        if (end == std::string_view::npos) return parts;
        begin = end + 1;
    }
}

bool is_standard_key(std::string_view key) {
    return std::ranges::find(standard_keys, key) != std::end(standard_keys);
}

/// The decoded names of the query parameters of `text`.
std::vector<std::string> query_names(std::string_view text) {
    const auto query = pip::auth::split_uri(text).query;
    if (!query) return {};
    std::vector<std::string> names;
    for (const auto parameter : split(*query, '&'))
        names.push_back(ConnectionUtils::unescape(parameter.substr(0, parameter.find('='))));
    return names;
}

bool in_shared_form(std::string_view text, const ConfigParams& options) {
    if (text.empty() || std::string_view("?:/@").find(text.front()) != std::string_view::npos) return false;
    if (!options.contains("host")) return false;
    const auto servers = *options.get("servers");
    const auto hosts = *options.get("host");
    for (const auto host : split(hosts, ','))
        if (host.starts_with(':')) return false;
    for (const auto server : split(servers, ','))
        if (server.ends_with(':')) return false;
    return std::ranges::none_of(query_names(text), is_standard_key);
}

/// `options` with every empty query-parameter value replaced by no value.
ConfigParams without_empty_parameter_values(const ConfigParams& options) {
    ConfigParams result;
    for (const auto& [key, value] : options)
        result.put(key, !is_standard_key(key) && value && value->empty() ? std::nullopt : value);
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = pip::fuzz::read_uri_input(pip::fuzz::as_text(data, size));
    const auto parse = [&](std::string_view uri) {
        return ConnectionUtils::parse_uri(uri, input.default_protocol, input.default_port);
    };
    const auto options = parse(input.uri);
    const auto composed = ConnectionUtils::compose_uri(options, input.default_protocol, input.default_port);
    const auto again = parse(composed);
    if (in_shared_form(trim(input.uri), options) && trim(composed) == composed)
        require(again == without_empty_parameter_values(options),
                "parse_uri(compose_uri(parse_uri(u))) == parse_uri(u), empty parameter values aside");
    return 0;
}
