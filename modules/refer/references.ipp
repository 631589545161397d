// pip.refer:references: References, the indexed, thread-safe IReferences, and its lazy query.
//
// Every lookup is one range-v3 pipeline: the candidates an index yields (newest first), filtered (live, older
// than, matching), merged newest first with the wildcard registrations, transformed to typed components. Results
// and order are exactly those of Pip's newest-first scan with `match` on every entry; the indexes only narrow the
// candidates: a complete descriptor, a string or an integer by its exact key, a partial descriptor by the entries
// that share its most selective concrete field, other locator types by type. Lookups by component and
// all-wildcard queries walk every entry. Queries are LocatorViews: a single-result lookup does not allocate.
//
// Thread safety: every member may be called concurrently from any number of threads. Readers lock the shard of
// a std::shared_mutex that belongs to their thread, so they do not contend with each other. A writer (put,
// remove, remove_all) raises an intent flag, then takes every shard: readers that start after the flag wait for
// it (glibc's rwlock alone prefers readers, and busy readers would starve it), readers in progress finish first.
// A thread may look up again while it reads (a visitor, a live query), but modifying the References while the
// same thread reads it throws std::logic_error: the write could never proceed.

namespace pip::refer::detail {

/// One registration. It stays where it was created until the next compaction, so the indexes point at it; a
/// removed entry releases its component at once and stays as a tombstone until then.
struct Entry {
    Entry(Reference registered, std::uint64_t order) : sequence(order), reference(std::move(registered)) {}

    // What a walk reads first, then the component (the first member of Reference), close together.
    std::uint64_t sequence;                                         // registration order: newer is larger
    std::array<std::uint32_t, descriptor_field_count> field_ids{};  // a complete descriptor's value id per field
    bool removed = false;
    Reference reference;
};

/// Entries in registration order (oldest first), as an index holds them.
using EntrySpan = ranges::subrange<Entry* const*>;

/// Which of an index's candidates match the query: all of them (an exact key's entries), those with the wanted
/// value ids (a partial descriptor over one field's entries), or those whose locator matches.
struct CandidateFilter {
    enum class Test : std::uint8_t { exact_key, field_ids, match };
    /// A wanted id for a field the query leaves a wildcard: not tested.
    static constexpr std::uint32_t untested = std::numeric_limits<std::uint32_t>::max();

    const LocatorView* query = nullptr;
    std::uint64_t older_than = std::numeric_limits<std::uint64_t>::max();
    Test test = Test::match;
    std::array<std::uint32_t, descriptor_field_count> wanted_ids{};

    [[nodiscard]] bool operator()(const Entry* entry) const {
        if (entry->removed || entry->sequence >= older_than) return false;
        switch (test) {
            case Test::exact_key:
                return true;
            case Test::field_ids:
                for (std::size_t i = 0; i < wanted_ids.size(); ++i)
                    if (wanted_ids[i] != untested && entry->field_ids[i] != wanted_ids[i]) return false;
                return true;
            case Test::match:
                break;
        }
        // Pip's rule: the query is the component itself, or the stored locator matches it.
        return (query->identity() != nullptr && query->identity() == entry->reference.get_component().identity()) ||
               entry->reference.get_locator().matches(*query);
    }
};

/// What an index yields for a query: its candidates, and the wildcard registrations that may match too.
struct Candidates {
    EntrySpan primary;
    CandidateFilter primary_filter;
    EntrySpan wildcards;  // empty unless the query is a descriptor answered from an index
    CandidateFilter wildcards_filter;

