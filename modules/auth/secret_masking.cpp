module pip.auth;

namespace pip::auth {
namespace {

std::string to_lower(std::string_view text) {
    std::string lower(text);
    for (auto& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

std::string_view last_segment(std::string_view key) {
    const auto dot = key.rfind('.');
    return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

// Calls `visit` with each `_`- or `-`-separated word of `name`.
template <class Visit>
void for_each_word(std::string_view name, Visit visit) {
    while (true) {
        const auto end = name.find_first_of("_-");
        visit(name.substr(0, end));
        if (end == std::string_view::npos) return;
        name = name.substr(end + 1);
    }
}

// `query` masked parameter by parameter: `name=value` becomes `name=***` when name is a secret key.
std::string mask_query(std::string_view query) {
    std::string result;
    while (true) {
        const auto amp = query.find('&');
        const auto parameter = query.substr(0, amp);
        const auto equals = parameter.find('=');
        if (equals != std::string_view::npos && is_secret_key(parameter.substr(0, equals)))
            (result += parameter.substr(0, equals + 1)) += masked_value;
        else
            result += parameter;
        if (amp == std::string_view::npos) return result;
        result += '&';
        query = query.substr(amp + 1);
    }
}

// A nested connection string: `a=1;b=2`, or `name=value` whose name has no URI punctuation.
bool looks_like_connection_string(std::string_view value) {
    if (value.find(';') != std::string_view::npos) return true;
    const auto equals = value.find('=');
    return equals != std::string_view::npos && equals > 0 &&
           value.substr(0, equals).find_first_of(":/?@&") == std::string_view::npos;
}

std::optional<std::string> mask_value(std::string_view key, const std::optional<std::string>& value,
                                      bool look_inside_connection_strings);

config::ConfigParams mask_entries(const config::ConfigParams& config, bool look_inside_connection_strings) {
    config::ConfigParams masked;
    for (const auto& [key, value] : config) masked.put(key, mask_value(key, value, look_inside_connection_strings));
    return masked;
}

std::optional<std::string> mask_value(std::string_view key, const std::optional<std::string>& value,
                                      bool look_inside_connection_strings) {
    if (!value) return std::nullopt;
    if (is_secret_key(key)) return std::string(masked_value);
    // One level only: the nested entries are masked without looking further inside, so depth stays bounded.
    // The text may also read as a URI whose user-info holds `=` or `;` (`us=er:pw@h`): mask both readings.
    if (look_inside_connection_strings && looks_like_connection_string(*value))
        return mask_uri_secrets(mask_entries(config::ConfigParams::from_string(*value), false).to_string());
    return mask_uri_secrets(*value);
}

}  // namespace

bool is_secret_key(std::string_view key) {
    const auto name = to_lower(last_segment(key));
    if (name == "discovery_key" || name == "store_key") return false;
    for (std::string_view part : {"password", "passwd", "secret", "token"})
        if (name.find(part) != std::string::npos) return true;
    bool secret_word = false;
    for_each_word(name, [&](std::string_view word) {
        secret_word = secret_word || word == "key" || word == "pass" || word == "pwd";
    });
    return secret_word || name.ends_with("key") || name.ends_with("pass") || name.ends_with("pwd");
}

std::string mask_uri_secrets(std::string_view value) {
    // Split where ConnectionUtils::parse_uri splits: the query at the first `?`, then the scheme at the first
    // `://`, each only past the start of the trimmed text; the user-info ends at the last `@` before the query.
    constexpr auto npos = std::string_view::npos;
    const auto start = std::min(value.find_first_not_of(" \t\r\n\f\v"), value.size());
    auto question = value.find('?', start);
    if (question == start) question = npos;
    const auto before_query = value.substr(0, question);
    const auto scheme = before_query.find("://", start);
    const auto authority_start = scheme == npos || scheme == start ? start : scheme + 3;

    std::string result(before_query);
    if (const auto at = before_query.rfind('@'); at != npos) {
        // An `@` inside the scheme is not user-info for parse_uri; masking from the start is the safe side.
        const auto mask_from = at >= authority_start ? authority_start : start;
        result = std::string(before_query.substr(0, mask_from)) + std::string(masked_value) +
                 std::string(before_query.substr(at));
    }
    if (question != npos) (result += '?') += mask_query(value.substr(question + 1));
    return result;
}

config::ConfigParams mask_secrets(const config::ConfigParams& config) { return mask_entries(config, true); }

std::string to_safe_string(const config::ConfigParams& config) { return mask_secrets(config).to_string(); }

}  // namespace pip::auth
