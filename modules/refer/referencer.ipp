// pip.refer:referencer: wires and unwires components in bulk.
//
// A component takes part when it is an IReferenceable (IUnreferenceable) by dynamic_cast's rule, the rule typed
// lookups use, whatever pointer type it was put or passed as.
// Failure: the first set_references (unset_references) that throws stops the walk; components after it are not
// visited (fail fast, as in Pip). The bulk calls name the failing component (its locator when it is registered,
// and its type) in the message: a pip exception is rethrown as the same object, so its type and code are kept;
// any other exception becomes a ReferenceException with the original as its cause. The calls for one component
// let the exception through unchanged.

export namespace pip::refer {

struct Referencer {
    /// Calls `component->set_references(references)` when the component is IReferenceable.
    template <class C>
    static void set_references_for_one(IReferences& references, const std::shared_ptr<C>& component) {
        if (auto* referenceable = as_interface<IReferenceable>(component.get())) referenceable->set_references(references);
    }
    /// Every component of `components`, in order.
    template <std::ranges::input_range Components>
    static void set_references(IReferences& references, const Components& components) {
        for (const auto& component : components)
            naming_failures("set_references", nullptr, component, [&] { set_references_for_one(references, component); });
    }
    /// Every IReferenceable component registered in `references`, oldest first.
    static void set_references(IReferences& references) {
        for (const auto& [locator, component] : registered<IReferenceable>(references))
            naming_failures("set_references", &locator, component, [&] { component->set_references(references); });
    }

    /// Calls `component->unset_references()` when the component is IUnreferenceable.
    template <class C>
    static void unset_references_for_one(const std::shared_ptr<C>& component) {
        if (auto* unreferenceable = as_interface<IUnreferenceable>(component.get())) unreferenceable->unset_references();
    }
    template <std::ranges::input_range Components>
    static void unset_references(const Components& components) {
        for (const auto& component : components)
            naming_failures("unset_references", nullptr, component, [&] { unset_references_for_one(component); });
    }
    /// Every IUnreferenceable component registered in `references`, oldest first.
    static void unset_references(const IReferences& references) {
        for (const auto& [locator, component] : registered<IUnreferenceable>(references))
            naming_failures("unset_references", &locator, component, [&] { component->unset_references(); });
    }

private:
    template <class Interface, class C>
    static Interface* as_interface(C* component) {
        if constexpr (std::is_convertible_v<C*, Interface*>)
            return component;
        else if constexpr (std::is_polymorphic_v<C>)
            return dynamic_cast<Interface*>(component);
        else
            return nullptr;
    }

    /// The registered components that are an Interface, with their locators, oldest first: copied out, so the
    /// calls run outside any lock of `references` and may look up or register components.
    template <class Interface>
    static std::vector<std::pair<AnyLocator, std::shared_ptr<Interface>>> registered(const IReferences& references) {
        std::vector<std::pair<AnyLocator, std::shared_ptr<Interface>>> found;
        references.visit_all([&](const Reference& reference) {
            if (auto component = reference.get_component().as<Interface>())
                found.emplace_back(reference.get_locator(), std::move(component));
            return true;
        });
        return found;
    }

    /// Runs `call` on `component`. A pip exception it throws is rethrown as itself, its message naming the component;
    /// anything else comes out as a ReferenceException naming the component, with the original as its cause.
    template <class C, std::invocable Call>
    static void naming_failures(std::string_view operation, const AnyLocator* locator,
                                const std::shared_ptr<C>& component, Call&& call) {
        try {
            std::forward<Call>(call)();
        } catch (errors::ApplicationException& error) {
            ReferenceException::name_failed_component(error, operation, locator, type_of(component));
            throw;  // the same object: callers still catch the ConfigException (or other pip type) they expect
        } catch (...) {
            throw ReferenceException::component_failed(operation, locator, type_of(component), std::current_exception());
        }
    }
    /// The complete type of a component: the most derived type of a polymorphic object.
    template <class C>
    static const std::type_info& type_of(const std::shared_ptr<C>& component) {
        if constexpr (std::is_polymorphic_v<C>)
            if (component) return typeid(*component);
        return typeid(C);
    }
};

}  // namespace pip::refer
