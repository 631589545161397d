// pip.refer:component: AnyComponent, a component held by shared_ptr and found later as any public base.
//
// C++ cannot list a type's bases at run time, so the cast to a requested base T is computed once per
// (component, T) by throwing the stored pointer and catching it as T* (the language's own derived-to-base
// conversion), then cached in the component as a byte offset. Later lookups of the same T cost a pointer walk.
module;
#include "pip_std.hpp"
export module pip.refer:component;
import :locator;

export namespace pip::refer {

class AnyComponent {
public:
    template <class C>
    explicit AnyComponent(std::shared_ptr<C> component)
        : object_(std::const_pointer_cast<std::remove_const_t<C>>(std::move(component))),
          type_(&typeid(C)),
          identity_(detail::object_identity(static_cast<const C*>(object_.get()))),
          is_const_(std::is_const_v<C>),
          throw_pointer_(+[](const void* object) { throw static_cast<C*>(const_cast<void*>(object)); }) {}

    AnyComponent(const AnyComponent& other) noexcept
        : object_(other.object_), type_(other.type_), identity_(other.identity_), is_const_(other.is_const_),
          throw_pointer_(other.throw_pointer_) {}
    AnyComponent& operator=(const AnyComponent&) = delete;
    ~AnyComponent();

    /// The component as a T (any public unambiguous base of the type it was put as), or null when it is not one.
    template <class T>
    [[nodiscard]] std::shared_ptr<T> as() const {
        if constexpr (std::is_void_v<std::remove_const_t<T>>) {
            return object_;
        } else {
            if (!object_ || (is_const_ && !std::is_const_v<T>)) return nullptr;
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
    [[nodiscard]] const void* identity() const noexcept { return identity_; }
    [[nodiscard]] const std::type_info& type() const noexcept { return *type_; }
    [[nodiscard]] explicit operator bool() const noexcept { return object_ != nullptr; }
    /// Gives up the component (References::remove releases it at once).
    std::shared_ptr<void> release() noexcept { return std::move(object_); }

private:
    using Caster = const void* (*)(const void* object, void (*thrower)(const void*));
    struct CastNode {
        const std::type_info* target;
        std::optional<std::ptrdiff_t> offset;
        CastNode* next;
    };

    [[nodiscard]] std::optional<std::ptrdiff_t> cast_offset(const std::type_info& target, Caster caster) const;

    std::shared_ptr<void> object_;
    const std::type_info* type_;
    const void* identity_;
    bool is_const_;
    void (*throw_pointer_)(const void*);
    mutable std::atomic<CastNode*> casts_{nullptr};  // lock-free, prepend-only cache of computed casts
};

/// A locator with the component it keys: the record References keeps.
class Reference {
public:
    Reference(AnyLocator locator, AnyComponent component)
        : locator_(std::move(locator)), component_(std::move(component)) {}

    /// Pip's rule: the query is this component itself, or the stored locator matches the query.
    [[nodiscard]] bool match(const AnyLocator& query) const {
        return (query.identity() != nullptr && query.identity() == component_.identity()) || locator_.matches(query);
    }
    [[nodiscard]] const AnyLocator& get_locator() const noexcept { return locator_; }
    [[nodiscard]] const AnyComponent& get_component() const noexcept { return component_; }
    [[nodiscard]] AnyComponent& get_component() noexcept { return component_; }

private:
    AnyLocator locator_;
    AnyComponent component_;
};

}  // namespace pip::refer
