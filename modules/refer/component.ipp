// pip.refer:component: AnyComponent, a component held by shared_ptr and found later as any type its object
// converts to.
//
// The rule is dynamic_cast's (decisions.md "Typed lookup"), applied to the pointer the component was put as:
// a public unambiguous base of the put type (the static upcast), else, for a polymorphic object, a down- or
// cross-cast within the complete object. A non-polymorphic component is found as its put type and that type's
// public bases. C++ cannot name a type's bases at run time, so the casts ask the C++ ABI runtime that dynamic_cast
// and catch clauses use, given the put type's type_info: `abi::__dynamic_cast` (the Itanium ABI's entry point, in
// libsupc++ and libc++abi alike) walks the complete object, and `std::type_info::__do_upcast` (libsupc++, the
// runtime of the supported libstdc++ toolchain) does the upcast, which also serves non-polymorphic types that have
// no vtable to start a dynamic walk from. Neither throws (the former throw-and-catch of the pointer cost 35 to 50
// times as much per first cast). Each result, found or not, is cached in the component as a byte offset, so a
// repeated lookup of the same T is a pointer walk.

export namespace pip::refer {

// Accessors on the lookup path are declared `inline`: in a named module an in-class definition is not
// implicitly inline, and clang then does not inline it into importers.
class AnyComponent {
public:
    template <class C>
    explicit AnyComponent(std::shared_ptr<C> component)
        : object_(std::const_pointer_cast<std::remove_const_t<C>>(std::move(component))),
          identity_(detail::object_identity(static_cast<const C*>(object_.get()))),
          traits_(&traits_of<C>) {}

    AnyComponent(const AnyComponent& other) noexcept
        : object_(other.object_), identity_(other.identity_), traits_(other.traits_) {}
    AnyComponent(AnyComponent&& other) noexcept
        : object_(std::move(other.object_)),
          identity_(other.identity_),
          traits_(other.traits_),
          casts_(other.casts_.exchange(nullptr, std::memory_order_acq_rel)) {}
    AnyComponent& operator=(const AnyComponent&) = delete;
    ~AnyComponent();

    /// The component as a T (see the rule above), sharing its ownership, or null when it is not one. A component
    /// put as const is found only as a const T.
    template <class T>
    [[nodiscard]] std::shared_ptr<T> as() const {
        if constexpr (std::is_void_v<std::remove_const_t<T>>) {
            return object_;
        } else {
            const auto offset = offset_as<T>();
            if (!offset) return nullptr;
            auto* found = static_cast<T*>(static_cast<void*>(static_cast<char*>(object_.get()) + *offset));
            return std::shared_ptr<T>(object_, found);
        }
    }

    /// Whether as<T>() finds the component (the same rule, without sharing ownership).
    template <class T>
    [[nodiscard]] bool is() const {
        if constexpr (std::is_void_v<std::remove_const_t<T>>)
            return object_ != nullptr;
        else
            return offset_as<T>().has_value();
    }

    /// The address of the component object (the same through any base of a polymorphic type).
    [[nodiscard]] inline const void* identity() const noexcept { return identity_; }
    /// The type the component was put as.
    [[nodiscard]] inline const std::type_info& type() const noexcept { return *traits_->type; }
    /// The type of the complete object: its most derived type when polymorphic, else the put type.
    [[nodiscard]] inline const std::type_info& object_type() const noexcept {
        return object_ && traits_->object_type ? traits_->object_type(object_.get()) : *traits_->type;
    }
    /// Whether the component was put as const (then it is found only as const types).
    [[nodiscard]] inline bool is_const() const noexcept { return traits_->is_const; }
    [[nodiscard]] inline explicit operator bool() const noexcept { return object_ != nullptr; }
    /// Gives up the component (References::remove releases it at once).
    inline std::shared_ptr<void> release() noexcept { return std::move(object_); }

private:
    struct CastNode {
        const std::type_info* target;
        std::optional<std::ptrdiff_t> offset;
        CastNode* next;
    };
    /// How far a component's type lets the ABI runtime cast it.
    enum class CastReach : std::uint8_t {
        exact,    // not a class: only its own type
        upcast,   // a class without virtual functions: its public bases
        dynamic,  // a polymorphic class: anything dynamic_cast reaches
    };
    /// What the component knows of the type C it was put as; one static instance per C keeps components small.
    struct TypeTraits {
        const std::type_info* type;
        const std::type_info& (*object_type)(const void* object);  // null when C is not polymorphic
        CastReach reach;
        bool is_const;
    };
    template <class C>
    static constexpr auto object_type_of() -> const std::type_info& (*)(const void*) {
        if constexpr (std::is_polymorphic_v<C>)
            return +[](const void* object) -> const std::type_info& { return typeid(*static_cast<const C*>(object)); };
        else
            return nullptr;
    }
    template <class C>
    static constexpr CastReach reach_of() {
        if constexpr (!std::is_class_v<C>)
            return CastReach::exact;
        else if constexpr (std::is_polymorphic_v<C>)
            return CastReach::dynamic;
        else
            return CastReach::upcast;
    }
    template <class C>
    static constexpr TypeTraits traits_of{&typeid(C), object_type_of<C>(), reach_of<C>(), std::is_const_v<C>};

    /// Where the T within the object is, or nullopt when the component is not a T (the rule above, const included).
    template <class T>
    [[nodiscard]] std::optional<std::ptrdiff_t> offset_as() const {
        if (!object_ || (traits_->is_const && !std::is_const_v<T>)) return std::nullopt;
        return cast_offset(typeid(T), std::is_class_v<T>);
    }
    [[nodiscard]] std::optional<std::ptrdiff_t> cast_offset(const std::type_info& target, bool target_is_class) const;
    [[nodiscard]] std::optional<std::ptrdiff_t> computed_cast_offset(const std::type_info& target) const;

    std::shared_ptr<void> object_;
    const void* identity_;
    const TypeTraits* traits_;
    mutable std::atomic<CastNode*> casts_{nullptr};  // lock-free, prepend-only cache of computed casts
};

/// A locator with the component it keys: the record References keeps.
class Reference {
public:
    Reference(AnyLocator locator, AnyComponent component)
        : component_(std::move(component)), locator_(std::move(locator)) {}

    /// Pip's rule: the query is this component itself, or the stored locator matches the query.
    [[nodiscard]] inline bool match(const AnyLocator& query) const {
        return (query.identity() != nullptr && query.identity() == component_.identity()) || locator_.matches(query);
    }
    [[nodiscard]] inline const AnyLocator& get_locator() const noexcept { return locator_; }
    [[nodiscard]] inline const AnyComponent& get_component() const noexcept { return component_; }
    [[nodiscard]] inline AnyComponent& get_component() noexcept { return component_; }

private:
    AnyComponent component_;  // first: lookups read it with the index fields just before it (References)
    AnyLocator locator_;
};

}  // namespace pip::refer
