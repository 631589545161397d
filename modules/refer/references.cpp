module;
#include "pip_std.hpp"
module pip.refer;

namespace pip::refer {
namespace {

constexpr std::size_t field_count = detail::descriptor_field_count;
/// A field id no entry has: the query's value in that field is not a value of any complete descriptor.
constexpr std::uint32_t absent_value = std::numeric_limits<std::uint32_t>::max();
/// A query field that is a wildcard: any value matches.
constexpr std::uint32_t any_value = absent_value - 1;
/// How far ahead a bucket walk prefetches the components of the entries it will test, and (twice as far) the
/// entries themselves.
constexpr std::size_t prefetch_distance = 16;

/// A complete descriptor's text, copied into what would be the padding at the end of its entry: a lookup then
/// compares the key without the cache miss on the descriptor's own heap text. Empty when the text is too long.
class InlineKey {
public:
    static constexpr std::size_t capacity = 35;

    explicit InlineKey(const AnyLocator& locator) {
        const auto* descriptor = locator.descriptor();
        if (descriptor == nullptr || !descriptor->is_complete()) return;
        const auto view = descriptor->view();
        std::size_t total = 0;
        for (const auto& field : view.fields) total += field->size();
        if (total > capacity) return;
        std::size_t at = 0;
        for (std::size_t i = 0; i < field_count; ++i) {
            std::copy_n(view.fields[i]->data(), view.fields[i]->size(), text_.data() + at);
            at += view.fields[i]->size();
            ends_[i] = static_cast<std::uint8_t>(at);
        }
    }

    [[nodiscard]] bool empty() const noexcept { return ends_[field_count - 1] == none; }
    /// Field `i` of the key; the key must not be empty.
    [[nodiscard]] std::string_view field(std::size_t i) const noexcept {
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return {text_.data() + begin, ends_[i] - begin};
    }
    /// Whether the key is the complete descriptor `view`; the key must not be empty.
    [[nodiscard]] bool equals(const DescriptorView& view) const noexcept {
        for (std::size_t i = 0; i < field_count; ++i)
            if (field(i) != *view.fields[i]) return false;
        return true;
    }

private:
    static constexpr std::uint8_t none = std::numeric_limits<std::uint8_t>::max();
    std::array<std::uint8_t, field_count> ends_{none, none, none, none, none};
    std::array<char, capacity> text_{};
};

/// One registration. Entries never move once created, so indexes point at them; a removed entry releases its
/// component at once and stays as a tombstone until the next rebuild. Aligned to a cache line: a walk reads
/// these fields and the component (the first member of Reference), all in the first line; a hit reads that
/// line and the key, in the last one.
struct alignas(64) Entry {
    explicit Entry(Reference registered) : reference(std::move(registered)), key(reference.get_locator()) {}

    std::uint64_t sequence = 0;                          // registration order: newer entries have larger ones
    std::array<std::uint32_t, field_count> field_ids{};  // complete descriptors: each field's value id
    bool removed = false;
    Entry* older_same_key = nullptr;  // the next older entry under the same exact key
    Reference reference;
    InlineKey key;
};
static_assert(sizeof(Entry) <= 192, "the inline key fills the entry's last cache line, it does not add one");

[[nodiscard]] const Descriptor& descriptor_of(const Entry& entry) {
    return *entry.reference.get_locator().descriptor();
}
/// Whether the complete-descriptor entry's key is `descriptor` (whose view is `view`).
[[nodiscard]] bool has_key(const Entry& entry, const Descriptor& descriptor, const DescriptorView& view) {
    return entry.key.empty() ? descriptor_of(entry) == descriptor : entry.key.equals(view);
}
/// Field `i` of a complete-descriptor entry.
[[nodiscard]] std::string_view field_of(const Entry& entry, std::size_t i) {
    return entry.key.empty() ? *descriptor_of(entry).view().fields[i] : entry.key.field(i);
}

/// Entries in registration order (oldest first). The first is held inline: most field values (names) have
/// one entry, which then costs no allocation.
class Bucket {
public:
    Bucket() = default;
    Bucket(Bucket&& other) noexcept : storage_(other.storage_), size_(std::exchange(other.size_, 0)) {}
    Bucket(const Bucket&) = delete;
    Bucket& operator=(const Bucket&) = delete;
    Bucket& operator=(Bucket&&) = delete;
    ~Bucket() {
        if (size_ > 1) delete[] storage_.many;
    }

