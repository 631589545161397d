// pip.refer:locator: what may key a reference, and AnyLocator, the type-erased key References stores.
//
// Queries do not copy their locator into an AnyLocator: they go through LocatorView, a non-owning view built
// without allocating from any locator (or from an AnyLocator).
//
// Rules (decisions.md "Locators"): a locator of one type never matches one of another type, except that string
// literals, std::string and std::string_view are one type (stored as std::string), integers of any integral
// type compare by value (bool and character types are not integers here), and a `_descriptor` literal is a
// Descriptor. Types with a `match()` member are matched with it, others with `==`.

namespace pip::refer::detail {

template <class T>
concept CharacterType = std::same_as<T, char> || std::same_as<T, signed char> || std::same_as<T, unsigned char> ||
                        std::same_as<T, wchar_t> || std::same_as<T, char8_t> || std::same_as<T, char16_t> ||
                        std::same_as<T, char32_t>;

template <class T>
concept StringLocator = std::convertible_to<const T&, std::string_view> && !std::same_as<T, std::nullptr_t>;

template <class T>
concept IntegerLocator = std::integral<T> && !std::same_as<T, bool> && !CharacterType<T>;

/// The readable (demangled) name of a type, for messages.
std::string type_name(const std::type_info& type);

}  // namespace pip::refer::detail

export namespace pip::refer {

/// An integer locator compared by value whatever its integral type.
struct IntegerKey {
    bool negative = false;
    std::uint64_t magnitude = 0;

    template <detail::IntegerLocator T>
    static constexpr IntegerKey of(T value) noexcept {
        if constexpr (std::is_signed_v<T>) {
            if (value < 0) return {true, static_cast<std::uint64_t>(-(static_cast<std::int64_t>(value) + 1)) + 1};
        }
        return {false, static_cast<std::uint64_t>(value)};
    }
    friend constexpr bool operator==(const IntegerKey&, const IntegerKey&) = default;
};

}  // namespace pip::refer

namespace pip::refer::detail {

template <class T>
struct locator_key {
    using type = T;
};
template <StringLocator T>
struct locator_key<T> {
    using type = std::string;
};
template <IntegerLocator T>
struct locator_key<T> {
    using type = IntegerKey;
};
template <>
struct locator_key<DescriptorView> {
    using type = Descriptor;
};

template <class T>
struct is_shared_ptr : std::false_type {};
template <class T>
struct is_shared_ptr<std::shared_ptr<T>> : std::true_type {};

/// The address of the object a pointer designates, the same through any base (for polymorphic types).
template <class T>
const void* object_identity(const T* object) noexcept {
    if constexpr (std::is_polymorphic_v<T>)
        return object ? dynamic_cast<const void*>(object) : nullptr;
    else
        return object;
}

}  // namespace pip::refer::detail

export namespace pip::refer {

/// The type a locator of type T is stored and compared as.
template <class T>
using locator_key_t = typename detail::locator_key<std::decay_t<T>>::type;

/// A value that can key a reference: copyable and equality-comparable once normalised.
template <class T>
concept Locator = !std::same_as<std::decay_t<T>, std::nullptr_t> && std::copyable<locator_key_t<T>> &&
                  std::equality_comparable<locator_key_t<T>>;

/// A locator with its own matching rule, like Descriptor's wildcards: `stored.match(query)`.
template <class T>
concept MatchableLocator = Locator<T> && requires(const locator_key_t<T>& stored, const locator_key_t<T>& query) {
    { stored.match(query) } -> std::convertible_to<bool>;
};

class LocatorView;

/// A type-erased locator: a Descriptor, a string, an integer or any other Locator type.
class AnyLocator {
public:
    template <class L>
        requires(!std::same_as<std::decay_t<L>, AnyLocator>) && Locator<L>
    AnyLocator(const L& locator)  // NOLINT(google-explicit-constructor): every Locator converts
        : value_(make(locator)) {
        if constexpr (detail::is_shared_ptr<std::decay_t<L>>::value) identity_ = detail::object_identity(locator.get());
    }

