module;
#include "pip_std.hpp"
#include <boost/container/small_vector.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <range/v3/algorithm/copy.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/reverse.hpp>
#include <range/v3/view/set_algorithm.hpp>
#include <range/v3/view/subrange.hpp>
#include <range/v3/view/take.hpp>
module pip.refer;

namespace pip::refer {
namespace {

using detail::CandidateFilter;
using detail::Candidates;
using detail::Entry;
using detail::EntrySpan;

constexpr std::size_t field_count = detail::descriptor_field_count;

/// The entries of one key or one field value, oldest first; most have one, held inline.
using EntryList = boost::container::small_vector<Entry*, 1>;

[[nodiscard]] EntrySpan span_of(const EntryList& entries) { return {entries.data(), entries.data() + entries.size()}; }
[[nodiscard]] EntrySpan span_of(const std::vector<Entry*>& entries) {
    return {entries.data(), entries.data() + entries.size()};
}

/// The exact key of a locator that has one (a complete descriptor, a string, an integer): its hash, and the
/// first entry registered under it, whose locator spells it (it outlives its key: see Entry).
struct ExactKey {
    std::uint64_t hash;
    const Entry* entry;
};
/// A lookup's exact key: the query spells it.
struct ExactQuery {
    std::uint64_t hash;
    const LocatorView* query;
};

/// Whether `stored` has exactly the key `query` (no wildcard matching: exact keys have no wildcards).
[[nodiscard]] bool same_key(const AnyLocator& stored, const LocatorView& query) {
    switch (query.kind()) {
        case LocatorView::Kind::descriptor: {
            const auto* descriptor = stored.descriptor();
            return descriptor != nullptr && descriptor->view().exact_match(query.descriptor());
        }
        case LocatorView::Kind::string:
            return stored.string() != nullptr && *stored.string() == query.string();
        case LocatorView::Kind::integer:
            return stored.integer() != nullptr && *stored.integer() == query.integer();
        case LocatorView::Kind::custom:
            break;
    }
    return false;
}

/// The hashes are already mixed (detail::mix), so boost::unordered need not mix them again.
struct ExactHash {
    using is_transparent = void;
    using is_avalanching = void;
    std::size_t operator()(const ExactKey& key) const noexcept { return key.hash; }
    std::size_t operator()(const ExactQuery& key) const noexcept { return key.hash; }
};
struct ExactEqual {
    using is_transparent = void;
    bool operator()(const ExactKey& a, const ExactKey& b) const {
        return a.hash == b.hash && same_key(a.entry->reference.get_locator(), LocatorView(b.entry->reference.get_locator()));
    }
    bool operator()(const ExactKey& a, const ExactQuery& b) const {
        return a.hash == b.hash && same_key(a.entry->reference.get_locator(), *b.query);
    }
    bool operator()(const ExactQuery& a, const ExactKey& b) const { return (*this)(b, a); }
};

/// The hash of an exact-key query; nullopt when the query has no exact key (a partial descriptor, a custom type).
[[nodiscard]] std::optional<std::uint64_t> exact_hash(const LocatorView& query) {
    switch (query.kind()) {
        case LocatorView::Kind::descriptor:
            if (!query.descriptor().is_complete()) return std::nullopt;
            return query.descriptor_hash();
        case LocatorView::Kind::string:
            return detail::hash_text(query.string());
        case LocatorView::Kind::integer:
            return detail::mix(query.integer().magnitude * 2 + (query.integer().negative ? 1 : 0));
        case LocatorView::Kind::custom:
            break;
    }
    return std::nullopt;
}

/// One field's distinct values among the complete descriptors: each gets an id (dense, in order of first use)
/// and the list of entries that have it.
class FieldIndex {
public:
    /// Adds `entry`, whose value in this field is `value` (hash `hash`); returns the value's id.
    std::uint32_t add(Entry* entry, std::string_view value, std::uint64_t hash) {
        const auto [slot, added] = ids_.try_emplace(Value{hash, value}, static_cast<std::uint32_t>(entries_.size()));
        if (added) entries_.emplace_back();
        entries_[slot->second].push_back(entry);
        return slot->second;
    }
    /// The id of `value` (hash `hash`), or nullopt when no complete descriptor has it in this field.
    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view value, std::uint64_t hash) const {
        const auto slot = ids_.find(Value{hash, value});
        return slot == ids_.end() ? std::nullopt : std::optional(slot->second);
    }
    [[nodiscard]] const EntryList& entries(std::uint32_t id) const { return entries_[id]; }

private:
    /// A value, viewed in the descriptor of its first entry (which outlives it: see Entry).
    struct Value {
        std::uint64_t hash;
        std::string_view text;
        friend bool operator==(const Value& a, const Value& b) { return a.hash == b.hash && a.text == b.text; }
    };
    struct ValueHash {
        using is_avalanching = void;
        std::size_t operator()(const Value& value) const noexcept { return value.hash; }
    };