    void push_back(Entry* entry) {
        if (size_ == 0) {
            storage_.one = entry;
        } else {
            if (size_ == 1) {
                auto* many = new Entry*[2];
                many[0] = storage_.one;
                storage_.many = many;
            } else if ((size_ & (size_ - 1)) == 0) {  // capacity is size rounded up to a power of two: full
                auto* many = new Entry*[2 * std::size_t{size_}];
                std::copy_n(storage_.many, size_, many);
                delete[] std::exchange(storage_.many, many);
            }
            storage_.many[size_] = entry;
        }
        ++size_;
    }
    [[nodiscard]] std::span<Entry* const> entries() const noexcept {
        return {size_ <= 1 ? &storage_.one : storage_.many, size_};
    }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    union Storage {
        Entry* one;
        Entry** many;
    } storage_{nullptr};
    std::uint32_t size_ = 0;
};

/// murmur3's finaliser: spreads every input bit over the low bits the tables index with.
[[nodiscard]] constexpr std::uint64_t mixed(std::uint64_t hash) noexcept {
    hash ^= hash >> 33U;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33U;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 33U);
}
/// Up to 8 bytes of `text` from `at`, little-endian (the compiler turns a full word into one load).
[[nodiscard]] constexpr std::uint64_t word_at(std::string_view text, std::size_t at, std::size_t count) noexcept {
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < count; ++i) word |= std::uint64_t{static_cast<unsigned char>(text[at + i])} << (8 * i);
    return word;
}
/// A hash of text that inlines: descriptor fields are a few bytes long, where std::hash's out-of-line call costs
/// more than the hashing.
[[nodiscard]] constexpr std::uint64_t hash_of(std::string_view text) noexcept {
    std::uint64_t hash = 0x9e3779b97f4a7c15ULL * (text.size() + 1);
    std::size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
        hash = (hash ^ word_at(text, at, 8)) * 0xff51afd7ed558ccdULL;
        hash ^= hash >> 29U;
    }
    return mixed(hash ^ word_at(text, at, text.size() - at));
}
/// The hash of a complete descriptor, from the hashes of its fields.
[[nodiscard]] constexpr std::uint64_t hash_of(const std::array<std::uint64_t, field_count>& field_hashes) noexcept {
    std::uint64_t hash = 0;
    for (const auto field : field_hashes) hash = (hash ^ field) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
    return mixed(hash);
}
[[nodiscard]] std::array<std::uint64_t, field_count> field_hashes_of(const DescriptorView& view) noexcept {
    std::array<std::uint64_t, field_count> hashes{};
    for (std::size_t i = 0; i < field_count; ++i) hashes[i] = view.fields[i] ? hash_of(*view.fields[i]) : 0;
    return hashes;
}

/// Open addressing with linear probing over a power-of-two array of slots that hold their key's hash, so a
/// probe only looks at the key itself when the hashes agree. Keys are never erased: a rebuild starts over.
template <class Slot>
class SlotTable {
public:
    /// The slot of the key whose hash is `hash` and for which `is_key(slot)` holds, or null.
    template <class IsKey>
    [[nodiscard]] const Slot* find(std::uint64_t hash, IsKey&& is_key) const {
        if (slots_.empty()) return nullptr;
        for (auto i = hash & mask();; i = (i + 1) & mask()) {
            const Slot& slot = slots_[i];
            if (slot.empty()) return nullptr;
            if (slot.hash == static_cast<decltype(slot.hash)>(hash) && is_key(slot)) return &slot;
        }
    }
    /// The slot of the key, or a new empty slot for it holding `hash`, which the caller fills.
    template <class IsKey>
    [[nodiscard]] Slot& find_or_add(std::uint64_t hash, IsKey&& is_key) {
        if (5 * (size_ + 1) > 4 * slots_.size()) grow();  // load factor at most 0.8
        for (auto i = hash & mask();; i = (i + 1) & mask()) {
            Slot& slot = slots_[i];
            if (slot.empty()) {
                ++size_;
                slot.hash = static_cast<decltype(slot.hash)>(hash);
                return slot;
            }
            if (slot.hash == static_cast<decltype(slot.hash)>(hash) && is_key(slot)) return slot;
        }
    }
    /// Starts loading the slot where the probe for `hash` begins.
    void prefetch(std::uint64_t hash) const noexcept {
        if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask()]);
    }
    void clear() {
        slots_.clear();
        slots_.shrink_to_fit();
        size_ = 0;
    }

