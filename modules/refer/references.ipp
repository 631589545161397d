// pip.refer:references: References, the indexed, thread-safe IReferences.
//
// Results and order are exactly those of Pip's newest-first scan with `match` on every entry; indexes only
// narrow the candidates: complete descriptors by hash (about one hash lookup), partial descriptor queries by
// the bucket of their most selective concrete field (about as many candidates as that bucket holds), strings,
// integers and other locator types by hash. Lookups by component and all-wildcard queries walk every entry.
//
// Thread safety: every member may be called concurrently from any number of threads. A lookup counts itself on
// its thread's own lock shard (a cache line of its own), so concurrent readers do not contend; writers (put,
// remove, remove_all) go first: they wait for the readers in progress, and new readers wait for them. Visitors
// run under the read lock: they may look up the References they are visiting, but modifying it from a visitor
// throws std::logic_error (it could never proceed).

export namespace pip::refer {

class References final : public IReferences {
public:
    References();
    /// A moved-from References is empty and usable: it gets a fresh registry, so a move allocates (and may throw
    /// std::bad_alloc) instead of leaving an object whose every call would crash.
    References(References&& other);
    References& operator=(References&& other);
    ~References() override;

    /// Alternating locators and components (shared_ptr); a trailing locator without a component is ignored.
    template <class... Args>
    [[nodiscard]] static References from_tuples(const Args&... args) {
        References references;
        references.put_tuples(args...);
        return references;
    }

    /// The number of registered references.
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] bool empty() const { return size() == 0; }

    void visit(const AnyLocator& query, const void* older_than_component, ReferenceVisitor visitor) const override;
    void visit_all(ReferenceVisitor visitor) const override;

protected:
    void put_reference(Reference reference) override;
    std::vector<std::shared_ptr<void>> remove_references(const AnyLocator& query, bool all) override;

private:
    template <class L, class C, class... Rest>
    void put_tuples(const L& locator, const std::shared_ptr<C>& component, const Rest&... rest) {
        put(locator, component);
        put_tuples(rest...);
    }
    template <class... Rest>
        requires(sizeof...(Rest) <= 1)
    void put_tuples(const Rest&...) {}

    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace pip::refer
