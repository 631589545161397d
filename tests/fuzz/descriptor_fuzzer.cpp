// Fuzzes Descriptor::from_string. The whole input is one descriptor text; its lines, taken in pairs, check the
// relations between two descriptors.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
import pip.refer;

using pip::fuzz::require;
using pip::refer::Descriptor;
using pip::refer::DescriptorView;

namespace {

constexpr std::string_view spaces = " \t\r\n\f\v";

/// Parses like Descriptor::from_string, checking the rejection contract; empty when the text is rejected.
std::optional<Descriptor> parse_checked(std::string_view text) {
    const bool five_fields = std::ranges::count(text, ':') == 4;
    try {
        auto descriptor = Descriptor::from_string(text);
        require(text.empty() ? !descriptor : descriptor.has_value(), "only empty text gives no descriptor");
        require(text.empty() || five_fields, "text without exactly five fields is rejected");
        return descriptor;
    } catch (const pip::errors::ConfigException& error) {
        require(!text.empty() && !five_fields, "only text without exactly five fields is rejected");
        require(error.code() == "BAD_DESCRIPTOR", "the rejection has code BAD_DESCRIPTOR");
        require(error.details().at("descriptor") == text, "details[\"descriptor\"] is the rejected text");
        return std::nullopt;
    }
}

void check_one(const Descriptor& descriptor, std::string_view text) {
    const auto view = DescriptorView::parse(text);
    require(view && Descriptor(*view) == descriptor, "the constexpr parser (the literal's) agrees");

    for (const auto& field : descriptor.view().fields) {
        if (!field) continue;
        require(*field != "*", "a `*` field is a wildcard, never a value");
        require(field->find(':') == std::string_view::npos, "a field holds no `:`");
        require(field->empty() || (spaces.find(field->front()) == std::string_view::npos &&
                                   spaces.find(field->back()) == std::string_view::npos),
                "fields are trimmed");
    }
    require(descriptor.is_complete() == descriptor.view().is_complete(), "is_complete agrees with the view");

    const auto again = Descriptor::from_string(descriptor.to_string());
    require(again && *again == descriptor, "from_string(to_string(d)) == d");
    require(again->hash() == descriptor.hash(), "equal descriptors hash equally");
    require(descriptor.match(descriptor) && descriptor.exact_match(descriptor), "match and exact_match are reflexive");
    require(Descriptor().match(descriptor), "the all-wildcard descriptor matches everything");
}

/// NameResolver reads the name field of a `descriptor` key with its own split: it must agree with Descriptor.
void check_name_resolver(std::string_view text, const std::optional<Descriptor>& descriptor) {
    const auto config = pip::config::ConfigParams::from_tuples("descriptor", text);
    std::optional<std::string> name;
    try {
        name = pip::config::NameResolver::resolve(config, "default");
    } catch (const pip::errors::ConfigException& error) {
        require(!descriptor && !text.empty() && error.code() == "BAD_DESCRIPTOR",
                "NameResolver rejects what Descriptor rejects, with BAD_DESCRIPTOR");
        return;
    }
    require(descriptor || text.empty(), "NameResolver rejects what Descriptor rejects");
    const auto expected = descriptor ? descriptor->get_name().value_or("default") : std::string("default");
    require(name == expected, "NameResolver's name is the descriptor's name field (trimmed the same way)");
}

void check_pair(const Descriptor& a, const Descriptor& b) {
    require(a.match(b) == b.match(a), "match is symmetric");
    require(a.match(b) == a.view().match(b.view()), "the owning and view matches agree");
    require(!a.exact_match(b) || a.match(b), "exact_match implies match");
    require((a == b) == a.exact_match(b), "== is exact_match");
    require(a != b || std::hash<Descriptor>{}(a) == std::hash<Descriptor>{}(b), "std::hash is consistent with ==");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = pip::fuzz::as_text(data, size);
    const auto whole = parse_checked(text);
    if (whole) check_one(*whole, text);
    check_name_resolver(text, whole);

    std::vector<Descriptor> lines;
    for (std::size_t begin = 0; begin < text.size();) {
        const auto end = std::min(text.find('\n', begin), text.size());
        const auto line = text.substr(begin, end - begin);
        if (auto descriptor = parse_checked(line)) {
            check_one(*descriptor, line);
            lines.push_back(std::move(*descriptor));
        }
        begin = end + 1;
    }
    for (std::size_t i = 1; i < lines.size(); ++i) check_pair(lines[i - 1], lines[i]);
    return 0;
}