private:
    [[nodiscard]] std::size_t mask() const noexcept { return slots_.size() - 1; }
    void grow() {
        std::vector<Slot> slots(std::max<std::size_t>(16, 2 * slots_.size()));
        const auto new_mask = slots.size() - 1;
        for (const auto& slot : slots_) {
            if (slot.empty()) continue;
            auto i = slot.hash & new_mask;
            while (!slots[i].empty()) i = (i + 1) & new_mask;
            slots[i] = slot;
        }
        slots_ = std::move(slots);
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

/// Entries by exact key (a complete descriptor, a string, an integer, a custom locator type): the table holds
/// each key's newest entry, which chains to the older ones through `older_same_key`.
class KeyIndex {
public:
    /// The newest entry of the key, or null; `is_key(entry)` tells whether an entry has the key.
    template <class IsKey>
    [[nodiscard]] Entry* newest(std::uint64_t hash, IsKey&& is_key) const {
        const auto* slot = slots_.find(hash, [&](const Slot& candidate) { return is_key(*candidate.newest); });
        return slot ? slot->newest : nullptr;
    }
    /// Makes `entry` the newest of its key.
    template <class IsKey>
    void add(Entry* entry, std::uint64_t hash, IsKey&& is_key) {
        auto& slot = slots_.find_or_add(hash, [&](const Slot& candidate) { return is_key(*candidate.newest); });
        entry->older_same_key = slot.newest;
        slot.newest = entry;
    }
    void prefetch(std::uint64_t hash) const noexcept { slots_.prefetch(hash); }
    void clear() { slots_.clear(); }

private:
    struct Slot {
        std::uint64_t hash = 0;
        Entry* newest = nullptr;
        [[nodiscard]] bool empty() const noexcept { return newest == nullptr; }
    };
    SlotTable<Slot> slots_;
};

/// The complete descriptors by the value of one of their fields: each distinct value gets an id (dense, in
/// order of first use) and a bucket of the entries that have it.
class FieldIndex {
public:
    explicit FieldIndex(std::size_t field) : field_(field) {}

    /// The id of `value`, or absent_value when no complete descriptor has it in this field.
    [[nodiscard]] std::uint32_t find(std::string_view value) const {
        const auto* slot =
            slots_.find(hash_of(value), [&](const Slot& candidate) { return is_value(candidate, value); });
        return slot ? slot->id : absent_value;
    }
    /// Adds `entry` to the bucket of its value `value`, whose hash_of is `hash`; returns the value's id.
    std::uint32_t add(Entry* entry, std::string_view value, std::uint64_t hash) {
        auto& slot = slots_.find_or_add(hash, [&](const Slot& candidate) { return is_value(candidate, value); });
        if (slot.id == absent_value) {
            buckets_.emplace_back();
            slot.id = static_cast<std::uint32_t>(buckets_.size() - 1);
        }
        buckets_[slot.id].push_back(entry);
        return slot.id;
    }
    [[nodiscard]] const Bucket& bucket(std::uint32_t id) const { return buckets_[id]; }
    void prefetch(std::uint64_t hash) const noexcept { slots_.prefetch(hash); }
    void clear() {
        slots_.clear();
        buckets_.clear();
        buckets_.shrink_to_fit();
    }

private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t id = absent_value;
        [[nodiscard]] bool empty() const noexcept { return id == absent_value; }
    };
    /// A bucket is never empty (removed entries stay until the rebuild), so its first entry spells the value.
    [[nodiscard]] bool is_value(const Slot& slot, std::string_view value) const {
        return field_of(*buckets_[slot.id].entries().front(), field_) == value;
    }

    std::size_t field_;
    SlotTable<Slot> slots_;
    std::vector<Bucket> buckets_;  // by id
};

