module pip.auth;

namespace pip::auth {
namespace {

constexpr auto npos = std::string_view::npos;

// How many URI levels are masked part by part: the outer URI and two levels of URIs nested in parameter values;
// a URI nested deeper is masked whole.
constexpr int max_uri_depth = 3;

std::string_view trim_ascii(std::string_view text) {
    constexpr std::string_view spaces = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(spaces);
    if (first == npos) return {};
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view text) {
    std::string lower(text);
    std::ranges::transform(lower, lower.begin(), [](char c) { return to_lower(c); });
    return lower;
}

std::string_view without_trailing_digits(std::string_view word) {
    while (!word.empty() && is_digit(word.back())) word.remove_suffix(1);
    return word;
}

int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Calls `visit` with each part of `text` between any of `separators`, empty parts included.
template <class Visit>
void for_each_part(std::string_view text, std::string_view separators, Visit visit) {
    while (true) {
        const auto end = text.find_first_of(separators);
        visit(text.substr(0, end));
        if (end == npos) return;
        text = text.substr(end + 1);
    }
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
    return std::ranges::find(words, word) != words.end();
}

// The lower-case words of a name: split at `_`, `-`, space, and before an upper-case letter that follows a
// lower-case letter or a digit (`apiKeyId` -> api, key, id).
std::vector<std::string> words_of(std::string_view name) {
    std::vector<std::string> words(1);
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (c == '_' || c == '-' || c == ' ') {
            words.emplace_back();
            continue;
        }
        if (is_upper(c) && i > 0 && (is_lower(name[i - 1]) || is_digit(name[i - 1]))) words.emplace_back();
        words.back() += to_lower(c);
    }
    return words;
}

// A segment that names a secret wherever it stands in a key (`credential.password.value`).
bool names_a_secret_anywhere(std::string_view lower_segment) {
    constexpr std::array<std::string_view, 10> secret_parts = {
        "password", "passwd", "passphrase", "secret", "token", "authorization", "bearer", "cookie", "signature", "jwt"};
    return std::ranges::any_of(secret_parts,
                               [&](std::string_view part) { return lower_segment.find(part) != npos; });
}

// The last segment of a key, by its words and its ending.
bool names_a_secret_last(std::string_view segment) {
    constexpr std::array<std::string_view, 8> secret_words = {"key", "pass", "pwd",        "auth",
                                                              "sig", "sas",  "credential", "credentials"};
    constexpr std::array<std::string_view, 4> secret_endings = {"key", "pass", "pwd", "auth"};
    for (const auto& word : words_of(segment))
        if (is_one_of(without_trailing_digits(word), secret_words)) return true;
    const auto lower = to_lower(segment);
    const auto stem = without_trailing_digits(lower);
    return std::ranges::any_of(secret_endings, [&](std::string_view ending) { return stem.ends_with(ending); });
}

// Pip's section names, which hold entries rather than name a value.
bool is_section_name(std::string_view lower_segment) {
    constexpr std::array<std::string_view, 5> sections = {"connection", "connections", "credential", "credentials",
                                                          "options"};
    return is_one_of(lower_segment, sections);
}

// A copy of `source` in which some of its parts (views into it, given left to right, not overlapping) are
// replaced.
class Redaction {
public:
    explicit Redaction(std::string_view source) : source_(source), copied_up_to_(source.data()) {}

    void replace(std::string_view part, std::string_view replacement) {
        text_.append(copied_up_to_, part.data());
        text_ += replacement;
        copied_up_to_ = part.data() + part.size();
    }

