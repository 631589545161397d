// pip.config:config_params: ConfigParams, Pip's insertion-ordered string map with optional values.
//
// Choices (decisions.md "Values and maps"): keys are case-sensitive and keep insertion order; a key may be
// present with no value; `from_string` follows the Node rule (split at the first `=` past position 0, trim
// key and value); booleans are written `true`/`false`.
// Trimming (`from_string` keys and values, the text of numbers) removes ASCII white space only (space, `\t`,
// `\n`, `\v`, `\f`, `\r`): a no-break space or any other Unicode space is kept, as a byte string knows no more.
// Numbers may start with one `+` (`+5` reads 5, as in the originals); booleans are read untrimmed (`" n "` is no
// boolean, as in the originals).
// Cost: the entries sit in a vector in insertion order, beside a hash index from key to position, so `get`,
// `contains` and `put` are O(1) on average and parsing, merging and sections are linear; `remove` is linear
// (the entries after the removed one move up a place).
//
// The index is a std::unordered_map with heterogeneous lookup rather than Boost 1.81's unordered_flat_map: this
// class is instantiated in every importer, and Boost 1.81's open-addressing tables call `static inline`
// (internal-linkage) helpers, which an importing unit cannot use.

namespace pip::config::detail {

/// Hashes `std::string` keys and `std::string_view` probes alike, so lookups need no temporary string.
struct KeyHash {
    using is_transparent = void;
    [[nodiscard]] std::size_t operator()(std::string_view key) const noexcept {
        return std::hash<std::string_view>{}(key);
    }
};

}  // namespace pip::config::detail

export namespace pip::config {

/// A value ConfigParams can store: text, a number, a boolean, or "no value".
template <class T>
concept ConfigValue = std::convertible_to<const T&, std::string_view> || std::is_arithmetic_v<T> ||
                      std::same_as<T, std::nullopt_t> || std::same_as<T, std::nullptr_t> ||
                      std::same_as<T, std::optional<std::string>>;

/// Pip's text form of a value: numbers in plain decimal, booleans `true`/`false`, null as no value.
template <ConfigValue T>
[[nodiscard]] std::optional<std::string> to_config_value(const T& value) {
    if constexpr (std::same_as<T, std::nullopt_t> || std::same_as<T, std::nullptr_t>) {
        return std::nullopt;
    } else if constexpr (std::same_as<T, std::optional<std::string>>) {
        return value;
    } else if constexpr (std::same_as<T, bool>) {
        return value ? "true" : "false";
    } else if constexpr (std::is_arithmetic_v<T>) {
        char text[64];
        auto [end, ec] = std::to_chars(std::begin(text), std::end(text), value);
        return std::string(text, end);
    } else {
        return std::string(std::string_view(value));
    }
}

class ConfigParams {
public:
    using value_type = std::pair<std::string, std::optional<std::string>>;
    using const_iterator = std::vector<value_type>::const_iterator;

    ConfigParams() = default;
    ConfigParams(std::initializer_list<value_type> entries) {
        for (const auto& [key, value] : entries) put(key, value);
    }

    /// Alternating keys and values; a trailing key without a value is ignored.
    template <ConfigValue... Args>
    [[nodiscard]] static ConfigParams from_tuples(const Args&... args) {
        ConfigParams result;
        result.reserve(sizeof...(Args) / 2);
        std::vector<std::optional<std::string>> items{to_config_value(args)...};
        for (std::size_t i = 0; i + 1 < items.size(); i += 2) result.put(items[i].value_or(""), items[i + 1]);
        return result;
    }
    /// Parses `k1=v1;k2=v2;k3`: empty tokens skipped, a token without `=` past position 0 is a key with no value.
    [[nodiscard]] static ConfigParams from_string(std::string_view text);
    /// A new map holding every entry of `configs`, later ones winning.
    [[nodiscard]] static ConfigParams merge_configs(std::initializer_list<std::reference_wrapper<const ConfigParams>> configs);
    template <std::derived_from<ConfigParams>... Configs>
    [[nodiscard]] static ConfigParams merge_configs(const Configs&... configs) {
        return merge_configs({std::cref(static_cast<const ConfigParams&>(configs))...});
    }

    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
    [[nodiscard]] const_iterator begin() const noexcept { return entries_.begin(); }
    [[nodiscard]] const_iterator end() const noexcept { return entries_.end(); }
    [[nodiscard]] bool contains(std::string_view key) const { return find(key) != nullptr; }
    [[nodiscard]] std::vector<std::string> get_keys() const;

