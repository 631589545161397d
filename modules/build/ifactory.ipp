// pip.build:ifactory: IFactory, the interface of everything that creates components by locator.
//
// Implementations provide `can_create` and `create_component`; `create` and the typed `create<T>` are built on
// them. A created component is an AnyComponent, so `create<T>` finds it as any type dynamic_cast converts it to.

export namespace pip::build {

class IFactory {
public:
    virtual ~IFactory() = default;

    /// The locator this factory registered for `locator` (not the requested one), or empty when it cannot
    /// create it.
    [[nodiscard]] virtual std::optional<refer::AnyLocator> can_create(const refer::AnyLocator& locator) const = 0;

    /// Creates the component for `locator`; empty when this factory does not know the locator.
    /// Failures throw CreateException.
    [[nodiscard]] virtual std::optional<refer::AnyComponent> create_component(
        const refer::AnyLocator& locator) const = 0;

    /// The new component, or null when the locator is unknown (as in Python, Node and .NET).
    [[nodiscard]] std::shared_ptr<void> create(const refer::AnyLocator& locator) const {
        const auto component = create_component(locator);
        return component ? component->as<void>() : nullptr;
    }

    /// The new component as a T (by dynamic_cast's rule, as typed lookups); null when the locator is unknown.
    /// A component that is not a T throws CreateException: it was made, and would otherwise be lost silently.
    template <class T>
    [[nodiscard]] std::shared_ptr<T> create(const refer::AnyLocator& locator) const {
        const auto component = create_component(locator);
        if (!component || !*component) return nullptr;
        if (auto typed = component->as<T>()) return typed;
        throw CreateException({}, "Component created for " + locator.to_string() + " is not of the requested type")
            .with_details("locator", locator.to_string())
            .with_details("expected_type", typeid(T).name());
    }
};

}  // namespace pip::build