    /// At most this many entries match.
    [[nodiscard]] std::size_t bound() const noexcept { return primary.size() + wildcards.size(); }
};

struct SequenceOf {
    std::uint64_t operator()(const Entry* entry) const noexcept { return entry->sequence; }
};
/// A CandidateFilter by address: the views copy their predicate at every stage, the Candidates stay put.
struct Accepts {
    const CandidateFilter* filter;
    bool operator()(const Entry* entry) const { return (*filter)(entry); }
};

/// The entries of one candidate list that `filter` accepts, newest first. `filter` must outlive the view.
inline auto accepted_newest_first(EntrySpan entries, const CandidateFilter& filter) {
    return entries | ranges::views::reverse | ranges::views::filter(Accepts{&filter});
}

/// The matching entries, newest first: both candidate lists walked backwards and filtered, then merged by
/// registration order (they are disjoint, so their union is a merge). `candidates` must outlive the view.
inline auto newest_first(const Candidates& candidates) {
    return ranges::views::set_union(accepted_newest_first(candidates.primary, candidates.primary_filter),
                                    accepted_newest_first(candidates.wildcards, candidates.wildcards_filter),
                                    std::greater<>{}, SequenceOf{}, SequenceOf{});
}

/// Calls `walk` with the matching entries, newest first: newest_first(candidates), or when no wildcard
/// registration can match, the primary candidates alone, which need no merge (an exact key's usual case).
template <class Walk>
decltype(auto) walk_newest_first(const Candidates& candidates, Walk&& walk) {
    if (candidates.wildcards.empty()) return walk(accepted_newest_first(candidates.primary, candidates.primary_filter));
    return walk(newest_first(candidates));
}

template <class T>
struct ComponentAs {
    std::shared_ptr<T> operator()(const Entry* entry) const { return entry->reference.get_component().template as<T>(); }
};
template <class T>
struct HoldsA {
    bool operator()(const Entry* entry) const { return entry->reference.get_component().template is<T>(); }
};

/// The components of `entries` (a view of live, matching entries) that are a T, in the entries' order.
template <class T, ranges::view_ Entries>
auto as_components(Entries entries) {
    namespace views = ranges::views;
    if constexpr (std::is_void_v<T>)
        return std::move(entries) | views::transform(ComponentAs<void>{});  // every live entry holds one
    else  // is<T> and as<T> read the same cached cast offset: testing first costs a lookup, not a second cast
        return std::move(entries) | views::filter(HoldsA<T>{}) | views::transform(ComponentAs<T>{});
}

/// The matching entries' components that are a T, newest first.
template <class T>
auto components_as(const Candidates& candidates) {
    return as_components<T>(newest_first(candidates));
}

/// The lock of one References: a std::shared_mutex per reader shard, a writer mutex, and the writer-intent flag
/// readers check before they take their shard (see the module comment).
class WriterFirstLock {
public:
    void lock_shared() const;
    void unlock_shared() const;
    void lock();
    void unlock();

private:
    static constexpr std::size_t shard_count = 4;
    struct alignas(64) Shard {
        std::shared_mutex mutex;
    };

    mutable std::array<Shard, shard_count> shards_;
    mutable std::mutex writers_;  // held by the writer; readers that saw its intent wait here
    alignas(64) std::atomic<bool> writer_waiting_{false};
};

/// A read lock that copies (a copy reads under the same lock, on the same thread) and may be empty.
class ReadLock {
public:
    ReadLock() noexcept = default;
    explicit ReadLock(const WriterFirstLock& lock) : lock_(&lock) { lock.lock_shared(); }
    ReadLock(const ReadLock& other) : lock_(other.lock_) {
        if (lock_) lock_->lock_shared();
    }
    ReadLock(ReadLock&& other) noexcept : lock_(std::exchange(other.lock_, nullptr)) {}
    ReadLock& operator=(ReadLock other) noexcept {
        std::swap(lock_, other.lock_);
        return *this;
    }
    ~ReadLock() {
        if (lock_) lock_->unlock_shared();
    }

private:
    const WriterFirstLock* lock_ = nullptr;
};

}  // namespace pip::refer::detail

export namespace pip::refer {

template <class T>
class Query;

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

    /// The matching components that are a T, newest first, as a lazy range of std::shared_ptr<T> that composes
    /// with range-v3 and std::ranges: `references.query<IPlugin>("*:plugin:*:*:1.0"_descriptor) | views::take(3)`.
    ///
    /// Contract: the query holds a read lock on these References from its creation to its destruction, so it
    /// reads one consistent state; other threads' writes wait for it, and a write from the thread that holds it
    /// throws std::logic_error. Keep it short-lived, on the thread that made it (copies share that thread), and
    /// keep `locator` alive as long as the query: the query views it, it does not copy it.
    template <class T = void, LocatorArgument L>
    [[nodiscard]] Query<T> query(const L& locator) const {
        return Query<T>(*this, LocatorView(locator));
    }

    // The getters of IReferences, over the same pipeline without a virtual call.

    template <class T = void, LocatorArgument L>
    [[nodiscard]] std::vector<std::shared_ptr<T>> get_optional(const L& locator) const {
        return collect<T>(LocatorView(locator), false);
    }
    template <class T = void, LocatorArgument L>
    [[nodiscard]] std::vector<std::shared_ptr<T>> get_required(const L& locator) const {
        return collect<T>(LocatorView(locator), true);
    }
    template <class T = void, LocatorArgument L>
    [[nodiscard]] std::vector<std::shared_ptr<T>> find(const L& locator, bool required) const {
        return collect<T>(LocatorView(locator), required);
    }
    template <class T = void, LocatorArgument L>
    [[nodiscard]] ComponentPtr<T> get_one_optional(const L& locator) const {
        return first<T>(LocatorView(locator), nullptr, false);
    }
    template <class T = void, LocatorArgument L>
    [[nodiscard]] ComponentPtr<T> get_one_required(const L& locator) const {
        return first<T>(LocatorView(locator), nullptr, true);
    }
    template <class T = void, class U, LocatorArgument L>
    [[nodiscard]] ComponentPtr<T> get_one_before(const std::shared_ptr<U>& reference, const L& locator) const {
        const auto* start = detail::object_identity(reference.get());
        // No entry holds a null reference, so nothing comes before it (null `older_than` would mean "from the newest").
        if (start == nullptr) throw ReferenceException({}, LocatorView(locator).to_any());
        return first<T>(LocatorView(locator), start, true);
    }