/// Prefetches what a walk reads of an entry: its first cache line.
void prefetch_entry(const Entry& entry) noexcept { __builtin_prefetch(&entry); }

/// Prefetches, for writing, the reference counts a lookup will increment when it returns the entry's component:
/// with make_shared (the usual case) they sit just before the object. Only a hint: it is harmless elsewhere.
void prefetch_counts(const Entry& entry) noexcept {
    __builtin_prefetch(static_cast<const char*>(entry.reference.get_component().identity()) - sizeof(long), 1);
}

/// Before an entry's key is compared: every line of the entry at once, so the misses of a hit overlap instead
/// of following one another.
void prefetch_for_hit(const Entry& entry) noexcept {
    for (std::size_t offset = 0; offset < sizeof(Entry); offset += 64)
        __builtin_prefetch(reinterpret_cast<const char*>(&entry) + offset);
}

// Candidate sources: each yields entries newest first, or null when exhausted.

/// The entries of one exact key, following the chain from the newest.
struct ChainSource {
    Entry* next;
    Entry* pop() noexcept { return next ? std::exchange(next, next->older_same_key) : nullptr; }
};

/// A sequence in registration order, walked backwards, prefetching the entries a few steps ahead.
template <class Item>
struct BackwardsSource {
    std::span<const Item> items;

    static Entry* entry_of(Entry* entry) noexcept { return entry; }
    static Entry* entry_of(const std::unique_ptr<Entry>& entry) noexcept { return entry.get(); }

    Entry* pop() noexcept {
        if (items.empty()) return nullptr;
        if (items.size() > 2 * prefetch_distance)
            prefetch_entry(*entry_of(items[items.size() - 1 - 2 * prefetch_distance]));
        if (items.size() > prefetch_distance) prefetch_counts(*entry_of(items[items.size() - 1 - prefetch_distance]));
        Entry* entry = entry_of(items.back());
        items = items.first(items.size() - 1);
        return entry;
    }
};
template <class Item>
BackwardsSource(std::span<const Item>) -> BackwardsSource<Item>;

/// The live entries of a source that are older than a bound and that `matches` accepts.
template <class Source, class Matches>
struct Candidates {
    Source source;
    Matches matches;
    std::uint64_t older_than;

    Entry* next() {
        while (Entry* entry = source.pop())
            if (!entry->removed && entry->sequence < older_than && matches(*entry)) return entry;
        return nullptr;
    }
};
template <class Source, class Matches>
Candidates(Source, Matches, std::uint64_t) -> Candidates<Source, Matches>;

/// Merges two disjoint newest-first candidate streams into one newest-first walk, until `visitor` says stop.
template <class First, class Second, class Visitor>
void visit_newest_first(First first, Second second, Visitor& visitor) {
    Entry* a = first.next();
    Entry* b = second.next();
    while (a != nullptr && b != nullptr) {
        if (a->sequence > b->sequence) {
            if (!visitor(*a)) return;
            a = first.next();
        } else {
            if (!visitor(*b)) return;
            b = second.next();
        }
    }
    for (; a != nullptr; a = first.next())
        if (!visitor(*a)) return;
    for (; b != nullptr; b = second.next())
        if (!visitor(*b)) return;
}

/// The reference of the calling thread to the locks it reads under. Its slot is distinct from every other live
/// thread's while fewer than 64 threads hold one, so readers of one References count on different shards.
class ReaderThread {
public:
    ReaderThread() {
        auto taken = taken_slots.load(std::memory_order_relaxed);
        for (;;) {
            std::size_t free = 0;
            while (free < 64 && (taken & (std::uint64_t{1} << free)) != 0) ++free;
            if (free == 64) {  // more live threads than slots: share one
                slot_ = std::hash<std::thread::id>{}(std::this_thread::get_id());
                return;
            }
            if (taken_slots.compare_exchange_weak(taken, taken | (std::uint64_t{1} << free),
                                                  std::memory_order_relaxed)) {
                slot_ = free;
                owns_slot_ = true;
                return;
            }
        }
    }
    ReaderThread(const ReaderThread&) = delete;
    ReaderThread& operator=(const ReaderThread&) = delete;
    ~ReaderThread() {
        if (owns_slot_) taken_slots.fetch_and(~(std::uint64_t{1} << slot_), std::memory_order_relaxed);
    }

