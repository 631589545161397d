// pip.refer:ireferences: IReferences, the locator interface components receive, and the life-cycle interfaces.
//
// Lookups are templates over one virtual primitive, `visit`, which walks the matching references newest first;
// the typed getters filter by component type on the way, so a match of the wrong type is skipped. Queries go
// through a LocatorView: a lookup copies nothing into an owning AnyLocator. References hides these getters with
// the same ones over its own lazy `query()`, so a lookup on a References object makes no virtual call. A required
// lookup that finds nothing walks the matches once more to say in its exception what they were.

namespace pip::refer::detail {

/// A non-owning reference to a callable, so `visit` takes any lambda without allocating.
template <class Signature>
class FunctionRef;
template <class R, class... Args>
class FunctionRef<R(Args...)> {
public:
    template <std::invocable<Args...> F>
        requires(!std::same_as<std::remove_cvref_t<F>, FunctionRef>)
    FunctionRef(F&& callable) noexcept  // NOLINT(google-explicit-constructor)
        : object_(const_cast<void*>(static_cast<const void*>(std::addressof(callable)))),
          call_(+[](void* object, Args... args) -> R {
              return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
          }) {}
    R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

private:
    void* object_;
    R (*call_)(void*, Args...);
};

template <class>
inline constexpr bool always_false = false;

}  // namespace pip::refer::detail

export namespace pip::refer {

/// What a lookup without a component type returns: the component as a shared_ptr<void>, to compare, keep or
/// cast. Using it as an object fails with a static_assert that names the fix, instead of an error about `void`.
class UntypedComponent : public std::shared_ptr<void> {
public:
    UntypedComponent() noexcept = default;
    UntypedComponent(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor): `found ? c : nullptr`
    explicit UntypedComponent(std::shared_ptr<void> component) noexcept : shared_ptr(std::move(component)) {}

    template <class Lookup = void>
    void* operator->() const noexcept {
        static_assert(detail::always_false<Lookup>,
                      "this lookup has no component type: name the interface you want, as in "
                      "get_one_required<ILogger>(locator), to call its members");
        return get();
    }
};

/// The result of a single-component lookup of a T: shared_ptr<T>, or UntypedComponent when T is void.
template <class T>
using ComponentPtr = std::conditional_t<std::is_void_v<T>, UntypedComponent, std::shared_ptr<T>>;

/// Called with each matching reference, newest first; return false to stop.
using ReferenceVisitor = detail::FunctionRef<bool(const Reference&)>;

class IReferences {
public:
    virtual ~IReferences() = default;

    /// Registers `component` under `locator`. Duplicated locators are allowed; a null component throws
    /// std::invalid_argument.
    template <Locator L, class C>
    void put(const L& locator, std::shared_ptr<C> component) {
        if (!component) throw std::invalid_argument("Component cannot be null");
        put_reference(Reference(AnyLocator(locator), AnyComponent(std::move(component))));
    }

    /// Removes the newest reference matching `locator` and returns its component (null when none matched).
    template <LocatorArgument L>
    std::shared_ptr<void> remove(const L& locator) {
        auto removed = remove_references(LocatorView(locator), false);
        return removed.empty() ? nullptr : std::move(removed.front());
    }
    /// Removes every reference matching `locator`; returns their components newest first.
    template <LocatorArgument L>
    std::vector<std::shared_ptr<void>> remove_all(const L& locator) {
        return remove_references(LocatorView(locator), true);
    }

    /// Every component that is a T, oldest first.
    template <class T = void>
    [[nodiscard]] std::vector<std::shared_ptr<T>> get_all() const {
        std::vector<std::shared_ptr<T>> components;
        visit_all([&](const Reference& reference) {
            if (auto component = reference.get_component().as<T>()) components.push_back(std::move(component));
            return true;
        });
        return components;
    }
    /// Every locator, oldest first.
    [[nodiscard]] std::vector<AnyLocator> get_all_locators() const {
        std::vector<AnyLocator> locators;
        visit_all([&](const Reference& reference) {
            locators.push_back(reference.get_locator());
            return true;
        });
        return locators;
    }

