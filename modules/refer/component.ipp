// pip.refer:component: AnyComponent, a component held by shared_ptr and found later as any public base.
//
// C++ cannot list a type's bases at run time, so the cast to a requested base T is computed by throwing the
// stored pointer and catching it as T* (the language's own derived-to-base conversion), and cached as a byte
// offset: in the component, and for polymorphic types also process-wide per (most derived type, put type,
// subobject, T), so a throw happens once per type rather than once per component. Later lookups of the same
// T cost a pointer walk.

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

    /// The component as a T (any public unambiguous base of the type it was put as), or null when it is not one.
    template <class T>
    [[nodiscard]] std::shared_ptr<T> as() const {
        if constexpr (std::is_void_v<std::remove_const_t<T>>) {
            return object_;
        } else {
            if (!object_ || (traits_->is_const && !std::is_const_v<T>)) return nullptr;
            const auto offset = cast_offset(typeid(T), [](const void* object, void (*thrower)(const void*)) {
                try {
                    thrower(object);
                } catch (T* base) {
                    return static_cast<const void*>(base);
                } catch (...) {
                }
                return static_cast<const void*>(nullptr);
            });
            if (!offset) return nullptr;
            auto* base = static_cast<T*>(static_cast<void*>(static_cast<char*>(object_.get()) + *offset));
            return std::shared_ptr<T>(object_, base);
        }
    }

    /// The address of the component object (the same through any base of a polymorphic type).
    [[nodiscard]] inline const void* identity() const noexcept { return identity_; }
    [[nodiscard]] inline const std::type_info& type() const noexcept { return *traits_->type; }
    [[nodiscard]] inline explicit operator bool() const noexcept { return object_ != nullptr; }
    /// Gives up the component (References::remove releases it at once).
    inline std::shared_ptr<void> release() noexcept { return std::move(object_); }

private:
    using Caster = const void* (*)(const void* object, void (*thrower)(const void*));
    struct CastNode {
        const std::type_info* target;
        std::optional<std::ptrdiff_t> offset;
        CastNode* next;
    };
    /// What the component knows of the type C it was put as; one static instance per C keeps components small.
    struct TypeTraits {
        const std::type_info* type;
        const std::type_info* (*dynamic_type)(const void* object);  // null when C is not polymorphic
        void (*throw_pointer)(const void* object);
        bool is_const;
    };
    template <class C>
    static constexpr auto dynamic_type_of() -> const std::type_info* (*)(const void*) {
        if constexpr (std::is_polymorphic_v<C>)
            return +[](const void* object) -> const std::type_info* { return &typeid(*static_cast<const C*>(object)); };
        else
            return nullptr;
    }
    template <class C>
    static constexpr TypeTraits traits_of{
        &typeid(C),
        dynamic_type_of<C>(),
        +[](const void* object) { throw static_cast<C*>(const_cast<void*>(object)); },
        std::is_const_v<C>,
    };

    [[nodiscard]] std::optional<std::ptrdiff_t> cast_offset(const std::type_info& target, Caster caster) const;
    [[nodiscard]] std::optional<std::ptrdiff_t> computed_cast_offset(const std::type_info& target, Caster caster) const;

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
