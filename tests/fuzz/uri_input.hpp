// How the URI fuzzers read their input: the first byte picks parse_uri's defaults, the rest is the URI.
// Bits 0-1 pick the default protocol ("", "tcp", "http", "mqtt"), bits 2-3 the default port (0, 80, 65535, -1),
// so a seed starting with '@' uses no defaults and one starting with 'E' uses tcp and 80.
#pragma once

#include <cstddef>
#include <string_view>

namespace pip::fuzz {

struct UriInput {
    std::string_view default_protocol;
    int default_port = 0;
    std::string_view uri;
};

inline UriInput read_uri_input(std::string_view bytes) {
    constexpr std::string_view protocols[] = {"", "tcp", "http", "mqtt"};
    constexpr int ports[] = {0, 80, 65535, -1};
    if (bytes.empty()) return {};
    const auto selector = static_cast<unsigned char>(bytes.front());
    return {protocols[selector & 3U], ports[(selector >> 2U) & 3U], bytes.substr(1)};
}

}  // namespace pip::fuzz
