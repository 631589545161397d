// pip.refer:referencer: wires and unwires components in bulk.
//
// Failure: the first set_references that throws stops the walk and its exception propagates unchanged;
// components after it are not referenced (fail fast, as in Pip).

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
        for (const auto& component : components) set_references_for_one(references, component);
    }
    /// Every IReferenceable component registered in `references`, oldest first.
    static void set_references(IReferences& references) {
        set_references(references, references.get_all<IReferenceable>());
    }

    /// Calls `component->unset_references()` when the component is IUnreferenceable.
    template <class C>
    static void unset_references_for_one(const std::shared_ptr<C>& component) {
        if (auto* unreferenceable = as_interface<IUnreferenceable>(component.get())) unreferenceable->unset_references();
    }
    template <std::ranges::input_range Components>
    static void unset_references(const Components& components) {
        for (const auto& component : components) unset_references_for_one(component);
    }
    /// Every IUnreferenceable component registered in `references`, oldest first.
    static void unset_references(const IReferences& references) {
        unset_references(references.get_all<IUnreferenceable>());
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
};

}  // namespace pip::refer
