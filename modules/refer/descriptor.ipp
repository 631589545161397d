// pip.refer:descriptor: Descriptor (group:type:kind:name:version with `*` wildcards), its constexpr view,
// and the compile-time checked `_descriptor` literal.
//
// One matching rule: DescriptorView holds the five fields as optional string views (empty optional = wildcard),
// and both the owning Descriptor and the literal match through it. One hash: `detail::hash_text`, constexpr, so
// a literal's field hashes are computed by the compiler and References' indexes use the same function at run time.
//
// Deliberate difference from the originals (decisions.md): `operator==` is exact structural equality, so
// Descriptor is a regular type and a hash key; Pip's wildcard "equality" is spelled `equals()` / `match()`.

namespace pip::refer::detail {

inline constexpr std::size_t descriptor_field_count = 5;

constexpr std::string_view trim_spaces(std::string_view text) {
    constexpr std::string_view spaces = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

constexpr std::size_t count_fields(std::string_view text) {
    return static_cast<std::size_t>(std::ranges::count(text, ':')) + 1;
}

/// murmur3's 64-bit finaliser: every input bit reaches every output bit (boost::unordered may skip its own mix).
constexpr std::uint64_t mix(std::uint64_t hash) noexcept {
    hash ^= hash >> 33U;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33U;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 33U);
}

/// `count` (at most 8) bytes of `text` from `at`, little-endian.
constexpr std::uint64_t load_bytes(std::string_view text, std::size_t at, std::size_t count) noexcept {
    std::uint64_t word = 0;
    if (count == 0) return word;  // an empty view's data() may be null, which memcpy must not get
    if (std::is_constant_evaluated()) {
        for (std::size_t i = 0; i < count; ++i)
            word |= std::uint64_t{static_cast<unsigned char>(text[at + i])} << (8 * i);
    } else {
        std::memcpy(&word, text.data() + at, count);  // one load where the constexpr loop would be eight
    }
    return word;
}

/// The hash of a text, usable at compile time: a word at a time, since descriptor fields are a few bytes long
/// and std::hash (not constexpr) costs an out-of-line call.
constexpr std::uint64_t hash_text(std::string_view text) noexcept {
    std::uint64_t hash = 0x9e3779b97f4a7c15ULL * (text.size() + 1);
    std::size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) hash = mix(hash ^ load_bytes(text, at, 8));
    return mix(hash ^ load_bytes(text, at, text.size() - at));
}

/// The hash a wildcard field contributes (no text hashes to it but by chance).
inline constexpr std::uint64_t wildcard_hash = 0x2545f4914f6cdd1dULL;

/// The hash of a whole descriptor from its field hashes.
constexpr std::uint64_t combine_hashes(const std::array<std::uint64_t, descriptor_field_count>& field_hashes) noexcept {
    std::uint64_t hash = 0;
    for (const auto field : field_hashes) hash = (hash ^ field) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
    return mix(hash);
}

}  // namespace pip::refer::detail

export namespace pip::refer {

/// One descriptor field: a value, or empty for the `*` wildcard. `""` is a value, not a wildcard.
using DescriptorField = std::optional<std::string_view>;

/// A non-owning, constexpr view of the five descriptor fields. A parsed view (and so every `_descriptor`
/// literal) also carries its field hashes and their combination, computed where it was parsed: at compile time
/// for a literal.
struct DescriptorView {
    std::array<DescriptorField, detail::descriptor_field_count> fields{};
    std::array<std::uint64_t, detail::descriptor_field_count> field_hashes{};  // valid when `hashed`
    std::uint64_t combined_hash = 0;                                           // hash(); valid when `hashed`
    bool hashed = false;

    [[nodiscard]] constexpr DescriptorField group() const { return fields[0]; }
    [[nodiscard]] constexpr DescriptorField type() const { return fields[1]; }
    [[nodiscard]] constexpr DescriptorField kind() const { return fields[2]; }
    [[nodiscard]] constexpr DescriptorField name() const { return fields[3]; }
    [[nodiscard]] constexpr DescriptorField version() const { return fields[4]; }

    /// Pip's partial match: per field, a wildcard on either side matches anything, values compare exactly
    /// (case-sensitive). Symmetric, not transitive.
    [[nodiscard]] constexpr bool match(const DescriptorView& other) const {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i] && other.fields[i] && *fields[i] != *other.fields[i]) return false;
        return true;
    }
    /// Field by field: both wildcards, or both the same value.
    [[nodiscard]] constexpr bool exact_match(const DescriptorView& other) const { return fields == other.fields; }
    /// No field is a wildcard.
    [[nodiscard]] constexpr bool is_complete() const {
        return std::ranges::all_of(fields, [](const DescriptorField& field) { return field.has_value(); });
    }

    /// The hash of field `i`: detail::hash_text of its value, detail::wildcard_hash for a wildcard.
    [[nodiscard]] constexpr std::uint64_t field_hash(std::size_t i) const noexcept {
        if (hashed) return field_hashes[i];
        return fields[i] ? detail::hash_text(*fields[i]) : detail::wildcard_hash;
    }
    /// The hash of the whole descriptor, equal for views with equal fields (and to Descriptor::hash()).
    [[nodiscard]] constexpr std::uint64_t hash() const noexcept {
        if (hashed) return combined_hash;
        std::array<std::uint64_t, detail::descriptor_field_count> hashes{};
        for (std::size_t i = 0; i < hashes.size(); ++i) hashes[i] = field_hash(i);
        return detail::combine_hashes(hashes);
    }
    /// The fields, a `"*"` value made a wildcard (as a Descriptor does); not hashed.
    [[nodiscard]] constexpr DescriptorView normalised() const noexcept {
        // Fields copied into fresh optionals: a reset() one cannot be copied in a constant expression.
        DescriptorView view;
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i] != std::string_view("*")) view.fields[i] = fields[i];
        return view;
    }
    /// The view normalised and with its hashes computed, so later lookups hash no text: a hashed view holds no
    /// `"*"` value, so a lookup need not look for one.
    [[nodiscard]] constexpr DescriptorView with_hashes() const noexcept {
        DescriptorView view = normalised();
        for (std::size_t i = 0; i < fields.size(); ++i) view.field_hashes[i] = view.field_hash(i);
        view.combined_hash = detail::combine_hashes(view.field_hashes);
        view.hashed = true;
        return view;
    }

    /// Parses `group:type:kind:name:version`, trimming each field; `*` is a wildcard. Empty when the text does
    /// not have exactly five fields.
    [[nodiscard]] static constexpr std::optional<DescriptorView> parse(std::string_view text) {
        if (detail::count_fields(text) != detail::descriptor_field_count) return std::nullopt;
        DescriptorView view;
        for (auto& field : view.fields) {
            const auto colon = text.find(':');
            const auto part = detail::trim_spaces(text.substr(0, colon));
            if (part != "*") field = part;
            text = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
        }
        return view.with_hashes();
    }

    /// `group:type:kind:name:version`, wildcards written as `*`.
    [[nodiscard]] std::string to_string() const {
        std::string text;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i > 0) text += ':';
            text += fields[i] ? *fields[i] : std::string_view("*");
        }
        return text;
    }
    friend std::ostream& operator<<(std::ostream& out, const DescriptorView& view) { return out << view.to_string(); }
};