    void visit(const LocatorView& query, const void* older_than_component, ReferenceVisitor visitor) const override;
    void visit_all(ReferenceVisitor visitor) const override;

protected:
    void put_reference(Reference reference) override;
    std::vector<std::shared_ptr<void>> remove_references(const LocatorView& query, bool all) override;

private:
    template <class T>
    friend class Query;

    [[nodiscard]] detail::ReadLock read_lock() const;
    /// The index's candidates for `query`, starting after the newest entry holding `older_than_component` when it
    /// is not null. Call under the lock; the candidates are valid until it is released.
    [[nodiscard]] detail::Candidates candidates(const LocatorView& query, const void* older_than_component) const;

    template <class T>
    ComponentPtr<T> first(const LocatorView& query, const void* older_than_component, bool required) const {
        {
            const auto lock = read_lock();
            const auto candidates = this->candidates(query, older_than_component);
            auto component = detail::walk_newest_first(candidates, [](auto entries) {
                const auto newest = ranges::find_if(entries, detail::HoldsA<T>{});
                return newest == ranges::end(entries) ? std::shared_ptr<T>() : detail::ComponentAs<T>{}(*newest);
            });
            if (component) return ComponentPtr<T>(std::move(component));
        }
        // The failure path walks the matches again, outside the lock, to name their types in the exception.
        if (required) throw lookup_failure(query, typeid(T), older_than_component);
        return ComponentPtr<T>();
    }

    template <class T>
    std::vector<std::shared_ptr<T>> collect(const LocatorView& query, bool required) const {
        std::vector<std::shared_ptr<T>> found;
        {
            const auto lock = read_lock();
            const auto candidates = this->candidates(query, nullptr);
            found.reserve(candidates.bound());  // one allocation: the candidates bound the matches
            detail::walk_newest_first(candidates, [&](auto entries) {
                ranges::copy(detail::as_components<T>(std::move(entries)), std::back_inserter(found));
            });
        }
        if (found.empty() && required) throw lookup_failure(query, typeid(T));
        return found;
    }

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

/// References::query's range: see its contract there. Its pipeline is built at the first begin() over the
/// query's own copy of the locator view, so a copied or moved query builds its own. An input range (a component
/// is cast as it is reached), a view for range-v3 and std::ranges alike.
template <class T>
class Query : public ranges::view_interface<Query<T>>, public std::ranges::view_base {
    using Pipeline = decltype(detail::components_as<T>(std::declval<const detail::Candidates&>()));

public:
    /// Walks the pipeline; compared with std::default_sentinel in this module, where range-v3's own comparisons
    /// are visible, so importers need no range-v3 header to loop over a query.
    class iterator {
    public:
        using value_type = std::shared_ptr<T>;
        using reference = const value_type&;
        using pointer = const value_type*;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::input_iterator_tag;
        using iterator_category = std::input_iterator_tag;

        iterator() = default;
        [[nodiscard]] reference operator*() const noexcept { return component_; }
        [[nodiscard]] pointer operator->() const noexcept { return &component_; }
        iterator& operator++() {
            ++current_;
            read();
            return *this;
        }
        iterator operator++(int) {
            auto previous = *this;
            ++*this;
            return previous;
        }
        friend bool operator==(const iterator& position, std::default_sentinel_t) { return position.current_ == position.end_; }

    private:
        friend class Query;
        explicit iterator(Pipeline& pipeline) : current_(ranges::begin(pipeline)), end_(ranges::end(pipeline)) { read(); }

        /// Reading the pipeline makes a new shared_ptr (a reference count): read once, keep it for every dereference.
        void read() { component_ = current_ == end_ ? nullptr : value_type(*current_); }

        decltype(ranges::begin(std::declval<Pipeline&>())) current_;
        decltype(ranges::end(std::declval<Pipeline&>())) end_;
        value_type component_;
    };

    Query() = default;
    Query(const Query& other) : references_(other.references_), lock_(other.lock_), query_(other.query_) {}
    Query(Query&& other) noexcept
        : references_(other.references_), lock_(std::move(other.lock_)), query_(other.query_) {}
    Query& operator=(Query other) noexcept {
        references_ = other.references_;
        lock_ = std::move(other.lock_);
        query_ = other.query_;
        pipeline_.reset();
        return *this;
    }
    ~Query() = default;

    [[nodiscard]] iterator begin() { return iterator(pipeline()); }
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

private:
    friend class References;

    Query(const References& references, const LocatorView& query)
        : references_(&references), lock_(references.read_lock()), query_(query) {}

    Pipeline& pipeline() {
        if (!pipeline_) {
            if (references_) candidates_ = references_->candidates(query_, nullptr);
            pipeline_.emplace(detail::components_as<T>(candidates_));
        }
        return *pipeline_;
    }

    const References* references_ = nullptr;
    detail::ReadLock lock_;
    LocatorView query_ = LocatorView(0);
    detail::Candidates candidates_;  // the pipeline views them and query_
    std::optional<Pipeline> pipeline_;
};

}  // namespace pip::refer