    /// The stored-side rule: does this (stored) locator match `query`?
    [[nodiscard]] bool matches(const AnyLocator& query) const;
    [[nodiscard]] bool matches(const LocatorView& query) const;
    /// For a shared_ptr locator, the object it points at (a lookup by component); null otherwise.
    [[nodiscard]] inline const void* identity() const noexcept { return identity_; }
    /// A readable form for messages: descriptors as `g:t:k:n:v`, strings and integers as themselves.
    [[nodiscard]] std::string to_string() const;

    [[nodiscard]] inline const Descriptor* descriptor() const noexcept { return std::get_if<Descriptor>(&value_); }
    [[nodiscard]] inline const std::string* string() const noexcept { return std::get_if<std::string>(&value_); }
    [[nodiscard]] inline const IntegerKey* integer() const noexcept { return std::get_if<IntegerKey>(&value_); }
    /// The type of a locator that is neither a descriptor, a string nor an integer.
    [[nodiscard]] std::optional<std::type_index> custom_type() const;

    /// The locator as its original type, if it is one.
    template <Locator L>
    [[nodiscard]] const locator_key_t<L>* get_if() const noexcept {
        using Key = locator_key_t<L>;
        if constexpr (std::same_as<Key, Descriptor> || std::same_as<Key, std::string> ||
                      std::same_as<Key, IntegerKey>) {
            return std::get_if<Key>(&value_);
        } else {
            const auto* custom = std::get_if<std::shared_ptr<const Custom>>(&value_);
            if (!custom || (*custom)->type() != typeid(Key)) return nullptr;
            return &static_cast<const CustomModel<Key>&>(**custom).value;
        }
    }

private:
    friend class LocatorView;

    struct Custom {
        virtual ~Custom() = default;
        [[nodiscard]] virtual const std::type_info& type() const noexcept = 0;
        [[nodiscard]] virtual bool matches(const Custom& query) const = 0;
        [[nodiscard]] virtual std::string to_string() const = 0;
    };

    template <class Key>
    struct CustomModel final : Custom {
        explicit CustomModel(Key key) : value(std::move(key)) {}
        [[nodiscard]] const std::type_info& type() const noexcept override { return typeid(Key); }
        [[nodiscard]] bool matches(const Custom& query) const override {
            const auto& other = static_cast<const CustomModel&>(query).value;
            if constexpr (MatchableLocator<Key>)
                return static_cast<bool>(value.match(other));
            else
                return value == other;
        }
        [[nodiscard]] std::string to_string() const override {
            if constexpr (requires { { value.to_string() } -> std::convertible_to<std::string>; })
                return value.to_string();
            else
                return "<locator of type " + detail::type_name(typeid(Key)) + ">";
        }
        Key value;
    };

    using Value = std::variant<Descriptor, std::string, IntegerKey, std::shared_ptr<const Custom>>;

    template <class L>
    static Value make(const L& locator) {
        using Key = locator_key_t<L>;
        if constexpr (std::same_as<Key, Descriptor>)
            return Descriptor(locator);
        else if constexpr (std::same_as<Key, std::string>)
            return std::string(std::string_view(locator));
        else if constexpr (std::same_as<Key, IntegerKey>)
            return IntegerKey::of(locator);
        else
            return std::shared_ptr<const Custom>(std::make_shared<CustomModel<Key>>(locator));
    }

    Value value_;
    const void* identity_ = nullptr;
};

/// What references accept as a key: any Locator, or one already erased into an AnyLocator.
template <class T>
concept LocatorArgument = std::same_as<std::decay_t<T>, AnyLocator> || Locator<T>;

/// A query locator, not owned: a descriptor view (with its field hashes when it came from a literal), a string
/// view, an integer, or a custom locator by address. Built without allocating; valid while the locator it was
/// built from lives, so it is made for one lookup and not kept.
class LocatorView {
public:
    enum class Kind : std::uint8_t { descriptor, string, integer, custom };