    /// The stored value: empty when the key is missing or has no value.
    [[nodiscard]] std::optional<std::string> get(std::string_view key) const;
    /// Sets `key`, keeping its position when it exists, appending it otherwise.
    void put(std::string_view key, std::optional<std::string> value);
    template <ConfigValue T>
    void put(std::string_view key, const T& value) {
        put(key, to_config_value(value));
    }
    template <ConfigValue T>
    void set_as_object(std::string_view key, const T& value) {
        put(key, to_config_value(value));
    }
    /// Room for `count` entries in all, so that parsing a large text reallocates and rehashes nothing.
    void reserve(std::size_t count);
    void remove(std::string_view key);
    void append(const ConfigParams& other);
    void clear() noexcept;

    [[nodiscard]] std::optional<std::string> get_as_nullable_string(std::string_view key) const { return get(key); }
    [[nodiscard]] std::string get_as_string(std::string_view key) const { return get(key).value_or(""); }
    [[nodiscard]] std::string get_as_string_with_default(std::string_view key, std::string_view default_value) const;
    /// Integers accept decimal text, with an optional leading `+`, and truncate decimals (`"3.5"` reads 3);
    /// anything else reads as missing.
    [[nodiscard]] std::optional<int> get_as_nullable_integer(std::string_view key) const;
    [[nodiscard]] int get_as_integer(std::string_view key) const { return get_as_integer_with_default(key, 0); }
    [[nodiscard]] int get_as_integer_with_default(std::string_view key, int default_value) const;
    [[nodiscard]] std::optional<std::int64_t> get_as_nullable_long(std::string_view key) const;
    [[nodiscard]] std::int64_t get_as_long(std::string_view key) const { return get_as_long_with_default(key, 0); }
    [[nodiscard]] std::int64_t get_as_long_with_default(std::string_view key, std::int64_t default_value) const;
    [[nodiscard]] std::optional<double> get_as_nullable_double(std::string_view key) const;
    [[nodiscard]] double get_as_double(std::string_view key) const { return get_as_double_with_default(key, 0.0); }
    [[nodiscard]] double get_as_double_with_default(std::string_view key, double default_value) const;
    /// `1,true,t,yes,y` read true and `0,false,f,no,n` read false, case-insensitively and untrimmed.
    [[nodiscard]] std::optional<bool> get_as_nullable_boolean(std::string_view key) const;
    [[nodiscard]] bool get_as_boolean(std::string_view key) const { return get_as_boolean_with_default(key, false); }
    [[nodiscard]] bool get_as_boolean_with_default(std::string_view key, bool default_value) const;

    /// The part of each key before its first `.` (when that dot is past position 0), else the whole key.
    [[nodiscard]] std::vector<std::string> get_section_names() const;
    /// Every `section.<rest>` entry as `<rest>`; empty when there is none.
    [[nodiscard]] ConfigParams get_section(std::string_view section) const;
    /// Adds `params` under `section.`; an empty name or one starting with `#` or `!` is a shadow name
    /// (treated as empty), as in Pip's Python and .NET ports.
    void add_section(std::string_view section, const ConfigParams& params);
    /// A copy in which `other`'s values win.
    [[nodiscard]] ConfigParams override(const ConfigParams& other) const;
    /// A copy in which this map's values win over `defaults`; `defaults`' keys come first.
    [[nodiscard]] ConfigParams set_defaults(const ConfigParams& defaults) const;

    /// `k1=v1;k2=v2`; a key with no value is written as `k`. Values are written as stored.
    [[nodiscard]] std::string to_string() const;

    /// Same entries in the same order (the index follows from them).
    friend bool operator==(const ConfigParams& a, const ConfigParams& b) { return a.entries_ == b.entries_; }

private:
    [[nodiscard]] const std::optional<std::string>* find(std::string_view key) const;

    std::vector<value_type> entries_;
    /// Key -> position in `entries_`.
    std::unordered_map<std::string, std::size_t, detail::KeyHash, std::equal_to<>> index_;
};

}  // namespace pip::config