    /// Every matching component that is a T, newest first; empty when none.
    template <class T = void, LocatorArgument L>
    [[nodiscard]] std::vector<std::shared_ptr<T>> get_optional(const L& locator) const {
        return collect<T>(locator, nullptr, false);
    }
    /// Like get_optional, but throws ReferenceException when nothing is found.
    template <class T = void, LocatorArgument L>
    [[nodiscard]] std::vector<std::shared_ptr<T>> get_required(const L& locator) const {
        return collect<T>(locator, nullptr, true);
    }
    /// `required ? get_required(locator) : get_optional(locator)`.
    template <class T = void, LocatorArgument L>
    [[nodiscard]] std::vector<std::shared_ptr<T>> find(const L& locator, bool required) const {
        return collect<T>(locator, nullptr, required);
    }
    /// The newest matching component that is a T, or null.
    template <class T = void, LocatorArgument L>
    [[nodiscard]] ComponentPtr<T> get_one_optional(const L& locator) const {
        return first<T>(locator, nullptr, false);
    }
    /// The newest matching component that is a T; ReferenceException when there is none.
    template <class T = void, LocatorArgument L>
    [[nodiscard]] ComponentPtr<T> get_one_required(const L& locator) const {
        return first<T>(locator, nullptr, true);
    }
    /// Walking newest to oldest, skips to the (newest) reference holding `reference`, then returns the next
    /// older component matching `locator` that is a T; ReferenceException when there is none.
    template <class T = void, class U, LocatorArgument L>
    [[nodiscard]] ComponentPtr<T> get_one_before(const std::shared_ptr<U>& reference, const L& locator) const {
        const auto* start = detail::object_identity(reference.get());
        // No entry holds a null reference, so nothing comes before it (null `older_than` would mean "from the newest").
        if (start == nullptr) throw ReferenceException({}, LocatorView(locator).to_any());
        return first<T>(locator, start, true);
    }

    /// The lookup primitive: calls `visitor` with each reference matching `query`, newest first, until it returns
    /// false. With `older_than_component`, starts after the newest reference holding that component.
    virtual void visit(const LocatorView& query, const void* older_than_component, ReferenceVisitor visitor) const = 0;
    /// Calls `visitor` with every reference, oldest first, until it returns false.
    virtual void visit_all(ReferenceVisitor visitor) const = 0;

    /// The ReferenceException of a required lookup of a `wanted` by `query` (from `older_than_component` on) that
    /// found nothing. It names the types of what matched, or, for a string that spells a descriptor, how many
    /// components that descriptor finds. `dependency`: the DependencyResolver name `query` was configured for.
    [[nodiscard]] ReferenceException lookup_failure(const LocatorView& query, const std::type_info& wanted,
                                                    const void* older_than_component = nullptr,
                                                    std::string_view dependency = {}) const {
        const auto locator = query.to_any();
        std::vector<MatchedComponent> matched;
        visit(query, older_than_component, [&](const Reference& reference) {
            const auto& component = reference.get_component();
            matched.push_back({&component.object_type(), &component.type(), component.is_const()});
            return true;
        });
        std::size_t found_by_descriptor = 0;
        if (const auto* text = locator.string(); text != nullptr && matched.empty())
            if (const auto descriptor = DescriptorView::parse(*text))
                visit(AnyLocator(*descriptor), nullptr, [&](const Reference&) {
                    ++found_by_descriptor;
                    return true;
                });
        return ReferenceException({}, LookupFailure{.locator = locator,
                                                    .wanted = wanted,
                                                    .matched = matched,
                                                    .found_by_descriptor = found_by_descriptor,
                                                    .dependency = dependency});
    }

protected:
    virtual void put_reference(Reference reference) = 0;
    virtual std::vector<std::shared_ptr<void>> remove_references(const LocatorView& query, bool all) = 0;

private:
    template <class T>
    ComponentPtr<T> first(const LocatorView& query, const void* older_than, bool required) const {
        std::shared_ptr<T> found;
        visit(query, older_than, [&](const Reference& reference) {
            found = reference.get_component().as<T>();
            return !found;
        });
        if (!found && required) throw lookup_failure(query, typeid(T), older_than);
        return ComponentPtr<T>(std::move(found));
    }

    template <class T>
    std::vector<std::shared_ptr<T>> collect(const LocatorView& query, const void* older_than, bool required) const {
        std::vector<std::shared_ptr<T>> found;
        visit(query, older_than, [&](const Reference& reference) {
            if (auto component = reference.get_component().as<T>()) found.push_back(std::move(component));
            return true;
        });
        if (found.empty() && required) throw lookup_failure(query, typeid(T), older_than);
        return found;
    }
};

/// A component that takes its dependencies from the references once they are all registered.
class IReferenceable {
public:
    virtual ~IReferenceable() = default;
    /// `references` outlives the component; keep the IReferences& or look up what is needed now.
    virtual void set_references(IReferences& references) = 0;
};

/// A component that drops its dependencies before the references go away.
class IUnreferenceable {
public:
    virtual ~IUnreferenceable() = default;
    virtual void unset_references() = 0;
};

}  // namespace pip::refer