    template <class L>
        requires(!std::same_as<std::decay_t<L>, LocatorView>) && LocatorArgument<L>
    LocatorView(const L& locator) noexcept  // NOLINT(google-explicit-constructor): every locator is a query
    {
        using Key = locator_key_t<L>;
        if constexpr (std::same_as<std::decay_t<L>, AnyLocator>) {
            view_any(locator);
        } else if constexpr (std::same_as<std::decay_t<L>, DescriptorView>) {
            view_descriptor(locator);
        } else if constexpr (std::same_as<Key, Descriptor>) {
            kind_ = Kind::descriptor;
            descriptor_ = locator.view();  // a Descriptor holds no `*` value
            descriptor_hash_ = locator.hash();
        } else if constexpr (std::same_as<Key, std::string>) {
            kind_ = Kind::string;
            string_ = std::string_view(locator);
        } else if constexpr (std::same_as<Key, IntegerKey>) {
            kind_ = Kind::integer;
            integer_ = IntegerKey::of(locator);
        } else {
            kind_ = Kind::custom;
            custom_ = {&locator, &typeid(Key), &matches_custom<Key>, &erase_custom<Key>};
            if constexpr (detail::is_shared_ptr<std::decay_t<L>>::value)
                identity_ = detail::object_identity(locator.get());
        }
    }

    [[nodiscard]] inline Kind kind() const noexcept { return kind_; }
    /// The descriptor's fields (wildcards normalised: a `"*"` value is a wildcard); only for Kind::descriptor.
    [[nodiscard]] inline const DescriptorView& descriptor() const noexcept { return descriptor_; }
    /// DescriptorView::hash() of descriptor(), without hashing text when the locator knew it (a Descriptor, a
    /// literal).
    [[nodiscard]] inline std::uint64_t descriptor_hash() const noexcept {
        return descriptor_hash_ ? *descriptor_hash_ : descriptor_.hash();
    }
    [[nodiscard]] inline std::string_view string() const noexcept { return string_; }
    [[nodiscard]] inline IntegerKey integer() const noexcept { return integer_; }
    /// The type of a custom locator; only for Kind::custom.
    [[nodiscard]] inline const std::type_info& custom_type() const noexcept { return *custom_.type; }
    /// For a shared_ptr locator, the object it points at (a lookup by component); null otherwise.
    [[nodiscard]] inline const void* identity() const noexcept { return identity_; }

    /// An owning copy, for what outlives the lookup (an exception's message).
    [[nodiscard]] AnyLocator to_any() const;
    [[nodiscard]] std::string to_string() const { return to_any().to_string(); }

private:
    friend class AnyLocator;

    /// A custom locator, type-erased by function pointers instantiated for its key type.
    struct Custom {
        const void* object = nullptr;  // the Key, or for an erased query the AnyLocator holding it
        const std::type_info* type = nullptr;
        bool (*matched_by)(const AnyLocator& stored, const void* object) = nullptr;
        AnyLocator (*to_any)(const void* object) = nullptr;
    };

    template <class Key>
    static bool matches_custom(const AnyLocator& stored, const void* object) {
        const auto* key = stored.get_if<Key>();
        if (key == nullptr) return false;
        const auto& query = *static_cast<const Key*>(object);
        if constexpr (MatchableLocator<Key>)
            return static_cast<bool>(key->match(query));
        else
            return *key == query;
    }
    template <class Key>
    static AnyLocator erase_custom(const void* object) {
        return AnyLocator(*static_cast<const Key*>(object));
    }

    void view_descriptor(const DescriptorView& view) noexcept {
        kind_ = Kind::descriptor;
        if (view.hashed) {  // a literal, a parsed view: no "*" value (see with_hashes), its key hash known
            descriptor_ = view;
            descriptor_hash_ = view.combined_hash;
        } else {  // a view built field by field may spell a wildcard "*"
            descriptor_ = view.normalised();
        }
    }
    void view_any(const AnyLocator& locator) noexcept;

    DescriptorView descriptor_{};
    std::optional<std::uint64_t> descriptor_hash_;
    std::string_view string_{};
    IntegerKey integer_{};
    Custom custom_{};
    const void* identity_ = nullptr;
    Kind kind_ = Kind::descriptor;
};

}  // namespace pip::refer

export template <>
struct std::hash<pip::refer::IntegerKey> {
    std::size_t operator()(const pip::refer::IntegerKey& key) const noexcept {
        return std::hash<std::uint64_t>{}(key.magnitude) ^ static_cast<std::size_t>(key.negative);
    }
};