    boost::unordered_flat_map<Value, std::uint32_t, ValueHash> ids_;
    std::vector<EntryList> entries_;  // by id
};

}  // namespace

struct References::State {
    void index(Entry& entry);
    void compact();
    [[nodiscard]] std::uint64_t sequence_of_newest(const void* component) const;
    [[nodiscard]] Candidates candidates(const LocatorView& query) const;

    detail::WriterFirstLock lock;
    std::deque<Entry> storage;         // registration order, tombstones included; entries do not move
    std::vector<Entry*> order;         // the same entries, as an index
    std::size_t removed = 0;
    std::uint64_t next_sequence = 0;

    boost::unordered_flat_map<ExactKey, EntryList, ExactHash, ExactEqual> exact_keys;
    std::array<FieldIndex, field_count> descriptor_fields;
    std::vector<Entry*> wildcard_descriptors;  // descriptors with a wildcard: they may match any descriptor query
    boost::unordered_flat_map<std::type_index, EntryList> custom_types;  // matched entry by entry
};

void References::State::index(Entry& entry) {
    order.push_back(&entry);
    const auto& locator = entry.reference.get_locator();
    const LocatorView key(locator);
    if (key.kind() == LocatorView::Kind::custom) {
        custom_types[std::type_index(key.custom_type())].push_back(&entry);
        return;
    }
    if (key.kind() == LocatorView::Kind::descriptor && !key.descriptor().is_complete()) {
        wildcard_descriptors.push_back(&entry);
        return;
    }
    exact_keys[ExactKey{*exact_hash(key), &entry}].push_back(&entry);
    if (key.kind() == LocatorView::Kind::descriptor) {
        const auto view = key.descriptor().with_hashes();
        for (std::size_t i = 0; i < field_count; ++i)
            entry.field_ids[i] = descriptor_fields[i].add(&entry, *view.fields[i], view.field_hashes[i]);
    }
}

void References::State::compact() {
    std::deque<Entry> live;
    for (auto& entry : storage)
        if (!entry.removed) live.emplace_back(std::move(entry.reference), entry.sequence);
    order.clear();
    removed = 0;
    exact_keys.clear();
    descriptor_fields = {};
    wildcard_descriptors.clear();
    custom_types.clear();
    storage = std::move(live);
    for (auto& entry : storage) index(entry);
}

std::uint64_t References::State::sequence_of_newest(const void* component) const {
    const auto newest = std::find_if(order.rbegin(), order.rend(), [&](const Entry* entry) {
        return !entry->removed && entry->reference.get_component().identity() == component;
    });
    // Nothing is older than the first entry: without the component, the walk finds nothing.
    return newest == order.rend() ? 0 : (*newest)->sequence;
}

Candidates References::State::candidates(const LocatorView& query) const {
    Candidates candidates;
    candidates.primary_filter.query = &query;
    candidates.wildcards_filter.query = &query;
    const auto every_entry = [&] {
        candidates.primary = span_of(order);
        return candidates;
    };
    if (query.identity() != nullptr) return every_entry();  // by component: any entry may hold it

    if (query.kind() == LocatorView::Kind::custom) {
        const auto found = custom_types.find(std::type_index(query.custom_type()));
        if (found != custom_types.end()) candidates.primary = span_of(found->second);
        return candidates;
    }
    const bool is_descriptor = query.kind() == LocatorView::Kind::descriptor;
    if (is_descriptor) candidates.wildcards = span_of(wildcard_descriptors);

    if (const auto hash = exact_hash(query)) {
        const auto found = exact_keys.find(ExactQuery{*hash, &query});
        if (found != exact_keys.end()) {
            candidates.primary = span_of(found->second);
            candidates.primary_filter.test = CandidateFilter::Test::exact_key;
        }
        return candidates;
    }

    // A partial descriptor: the complete descriptors that can match are among the entries of each of its concrete
    // field values; walk the fewest, comparing value ids instead of text.
    const auto& view = query.descriptor();
    const EntryList* fewest = nullptr;
    auto& wanted = candidates.primary_filter.wanted_ids;
    wanted.fill(CandidateFilter::untested);
    for (std::size_t i = 0; i < field_count; ++i) {
        if (!view.fields[i]) continue;
        const auto id = descriptor_fields[i].find(*view.fields[i], view.field_hash(i));
        if (!id) return candidates;  // no complete descriptor has this value: only wildcard ones can match
        wanted[i] = *id;
        const auto& entries = descriptor_fields[i].entries(*id);
        if (fewest == nullptr || entries.size() < fewest->size()) fewest = &entries;
    }
    if (fewest == nullptr) {  // all wildcards: every descriptor matches, and every entry is a candidate
        candidates.wildcards = {};
        return every_entry();
    }
    candidates.primary = span_of(*fewest);
    candidates.primary_filter.test = CandidateFilter::Test::field_ids;
    return candidates;
}