/// An owning descriptor: five fields, each a value or a wildcard. A default-constructed Descriptor is all
/// wildcards; a field given as `"*"` or std::nullopt is a wildcard.
class Descriptor {
public:
    Descriptor() = default;
    Descriptor(DescriptorField group, DescriptorField type, DescriptorField kind, DescriptorField name,
               DescriptorField version)
        : Descriptor(DescriptorView{{group, type, kind, name, version}}) {}
    /// Copies a view (a `_descriptor` literal converts this way); a `"*"` field becomes a wildcard.
    Descriptor(const DescriptorView& view);  // NOLINT(google-explicit-constructor): literals convert implicitly

    /// Empty input gives no descriptor; anything but five `:`-separated fields throws
    /// pip::errors::ConfigException `BAD_DESCRIPTOR` with `details["descriptor"]`.
    [[nodiscard]] static std::optional<Descriptor> from_string(std::string_view text);

    [[nodiscard]] DescriptorView view() const noexcept;
    [[nodiscard]] std::optional<std::string> get_group() const { return owned(0); }
    [[nodiscard]] std::optional<std::string> get_type() const { return owned(1); }
    [[nodiscard]] std::optional<std::string> get_kind() const { return owned(2); }
    [[nodiscard]] std::optional<std::string> get_name() const { return owned(3); }
    [[nodiscard]] std::optional<std::string> get_version() const { return owned(4); }

    [[nodiscard]] bool match(const DescriptorView& other) const noexcept { return view().match(other); }
    [[nodiscard]] bool match(const Descriptor& other) const noexcept { return view().match(other.view()); }
    [[nodiscard]] bool exact_match(const Descriptor& other) const noexcept { return *this == other; }
    [[nodiscard]] bool is_complete() const noexcept { return wildcards_ == 0; }
    /// Pip's `equals`: the wildcard match.
    [[nodiscard]] bool equals(const Descriptor& other) const noexcept { return match(other); }

    /// `group:type:kind:name:version`, wildcards written as `*`.
    [[nodiscard]] std::string to_string() const;

    /// Exact structural equality (wildcards compare equal only to wildcards): see the module comment.
    friend bool operator==(const Descriptor&, const Descriptor&) = default;
    friend std::ostream& operator<<(std::ostream& out, const Descriptor& descriptor) {
        return out << descriptor.to_string();
    }
    /// DescriptorView::hash() of view(), computed once: a Descriptor and a literal with the same fields hash alike,
    /// and a lookup by Descriptor hashes no text.
    [[nodiscard]] std::size_t hash() const noexcept { return hash_; }

private:
    [[nodiscard]] std::optional<std::string> owned(std::size_t field) const;

    // The concrete values laid end to end; ends_[i] is where field i stops. Compact: one allocation at most.
    std::string values_;
    std::array<std::uint32_t, detail::descriptor_field_count> ends_{};
    std::uint8_t wildcards_ = 0b11111;  // bit i set: field i is a wildcard
    std::uint64_t hash_ = DescriptorView{}.hash();
};

inline namespace literals {

/// The characters of a `_descriptor` literal, usable as a template argument.
template <std::size_t Size>
struct DescriptorText {
    char chars[Size]{};
    consteval DescriptorText(const char (&text)[Size]) { std::ranges::copy(text, chars); }
    [[nodiscard]] constexpr std::string_view view() const { return {chars, Size - 1}; }
};

/// `"pip-services:logger:console:default:1.0"_descriptor`: a DescriptorView checked at compile time, its field
/// hashes computed by the compiler.
template <DescriptorText Text>
consteval DescriptorView operator""_descriptor() {
    static_assert(detail::count_fields(Text.view()) == detail::descriptor_field_count,
                  "a _descriptor literal needs exactly five ':'-separated fields: group:type:kind:name:version");
    // value_or: a malformed literal then reports only the static_assert above, not a second error here.
    return DescriptorView::parse(Text.view()).value_or(DescriptorView{});
}

}  // namespace literals
}  // namespace pip::refer

export template <>
struct std::hash<pip::refer::Descriptor> {
    std::size_t operator()(const pip::refer::Descriptor& descriptor) const noexcept { return descriptor.hash(); }
};
