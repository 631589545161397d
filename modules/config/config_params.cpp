module pip.config;

namespace pip::config {
namespace {

std::string_view trim(std::string_view text) {
    constexpr std::string_view spaces = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

// The text of a number: trimmed, without the one leading `+` that std::from_chars does not accept (`+-5` and
// `++5` stay invalid).
std::string_view number_text(std::string_view value) {
    auto text = trim(value);
    if (text.size() > 1 && text.front() == '+' && text[1] != '+' && text[1] != '-') text.remove_prefix(1);
    return text;
}

template <std::integral Int>
std::optional<Int> parse_integer(std::optional<std::string> const& value) {
    if (!value) return std::nullopt;
    const auto text = number_text(*value);
    Int result{};
    const auto* last = text.data() + text.size();
    if (auto [end, ec] = std::from_chars(text.data(), last, result); end == last) {
        if (ec == std::errc{}) return result;
        if (ec == std::errc::result_out_of_range) return std::nullopt;  // all digits, but too big for Int
    }
    // Pip truncates decimal text ("3.5" reads 3) when it fits the integer type. The range is checked as
    // [min, -min): both bounds are exact powers of two in a double, whereas `<= max` would round max up to
    // 2^63 for int64 and let an out-of-range value reach the (undefined) conversion.
    constexpr auto lowest = static_cast<double>(std::numeric_limits<Int>::min());
    double real{};
    if (auto [end, ec] = std::from_chars(text.data(), last, real);
        ec == std::errc{} && end == last && real >= lowest && real < -lowest)
        return static_cast<Int>(real);
    return std::nullopt;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

bool is_shadow_name(std::string_view name) { return name.empty() || name.front() == '#' || name.front() == '!'; }

// The non-empty `;`-separated tokens of `text`: at most the entries it parses to, and never more than half its
// length, so reserving them costs no more memory than the entries could.
std::size_t token_count(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] != ';' && (i == 0 || text[i - 1] == ';')) ++count;
    return count;
}

}  // namespace

ConfigParams ConfigParams::from_string(std::string_view text) {
    ConfigParams result;
    result.reserve(token_count(text));
    while (!text.empty()) {
        const auto separator = text.find(';');
        const auto token = text.substr(0, separator);
        text = separator == std::string_view::npos ? std::string_view{} : text.substr(separator + 1);
        if (token.empty()) continue;
        if (const auto equals = token.find('='); equals != std::string_view::npos && equals > 0)
            result.put(trim(token.substr(0, equals)), std::string(trim(token.substr(equals + 1))));
        else
            result.put(trim(token), std::nullopt);
    }
    return result;
}

ConfigParams ConfigParams::merge_configs(std::initializer_list<std::reference_wrapper<const ConfigParams>> configs) {
    ConfigParams result;
    std::size_t most = 0;
    for (const ConfigParams& config : configs) most += config.size();
    result.reserve(most);
    for (const ConfigParams& config : configs) result.append(config);
    return result;
}

std::vector<std::string> ConfigParams::get_keys() const {
    std::vector<std::string> keys;
    keys.reserve(entries_.size());
    for (const auto& entry : entries_) keys.push_back(entry.first);
    return keys;
}

const std::optional<std::string>* ConfigParams::find(std::string_view key) const {
    const auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second].second;
}

std::optional<std::string> ConfigParams::get(std::string_view key) const {
    const auto* value = find(key);
    return value ? *value : std::nullopt;
}

void ConfigParams::put(std::string_view key, std::optional<std::string> value) {
    if (const auto it = index_.find(key); it != index_.end()) {
        entries_[it->second].second = std::move(value);
        return;
    }
    entries_.emplace_back(std::string(key), std::move(value));
    try {
        index_.emplace(entries_.back().first, entries_.size() - 1);
    } catch (...) {
        entries_.pop_back();  // keep the entries and the index in step
        throw;
    }
}

void ConfigParams::reserve(std::size_t count) {
    entries_.reserve(count);
    index_.reserve(count);
}