    [[nodiscard]] std::size_t slot() const noexcept { return slot_; }
    [[nodiscard]] bool is_reading(const void* lock) const noexcept {
        return std::find(reading_.begin(), reading_.end(), lock) != reading_.end();
    }
    void enter(const void* lock) { reading_.push_back(lock); }
    void leave(const void* lock) noexcept {
        // Scoped locks leave in the reverse order of entering: the one to drop is the last one of this lock.
        const auto last = std::find(reading_.rbegin(), reading_.rend(), lock);
        reading_.erase(std::next(last).base());
    }

private:
    static inline std::atomic<std::uint64_t> taken_slots{0};
    std::size_t slot_ = 0;
    bool owns_slot_ = false;
    std::vector<const void*> reading_;
};

ReaderThread& reader_thread() {
    thread_local ReaderThread thread;
    return thread;
}

/// The reader-writer lock of one References. A reader counts itself on its thread's shard, a cache line of its
/// own, so concurrent readers never write to a shared line; a writer raises a flag, then waits until every shard
/// is empty. Writers go first: a reader that sees the flag steps back and blocks on `gate_` until the writer is
/// done, unless its thread already reads this References (a lookup inside a visitor), which must go on or the
/// two would wait for each other.
class ShardedLock {
public:
    void lock_shared() {
        auto& thread = reader_thread();
        auto& readers = shards_[thread.slot() % shard_count].readers;
        if (thread.is_reading(this)) {
            readers.fetch_add(1, std::memory_order_relaxed);
        } else {
            for (;;) {
                readers.fetch_add(1, std::memory_order_seq_cst);
                if (writing_.load(std::memory_order_seq_cst) == 0) break;
                readers.fetch_sub(1, std::memory_order_release);
                const std::shared_lock wait_for_writer(gate_);
            }
        }
        thread.enter(this);
    }
    void unlock_shared() {
        auto& thread = reader_thread();
        thread.leave(this);
        shards_[thread.slot() % shard_count].readers.fetch_sub(1, std::memory_order_release);
    }
    void lock() {
        if (reader_thread().is_reading(this))
            throw std::logic_error("References cannot be modified by a visitor of the same References");
        gate_.lock();
        writing_.store(1, std::memory_order_seq_cst);
        for (auto& shard : shards_)
            for (std::size_t spins = 0; shard.readers.load(std::memory_order_seq_cst) != 0; ++spins)
                if (spins > 100) std::this_thread::yield();
    }
    void unlock() {
        writing_.store(0, std::memory_order_release);
        gate_.unlock();
    }

private:
    static constexpr std::size_t shard_count = 8;
    struct alignas(64) Shard {
        std::atomic<std::uint32_t> readers{0};
    };

    std::array<Shard, shard_count> shards_;
    alignas(64) std::atomic<std::uint32_t> writing_{0};
    std::shared_mutex gate_;  // held by the writer; readers that stepped back wait on it
};

}  // namespace

struct References::State {
    void index(Entry* entry);
    void rebuild();
    [[nodiscard]] std::uint64_t sequence_of_newest(const void* component) const;

    /// Pip's newest-first scan, narrowed by the indexes: calls `visitor(entry)` for each matching entry older
    /// than `older_than`, newest first, until it returns false.
    template <class Visitor>
    void for_each_match(const AnyLocator& query, std::uint64_t older_than, Visitor&& visitor) const;

    mutable ShardedLock lock;
    std::vector<std::unique_ptr<Entry>> entries;  // registration order, tombstones included
    std::size_t removed = 0;
    std::uint64_t next_sequence = 0;

    KeyIndex complete_descriptors;
    std::array<FieldIndex, field_count> descriptor_fields{FieldIndex(0), FieldIndex(1), FieldIndex(2), FieldIndex(3),
                                                          FieldIndex(4)};
    std::vector<Entry*> partial_descriptors;  // descriptors with a wildcard: they may match any descriptor query
    KeyIndex strings;
    KeyIndex integers;
    KeyIndex custom_types;  // other locator types, by type; their entries are matched one by one
};