References::References() : state_(std::make_unique<State>()) {}
References::References(References&& other) : state_(std::exchange(other.state_, std::make_unique<State>())) {}
References& References::operator=(References&& other) {
    if (this != &other) state_ = std::exchange(other.state_, std::make_unique<State>());
    return *this;
}
References::~References() = default;

detail::ReadLock References::read_lock() const { return detail::ReadLock(state_->lock); }

Candidates References::candidates(const LocatorView& query, const void* older_than_component) const {
    auto candidates = state_->candidates(query);
    if (older_than_component != nullptr) {
        const auto older_than = state_->sequence_of_newest(older_than_component);
        candidates.primary_filter.older_than = older_than;
        candidates.wildcards_filter.older_than = older_than;
    }
    return candidates;
}

std::size_t References::size() const {
    const auto lock = read_lock();
    return state_->storage.size() - state_->removed;
}

void References::visit(const LocatorView& query, const void* older_than_component, ReferenceVisitor visitor) const {
    const auto lock = read_lock();
    const auto candidates = this->candidates(query, older_than_component);
    detail::walk_newest_first(candidates, [&](auto&& entries) {
        for (const Entry* entry : entries)
            if (!visitor(entry->reference)) return;
    });
}

void References::visit_all(ReferenceVisitor visitor) const {
    const auto lock = read_lock();
    for (const auto& entry : state_->storage)
        if (!entry.removed && !visitor(entry.reference)) return;
}

void References::put_reference(Reference reference) {
    const std::scoped_lock lock(state_->lock);
    auto& entry = state_->storage.emplace_back(std::move(reference), state_->next_sequence++);
    try {
        state_->index(entry);
    } catch (...) {
        // Partly indexed: as a tombstone it is skipped by every lookup and dropped by the next compaction.
        entry.removed = true;
        ++state_->removed;
        throw;
    }
}

std::vector<std::shared_ptr<void>> References::remove_references(const LocatorView& query, bool all) {
    const std::scoped_lock lock(state_->lock);
    const auto candidates = state_->candidates(query);
    std::vector<Entry*> matches;
    ranges::copy(detail::newest_first(candidates) | ranges::views::take(all ? candidates.bound() : 1),
                 std::back_inserter(matches));
    std::vector<std::shared_ptr<void>> components;
    components.reserve(matches.size());
    for (auto* entry : matches) {
        entry->removed = true;
        components.push_back(entry->reference.get_component().release());
    }
    state_->removed += matches.size();
    // Tombstones cost walk time and memory: drop them once they outnumber the live entries.
    if (state_->removed > 64 && state_->removed * 2 > state_->storage.size()) state_->compact();
    return components;
}

namespace detail {
namespace {

/// The calling thread's reader shard, and the locks it reads under, each with how many reads (nested: a lookup
/// from a visitor, a second live query) hold it.
struct ReaderThread {
    struct Held {
        const WriterFirstLock* lock;
        std::size_t reads;
    };

    ReaderThread() {
        static std::atomic<std::size_t> threads{0};
        shard = threads.fetch_add(1, std::memory_order_relaxed);  // round robin: two readers, two shards
    }
    /// The entry of `lock`, or null when this thread does not read under it. Reads nest, so the innermost lock is
    /// the last one: look there first.
    [[nodiscard]] Held* find(const WriterFirstLock* lock) noexcept {
        const auto found = std::ranges::find(held.rbegin(), held.rend(), lock, &Held::lock);
        return found == held.rend() ? nullptr : &*found;
    }

    std::size_t shard;
    std::vector<Held> held;
};

ReaderThread& reader_thread() {
    thread_local ReaderThread thread;
    return thread;
}

}  // namespace

void WriterFirstLock::lock_shared() const {
    auto& thread = reader_thread();
    // A nested read needs no lock: the outer one holds it. Taking it again could wait behind a writer that waits
    // for the outer read.
    if (auto* held = thread.find(this)) {
        ++held->reads;
        return;
    }
    if (writer_waiting_.load(std::memory_order_acquire)) {
        const std::scoped_lock wait_for_writer(writers_);
    }
    shards_[thread.shard % shard_count].mutex.lock_shared();
    thread.held.push_back({this, 1});
}

void WriterFirstLock::unlock_shared() const {
    auto& thread = reader_thread();
    auto* held = thread.find(this);
    if (--held->reads > 0) return;
    thread.held.erase(thread.held.begin() + (held - thread.held.data()));
    shards_[thread.shard % shard_count].mutex.unlock_shared();
}

void WriterFirstLock::lock() {
    if (reader_thread().find(this) != nullptr)
        throw std::logic_error("References cannot be modified by a thread that is reading them (a visitor, a live query)");
    writers_.lock();
    writer_waiting_.store(true, std::memory_order_seq_cst);
    for (auto& shard : shards_) shard.mutex.lock();
}

void WriterFirstLock::unlock() {
    for (auto& shard : shards_) shard.mutex.unlock();
    writer_waiting_.store(false, std::memory_order_release);
    writers_.unlock();
}

}  // namespace detail
}  // namespace pip::refer