void ConfigParams::remove(std::string_view key) {
    const auto it = index_.find(key);
    if (it == index_.end()) return;
    const auto position = it->second;
    index_.erase(it);
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(position));
    for (auto i = position; i < entries_.size(); ++i) index_.find(entries_[i].first)->second = i;
}

void ConfigParams::append(const ConfigParams& other) {
    for (const auto& [key, value] : other.entries_) put(key, value);
}

void ConfigParams::clear() noexcept {
    entries_.clear();
    index_.clear();
}

std::string ConfigParams::get_as_string_with_default(std::string_view key, std::string_view default_value) const {
    auto value = get(key);
    return value ? std::move(*value) : std::string(default_value);
}

std::optional<int> ConfigParams::get_as_nullable_integer(std::string_view key) const {
    return parse_integer<int>(get(key));
}

int ConfigParams::get_as_integer_with_default(std::string_view key, int default_value) const {
    return get_as_nullable_integer(key).value_or(default_value);
}

std::optional<std::int64_t> ConfigParams::get_as_nullable_long(std::string_view key) const {
    return parse_integer<std::int64_t>(get(key));
}

std::int64_t ConfigParams::get_as_long_with_default(std::string_view key, std::int64_t default_value) const {
    return get_as_nullable_long(key).value_or(default_value);
}

std::optional<double> ConfigParams::get_as_nullable_double(std::string_view key) const {
    const auto value = get(key);
    if (!value) return std::nullopt;
    const auto text = number_text(*value);
    double result{};
    const auto* last = text.data() + text.size();
    if (auto [end, ec] = std::from_chars(text.data(), last, result); ec == std::errc{} && end == last) return result;
    return std::nullopt;
}

double ConfigParams::get_as_double_with_default(std::string_view key, double default_value) const {
    return get_as_nullable_double(key).value_or(default_value);
}

std::optional<bool> ConfigParams::get_as_nullable_boolean(std::string_view key) const {
    const auto value = get(key);
    if (!value) return std::nullopt;
    const std::string_view text = *value;
    for (std::string_view yes : {"1", "true", "t", "yes", "y"})
        if (equals_ignoring_case(text, yes)) return true;
    for (std::string_view no : {"0", "false", "f", "no", "n"})
        if (equals_ignoring_case(text, no)) return false;
    return std::nullopt;
}

bool ConfigParams::get_as_boolean_with_default(std::string_view key, bool default_value) const {
    return get_as_nullable_boolean(key).value_or(default_value);
}

std::vector<std::string> ConfigParams::get_section_names() const {
    std::vector<std::string> names;
    std::unordered_set<std::string_view> seen;
    for (const auto& [key, value] : entries_) {
        const std::string_view whole = key;
        const auto dot = whole.find('.');
        const auto name = dot != std::string_view::npos && dot > 0 ? whole.substr(0, dot) : whole;
        if (seen.insert(name).second) names.emplace_back(name);
    }
    return names;
}

ConfigParams ConfigParams::get_section(std::string_view section) const {
    ConfigParams result;
    for (const auto& [key, value] : entries_) {
        const std::string_view whole = key;
        if (whole.size() > section.size() && whole.starts_with(section) && whole[section.size()] == '.')
            result.put(whole.substr(section.size() + 1), value);
    }
    return result;
}

void ConfigParams::add_section(std::string_view section, const ConfigParams& params) {
    const auto prefix = is_shadow_name(section) ? std::string_view{} : section;
    for (const auto& [raw_key, value] : params.entries_) {
        const auto key = is_shadow_name(raw_key) ? std::string_view{} : std::string_view(raw_key);
        if (!key.empty() && !prefix.empty())
            put(std::string(prefix) + "." + std::string(key), value);
        else
            put(key.empty() ? prefix : key, value);
    }
}

ConfigParams ConfigParams::override(const ConfigParams& other) const { return merge_configs(*this, other); }

ConfigParams ConfigParams::set_defaults(const ConfigParams& defaults) const { return merge_configs(defaults, *this); }

std::string ConfigParams::to_string() const {
    std::string text;
    for (const auto& [key, value] : entries_) {
        if (!text.empty()) text += ';';
        text += key;
        if (value) (text += '=') += *value;
    }
    return text;
}

}  // namespace pip::config