void References::State::index(Entry* entry) {
    const auto& locator = entry->reference.get_locator();
    if (const auto* descriptor = locator.descriptor()) {
        if (!descriptor->is_complete()) {
            partial_descriptors.push_back(entry);
            return;
        }
        // Six table probes, each likely a cache miss: prefetch them all before the first one.
        const auto view = descriptor->view();
        const auto& fields = view.fields;
        const auto field_hashes = field_hashes_of(view);
        const auto hash = hash_of(field_hashes);
        complete_descriptors.prefetch(hash);
        for (std::size_t i = 0; i < field_count; ++i) descriptor_fields[i].prefetch(field_hashes[i]);
        complete_descriptors.add(entry, hash, [&](const Entry& other) { return has_key(other, *descriptor, view); });
        for (std::size_t i = 0; i < field_count; ++i)
            entry->field_ids[i] = descriptor_fields[i].add(entry, *fields[i], field_hashes[i]);
    } else if (const auto* text = locator.string()) {
        strings.add(entry, hash_of(*text),
                    [&](const Entry& other) { return *other.reference.get_locator().string() == *text; });
    } else if (const auto* integer = locator.integer()) {
        integers.add(entry, mixed(std::hash<IntegerKey>{}(*integer)),
                     [&](const Entry& other) { return *other.reference.get_locator().integer() == *integer; });
    } else {
        const auto type = *locator.custom_type();
        custom_types.add(entry, mixed(type.hash_code()),
                         [&](const Entry& other) { return *other.reference.get_locator().custom_type() == type; });
    }
}

void References::State::rebuild() {
    complete_descriptors.clear();
    for (auto& field : descriptor_fields) field.clear();
    partial_descriptors.clear();
    strings.clear();
    integers.clear();
    custom_types.clear();
    std::erase_if(entries, [](const std::unique_ptr<Entry>& entry) { return entry->removed; });
    removed = 0;
    for (const auto& entry : entries) index(entry.get());
}

template <class Visitor>
void References::State::for_each_match(const AnyLocator& query, std::uint64_t older_than, Visitor&& visitor) const {
    const auto by_match = [&](const Entry& entry) { return entry.reference.match(query); };
    const auto every = [](const Entry&) { return true; };  // an exact-key chain holds only matches
    const Candidates none{BackwardsSource<Entry*>{}, every, older_than};
    const auto scan_all = [&] {
        visit_newest_first(Candidates{BackwardsSource{std::span(entries)}, by_match, older_than}, none, visitor);
    };
    const Candidates partials{BackwardsSource{std::span(partial_descriptors)}, by_match, older_than};

    if (query.identity() != nullptr) return scan_all();  // by component: any entry may hold it
    if (const auto* descriptor = query.descriptor()) {
        if (descriptor->is_complete()) {
            const auto view = descriptor->view();
            auto* newest = complete_descriptors.newest(hash_of(field_hashes_of(view)), [&](const Entry& entry) {
                prefetch_for_hit(entry);
                return has_key(entry, *descriptor, view);
            });
            return visit_newest_first(Candidates{ChainSource{newest}, every, older_than}, partials, visitor);
        }
        // A partial query: the complete descriptors that can match are in the bucket of each concrete field;
        // walk the smallest, comparing value ids instead of text.
        std::array<std::uint32_t, field_count> wanted{};
        const Bucket* narrowest = nullptr;
        std::size_t narrowest_field = 0;
        const auto fields = descriptor->view().fields;
        for (std::size_t i = 0; i < field_count; ++i) {
            wanted[i] = fields[i] ? descriptor_fields[i].find(*fields[i]) : any_value;
            if (wanted[i] == any_value) continue;
            static const Bucket no_entries;
            const auto* bucket = wanted[i] == absent_value ? &no_entries : &descriptor_fields[i].bucket(wanted[i]);
            if (narrowest == nullptr || bucket->size() < narrowest->size()) {
                narrowest = bucket;
                narrowest_field = i;
            }
        }
        if (narrowest == nullptr) return scan_all();  // all wildcards: every descriptor matches
        // The bucket's own field matches by construction: test only the other concrete ones.
        std::array<std::size_t, field_count> tested{};
        std::size_t tested_count = 0;
        for (std::size_t i = 0; i < field_count; ++i)
            if (wanted[i] != any_value && i != narrowest_field) tested[tested_count++] = i;
        const auto has_wanted_values = [&](const Entry& entry) {
            for (std::size_t t = 0; t < tested_count; ++t)
                if (entry.field_ids[tested[t]] != wanted[tested[t]]) return false;
            return true;
        };
        return visit_newest_first(Candidates{BackwardsSource{narrowest->entries()}, has_wanted_values, older_than},
                                  partials, visitor);
    }
    Entry* newest = nullptr;
    if (const auto* text = query.string()) {
        newest = strings.newest(hash_of(*text), [&](const Entry& entry) {
            prefetch_for_hit(entry);
            return *entry.reference.get_locator().string() == *text;
        });
    } else if (const auto* integer = query.integer()) {
        newest = integers.newest(mixed(std::hash<IntegerKey>{}(*integer)), [&](const Entry& entry) {
            prefetch_for_hit(entry);
            return *entry.reference.get_locator().integer() == *integer;
        });
    } else {
        const auto type = *query.custom_type();
        newest = custom_types.newest(mixed(type.hash_code()), [&](const Entry& entry) {
            return *entry.reference.get_locator().custom_type() == type;
        });
        return visit_newest_first(Candidates{ChainSource{newest}, by_match, older_than}, none, visitor);
    }
    visit_newest_first(Candidates{ChainSource{newest}, every, older_than}, none, visitor);
}

