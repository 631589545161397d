// Fuzzes ConfigParams::from_string (the Node rule), its text round trip, sections and typed getters.
//
// The round trip is exact only without an empty key: such a key is written as `` or `=value`, which reads back
// as nothing or as the key `=value`. What always holds is that one round trip reaches a fixed point.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
import pip.config;

using pip::config::ConfigParams;
using pip::fuzz::require;

namespace {

constexpr std::string_view spaces = " \t\r\n\f\v";

bool is_trimmed(std::string_view text) {
    return text.empty() ||
           (spaces.find(text.front()) == std::string_view::npos && spaces.find(text.back()) == std::string_view::npos);
}

bool is_shadow_name(std::string_view name) { return name.empty() || name.front() == '#' || name.front() == '!'; }

void check_entries(const ConfigParams& params) {
    const auto keys = params.get_keys();
    for (std::size_t i = 0; i < keys.size(); ++i)
        require(std::find(keys.begin() + static_cast<std::ptrdiff_t>(i) + 1, keys.end(), keys[i]) == keys.end(),
                "keys are unique");
    for (const auto& [key, value] : params) {
        require(is_trimmed(key) && key.find(';') == std::string::npos, "keys are trimmed and hold no `;`");
        if (value) {
            require(is_trimmed(*value) && value->find(';') == std::string::npos, "values are trimmed, hold no `;`");
            require(key.find('=') == std::string::npos, "a key with a value ends at the first `=`");
        } else {
            require(key.find('=') == std::string::npos || key.front() == '=',
                    "a key without a value has no `=` past position 0");
        }
        // Typed getters read any text without undefined behaviour (UBSan checks the conversions).
        static_cast<void>(params.get_as_nullable_integer(key));
        static_cast<void>(params.get_as_nullable_long(key));
        static_cast<void>(params.get_as_nullable_double(key));
        static_cast<void>(params.get_as_nullable_boolean(key));
    }
}

void check_round_trip(const ConfigParams& params) {
    const auto once = ConfigParams::from_string(params.to_string());
    const bool has_empty_key = std::ranges::any_of(params, [](const auto& entry) { return entry.first.empty(); });
    if (!has_empty_key) require(once == params, "from_string(to_string(p)) == p when no key is empty");
    require(ConfigParams::from_string(once.to_string()) == once, "one round trip reaches a fixed point");
}

void check_sections(const ConfigParams& params) {
    for (const auto& name : params.get_section_names()) {
        for (const auto& [rest, value] : params.get_section(name))
            require(params.contains(name + "." + rest) && params.get(name + "." + rest) == value,
                    "get_section(s) holds the `s.` entries");
    }
    ConfigParams outer;
    outer.add_section("section", params);
    if (std::ranges::none_of(params, [](const auto& entry) { return is_shadow_name(entry.first); }))
        require(outer.get_section("section") == params, "add_section then get_section gives the entries back");
    require(params.override(params) == params && params.set_defaults(ConfigParams{}) == params,
            "override / set_defaults with itself or nothing change nothing");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto params = ConfigParams::from_string(pip::fuzz::as_text(data, size));
    check_entries(params);
    check_round_trip(params);
    check_sections(params);
    return 0;
}