    [[nodiscard]] std::string finish() && {
        text_.append(copied_up_to_, source_.data() + source_.size());
        return std::move(text_);
    }

private:
    std::string_view source_;
    const char* copied_up_to_;
    std::string text_;
};

std::string mask_uri(std::string_view value, int depth);

// Ports that are not numbers: with a scheme and no `@`, a password reads as a port (`http://admin:S3CRET`).
void mask_ports(std::string_view servers, Redaction& out) {
    for_each_part(servers, ",", [&](std::string_view server) {
        const auto port = split_server(server).port;
        if (port && !port->empty() && !std::ranges::all_of(*port, is_digit)) out.replace(*port, masked_value);
    });
}

// Query or fragment parameters (`a=1&b=2#c=3`): the values of secret names, and URIs inside values.
void mask_parameters(std::string_view parameters, int depth, Redaction& out) {
    for_each_part(parameters, "&#", [&](std::string_view parameter) {
        const auto equals = parameter.find('=');
        if (equals == npos) {
            if (const auto at = parameter.rfind('@'); at != npos && at > 0)
                out.replace(parameter.substr(0, at), masked_value);
            return;
        }
        const auto value = parameter.substr(equals + 1);
        if (is_secret_key(parameter.substr(0, equals))) {
            out.replace(value, masked_value);
            return;
        }
        const auto decoded = percent_decode(value);
        if (depth + 1 >= max_uri_depth) {
            if (decoded.find_first_of("@:=") != npos) out.replace(value, masked_value);
            return;
        }
        // An encoded URI is masked whole: its masked form could not be written back encoded as it was.
        if (auto masked = mask_uri(decoded, depth + 1); masked != decoded)
            out.replace(value, decoded == value ? std::string_view(masked) : masked_value);
    });
}

std::string mask_uri(std::string_view value, int depth) {
    const auto text = trim_ascii(value);
    if (text.empty()) return std::string(value);
    const auto parts = split_uri(text);
    Redaction out(value);
    if (parts.user_info) out.replace(*parts.user_info, masked_value);

    // A fragment after the user-info holds parameters as a query does (`#access_token=...`).
    const auto tail = text.substr(static_cast<std::size_t>(parts.servers.data() - text.data()));
    const auto hash = tail.find('#');
    const auto* const fragment_start = hash == npos ? tail.data() + tail.size() : tail.data() + hash;
    const auto before_fragment = [&](std::string_view part) {
        const auto* const end = std::min(part.data() + part.size(), fragment_start);
        return part.data() < end ? std::string_view(part.data(), static_cast<std::size_t>(end - part.data()))
                                 : std::string_view{};
    };
    if (parts.scheme) mask_ports(before_fragment(parts.servers), out);
    if (parts.query) mask_parameters(before_fragment(*parts.query), depth, out);
    if (hash != npos) mask_parameters(tail.substr(hash + 1), depth, out);
    return std::move(out).finish();
}

// A nested connection string: `a=1;b=2`, or `name=value` whose name has no URI punctuation.
bool looks_like_connection_string(std::string_view value) {
    if (value.find(';') != npos) return true;
    const auto equals = value.find('=');
    return equals != npos && equals > 0 && value.substr(0, equals).find_first_of(":/?@&") == npos;
}

std::optional<std::string> mask_value(std::string_view key, const std::optional<std::string>& value,
                                      bool look_inside_connection_strings);

config::ConfigParams mask_entries(const config::ConfigParams& config, bool look_inside_connection_strings) {
    config::ConfigParams masked;
    for (const auto& [key, value] : config) masked.put(key, mask_value(key, value, look_inside_connection_strings));
    return masked;
}

std::string_view last_segment(std::string_view key) {
    const auto dot = key.rfind('.');
    return dot == npos ? key : key.substr(dot + 1);
}

// The `port` and `servers` that parse_uri writes: a password lands there when a URI lacks its `@`.
std::optional<std::string> mask_address_value(std::string_view name, const std::string& value) {
    if (name == "port")
        return std::ranges::all_of(value, [](char c) { return is_digit(c) || c == ','; }) ? value
                                                                                           : std::string(masked_value);
    if (name == "servers") {
        Redaction out(value);
        mask_ports(value, out);
        return std::move(out).finish();
    }
    return std::nullopt;
}

std::optional<std::string> mask_value(std::string_view key, const std::optional<std::string>& value,
                                      bool look_inside_connection_strings) {
    if (!value) return std::nullopt;
    if (is_secret_key(key)) return std::string(masked_value);
    if (auto address = mask_address_value(last_segment(key), *value)) return address;
    // One level only: the nested entries are masked without looking further inside, so depth stays bounded.
    // The text may also read as a URI whose user-info holds `=` or `;` (`us=er:pw@h`): mask both readings.
    if (look_inside_connection_strings && looks_like_connection_string(*value))
        return mask_uri_secrets(mask_entries(config::ConfigParams::from_string(*value), false).to_string());
    return mask_uri_secrets(*value);
}

}  // namespace

UriParts split_uri(std::string_view uri) noexcept {
    const auto text = trim_ascii(uri);
    UriParts parts;
    const auto first_question = text.find('?', 1);
    const auto query_values = first_question == npos ? npos : text.find('=', first_question);

    auto rest = text;
    if (const auto scheme = text.substr(0, first_question).find("://", 1); scheme != npos) {
        parts.scheme = text.substr(0, scheme);
        rest = text.substr(scheme + 3);
    }
    // The last '@' before the query's values ends the user-info: a password may hold any character but '='
    // after a '?' (a host never holds an '@').
    const auto rest_start = static_cast<std::size_t>(rest.data() - text.data());
    const auto before_values = query_values == npos ? rest : rest.substr(0, query_values - rest_start);
    if (const auto at = before_values.rfind('@'); at != npos && at > 0) {
        parts.user_info = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    if (const auto question = rest.find('?', rest.data() == text.data() ? 1 : 0); question != npos) {
        parts.query = rest.substr(question + 1);
        rest = rest.substr(0, question);
    }
    if (const auto slash = rest.find('/', 1); slash != npos) {
        parts.path = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    parts.servers = rest;
    return parts;
}

ServerParts split_server(std::string_view server) noexcept {
    const auto colon = server.find(':', 1);
    if (colon == npos) return {server, std::nullopt};
    return {server.substr(0, colon), server.substr(colon + 1)};
}

std::string percent_decode(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            decoded += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            decoded += text[i];
        }
    }
    return decoded;
}

bool is_secret_key(std::string_view key) {
    const auto name = percent_decode(key);
    std::vector<std::string_view> segments;
    for_each_part(name, ".", [&](std::string_view segment) { segments.push_back(segment); });
    const auto last = to_lower(segments.back());
    if (last == "discovery_key" || last == "store_key") return false;
    const std::size_t first = segments.size() > 1 && is_section_name(to_lower(segments.front())) ? 1 : 0;
    for (std::size_t i = first; i < segments.size(); ++i)
        if (names_a_secret_anywhere(to_lower(segments[i]))) return true;
    return names_a_secret_last(segments.back());
}

std::string mask_uri_secrets(std::string_view value) { return mask_uri(value, 0); }

config::ConfigParams mask_secrets(const config::ConfigParams& config) { return mask_entries(config, true); }

std::string to_safe_string(const config::ConfigParams& config) { return mask_secrets(config).to_string(); }

}  // namespace pip::auth
