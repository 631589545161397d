// pip.build:factory: Factory, an IFactory built from registrations (locator -> creating function).
//
// Registrations are tried in registration order; a registered locator matches the requested one with Pip's
// partial match (Descriptor wildcards), and `can_create` answers the registered locator.
// Thread safety: register before sharing the factory; `can_create` and `create` may then run concurrently.

namespace pip::build::detail {

template <class T>
struct is_shared_ptr : std::false_type {};
template <class T>
struct is_shared_ptr<std::shared_ptr<T>> : std::true_type {};

}  // namespace pip::build::detail

export namespace pip::build {

/// A callable that makes a component (a std::shared_ptr) for the requested locator.
template <class F>
concept ComponentCreator =
    std::copy_constructible<std::decay_t<F>> && std::invocable<const std::decay_t<F>&, const refer::AnyLocator&> &&
    detail::is_shared_ptr<std::invoke_result_t<const std::decay_t<F>&, const refer::AnyLocator&>>::value;

class Factory : public IFactory {
public:
    /// Registers `creator` for `locator`; it receives the requested locator. A null function pointer or an
    /// empty std::function throws std::invalid_argument("Factory cannot be null"). Return the concrete type
    /// (std::shared_ptr<Concrete>) so that create<T> finds it as any base; a std::shared_ptr<void> is only
    /// available untyped, through create().
    template <refer::Locator L, ComponentCreator F>
    void register_factory(const L& locator, F&& creator) {
        if constexpr (std::is_constructible_v<bool, const std::decay_t<F>&>) {
            if (!static_cast<bool>(creator)) throw std::invalid_argument("Factory cannot be null");
        }
        add(refer::AnyLocator(locator), [creator = std::forward<F>(creator)](const refer::AnyLocator& requested) {
            return refer::AnyComponent(creator(requested));
        });
    }

    /// Registers `T`, default-constructed in a std::shared_ptr, for `locator`.
    template <std::default_initializable T, refer::Locator L>
    void register_as_type(const L& locator) {
        register_factory(locator, [](const refer::AnyLocator&) { return std::make_shared<T>(); });
    }

    [[nodiscard]] std::optional<refer::AnyLocator> can_create(const refer::AnyLocator& locator) const override;
    /// Runs the first matching registration. A CreateException it throws passes through; any other exception
    /// becomes CreateException("Failed to create object for <locator>") with the original as its cause.
    [[nodiscard]] std::optional<refer::AnyComponent> create_component(const refer::AnyLocator& locator) const override;

private:
    using Creator = std::function<refer::AnyComponent(const refer::AnyLocator&)>;
    struct Registration {
        refer::AnyLocator locator;
        Creator create;
    };

    void add(refer::AnyLocator locator, Creator creator);
    [[nodiscard]] const Registration* find(const refer::AnyLocator& locator) const;

    std::vector<Registration> registrations_;
};

}  // namespace pip::build