std::uint64_t References::State::sequence_of_newest(const void* component) const {
    for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry)
        if (!(*entry)->removed && (*entry)->reference.get_component().identity() == component)
            return (*entry)->sequence;
    return 0;  // nothing is older than the first entry: the walk finds nothing
}

References::References() : state_(std::make_unique<State>()) {}
References::References(References&& other) : state_(std::exchange(other.state_, std::make_unique<State>())) {}
References& References::operator=(References&& other) {
    if (this != &other) state_ = std::exchange(other.state_, std::make_unique<State>());
    return *this;
}
References::~References() = default;

std::size_t References::size() const {
    const std::shared_lock lock(state_->lock);
    return state_->entries.size() - state_->removed;
}

void References::visit(const AnyLocator& query, const void* older_than_component, ReferenceVisitor visitor) const {
    const std::shared_lock lock(state_->lock);
    const auto older_than = older_than_component ? state_->sequence_of_newest(older_than_component)
                                                 : std::numeric_limits<std::uint64_t>::max();
    state_->for_each_match(query, older_than, [&](const Entry& entry) { return visitor(entry.reference); });
}

void References::visit_all(ReferenceVisitor visitor) const {
    const std::shared_lock lock(state_->lock);
    for (const auto& entry : state_->entries)
        if (!entry->removed && !visitor(entry->reference)) return;
}

void References::put_reference(Reference reference) {
    auto entry = std::make_unique<Entry>(std::move(reference));
    const std::scoped_lock lock(state_->lock);
    entry->sequence = state_->next_sequence++;
    auto* added = state_->entries.emplace_back(std::move(entry)).get();
    try {
        state_->index(added);
    } catch (...) {
        // Partly indexed: as a tombstone it is skipped by every lookup and dropped by the next rebuild.
        added->removed = true;
        ++state_->removed;
        throw;
    }
}

std::vector<std::shared_ptr<void>> References::remove_references(const AnyLocator& query, bool all) {
    std::vector<std::shared_ptr<void>> components;
    const std::scoped_lock lock(state_->lock);
    std::vector<Entry*> matches;
    state_->for_each_match(query, std::numeric_limits<std::uint64_t>::max(), [&](Entry& entry) {
        matches.push_back(&entry);
        return all;
    });
    components.reserve(matches.size());
    for (auto* entry : matches) {
        entry->removed = true;
        components.push_back(entry->reference.get_component().release());
    }
    state_->removed += matches.size();
    // Tombstones cost walk time and memory: drop them once they outnumber the live entries.
    if (state_->removed > 64 && state_->removed * 2 > state_->entries.size()) state_->rebuild();
    return components;
}

}  // namespace pip::refer
