// pip.refer:dependency_resolver: named dependencies whose locators come from configuration.
//
// `configure` reads `dependencies.<name>` values: a descriptor string becomes a Descriptor, anything else
// (a plain name, "") stays a string locator; a key with no value is skipped. Unknown names: optional getters
// return empty, required getters throw ReferenceException. A required getter's ReferenceException names the
// dependency and the wanted type, and says why nothing was found (no locator configured, or what matched).
// Using the resolver before `set_references` throws std::logic_error("References shall be set").

export namespace pip::refer {

class DependencyResolver : public config::IReconfigurable, public IReferenceable {
public:
    DependencyResolver() = default;
    explicit DependencyResolver(const config::ConfigParams& config) { configure(config); }
    DependencyResolver(const config::ConfigParams& config, IReferences& references) : DependencyResolver(config) {
        set_references(references);
    }

    /// Alternating names and locators, stored as given (a descriptor-looking string stays a string).
    template <class... Args>
    [[nodiscard]] static DependencyResolver from_tuples(const Args&... args) {
        DependencyResolver resolver;
        resolver.put_tuples(args...);
        return resolver;
    }

    void configure(const config::ConfigParams& config) override;
    void set_references(IReferences& references) override { references_ = &references; }

    /// Sets the locator of `name`, replacing any previous one.
    template <Locator L>
    void put(std::string_view name, const L& locator) {
        dependencies_.insert_or_assign(std::string(name), AnyLocator(locator));
    }
    /// The locator configured for `name`, if any.
    [[nodiscard]] const AnyLocator* get_locator(std::string_view name) const;

    template <class T = void>
    [[nodiscard]] std::vector<std::shared_ptr<T>> get_optional(std::string_view name) const {
        const auto* locator = locate(name);
        return locator ? references().template get_optional<T>(*locator) : std::vector<std::shared_ptr<T>>{};
    }
    template <class T = void>
    [[nodiscard]] std::vector<std::shared_ptr<T>> get_required(std::string_view name) const {
        const auto& locator = required_locator(name, typeid(T));
        auto found = references().template get_optional<T>(locator);
        if (found.empty()) throw references().lookup_failure(locator, typeid(T), nullptr, name);
        return found;
    }
    template <class T = void>
    [[nodiscard]] std::shared_ptr<T> get_one_optional(std::string_view name) const {
        const auto* locator = locate(name);
        return locator ? references().template get_one_optional<T>(*locator) : nullptr;
    }
    template <class T = void>
    [[nodiscard]] std::shared_ptr<T> get_one_required(std::string_view name) const {
        const auto& locator = required_locator(name, typeid(T));
        if (auto found = references().template get_one_optional<T>(locator)) return found;
        throw references().lookup_failure(locator, typeid(T), nullptr, name);
    }
    template <class T = void>
    [[nodiscard]] std::vector<std::shared_ptr<T>> find(std::string_view name, bool required) const {
        return required ? get_required<T>(name) : get_optional<T>(name);
    }

private:
    template <class Name, class L, class... Rest>
    void put_tuples(const Name& name, const L& locator, const Rest&... rest) {
        put(std::string_view(name), locator);
        put_tuples(rest...);
    }
    template <class... Rest>
        requires(sizeof...(Rest) <= 1)
    void put_tuples(const Rest&...) {}

    [[nodiscard]] const IReferences& references() const;
    [[nodiscard]] const AnyLocator* locate(std::string_view name) const;
    /// The locator of `name`; a ReferenceException saying none is configured when there is none.
    [[nodiscard]] const AnyLocator& required_locator(std::string_view name, const std::type_info& wanted) const;

    std::map<std::string, AnyLocator, std::less<>> dependencies_;
    IReferences* references_ = nullptr;
};

}  // namespace pip::refer
