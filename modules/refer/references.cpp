module;
#include "pip_std.hpp"
#include <range/v3/view/filter.hpp>
#include <range/v3/view/reverse.hpp>
#include <range/v3/view/set_algorithm.hpp>
module pip.refer;

namespace pip::refer {
namespace {

/// One registration. Entries never move once created, so indexes may key on views into them; a removed entry
/// releases its component at once and stays as a tombstone until the next rebuild.
struct Entry {
    Reference reference;
    std::uint64_t sequence;
    bool removed = false;
};

/// Entries in registration order (oldest first), so walking it backwards is newest first.
using Bucket = std::vector<Entry*>;

struct DescriptorKeyHash {
    std::size_t operator()(const Descriptor* descriptor) const noexcept { return descriptor->hash(); }
};
struct DescriptorKeyEqual {
    bool operator()(const Descriptor* a, const Descriptor* b) const noexcept { return *a == *b; }
};

/// Each thread reads under its own shard's lock, so concurrent readers touch different cache lines.
std::size_t current_thread_shard() {
    static std::atomic<std::size_t> next_shard{0};
    thread_local const std::size_t shard = next_shard.fetch_add(1, std::memory_order_relaxed);
    return shard;
}

}  // namespace

struct References::State {
    static constexpr std::size_t shard_count = 8;
    struct alignas(64) Shard {
        std::shared_mutex mutex;
    };

    /// Which buckets can hold matches of a query: every match is in `primary` or `secondary`.
    struct Plan {
        const Bucket* primary;
        const Bucket* secondary;
    };

    [[nodiscard]] std::shared_lock<std::shared_mutex> read_lock() const {
        return std::shared_lock(shards[current_thread_shard() % shard_count].mutex);
    }
    void lock() {
        for (auto& shard : shards) shard.mutex.lock();
    }
    void unlock() {
        for (auto& shard : shards) shard.mutex.unlock();
    }

    void index(Entry* entry);
    void rebuild();
    [[nodiscard]] Plan plan(const AnyLocator& query) const;
    [[nodiscard]] std::uint64_t sequence_of_newest(const void* component) const;

    /// The Pip scan, narrowed by the plan: matching entries, newest first.
    template <class Visitor>
    void for_each_match(const AnyLocator& query, std::uint64_t older_than, Visitor&& visitor) const {
        const auto plan = this->plan(query);
        const auto newest_matching = [&](const Bucket& bucket) {
            return bucket | ranges::views::reverse | ranges::views::filter([&](const Entry* entry) {
                       return !entry->removed && entry->sequence < older_than && entry->reference.match(query);
                   });
        };
        // The two buckets are disjoint or ordered the same way: merging them keeps newest-first order.
        auto matches = ranges::views::set_union(newest_matching(*plan.primary), newest_matching(*plan.secondary),
                                                std::greater<>{}, &Entry::sequence, &Entry::sequence);
        for (Entry* entry : matches)
            if (!visitor(*entry)) return;
    }

    mutable std::array<Shard, shard_count> shards;

    std::vector<std::unique_ptr<Entry>> entries;  // registration order, tombstones included
    Bucket all;                                   // the same entries, for queries no index narrows
    std::size_t removed = 0;
    std::uint64_t next_sequence = 0;

    std::unordered_map<const Descriptor*, Bucket, DescriptorKeyHash, DescriptorKeyEqual> complete_descriptors;
    std::array<std::unordered_map<std::string_view, Bucket>, detail::descriptor_field_count> descriptor_fields;
    Bucket partial_descriptors;  // descriptors with a wildcard field: they may match any descriptor query
    std::unordered_map<std::string_view, Bucket> strings;
    std::unordered_map<IntegerKey, Bucket> integers;
    std::unordered_map<std::type_index, Bucket> other_types;

    static inline const Bucket no_entries;
};

void References::State::index(Entry* entry) {
    all.push_back(entry);
    const auto& locator = entry->reference.get_locator();
    if (const auto* descriptor = locator.descriptor()) {
        if (!descriptor->is_complete()) {
            partial_descriptors.push_back(entry);
            return;
        }
        complete_descriptors[descriptor].push_back(entry);
        const auto fields = descriptor->view().fields;
        for (std::size_t i = 0; i < fields.size(); ++i) descriptor_fields[i][*fields[i]].push_back(entry);
    } else if (const auto* text = locator.string()) {
        strings[*text].push_back(entry);
    } else if (const auto* integer = locator.integer()) {
        integers[*integer].push_back(entry);
    } else {
        other_types[*locator.custom_type()].push_back(entry);
    }
}

void References::State::rebuild() {
    complete_descriptors.clear();
    for (auto& field : descriptor_fields) field.clear();
    partial_descriptors.clear();
    strings.clear();
    integers.clear();
    other_types.clear();
    all.clear();
    std::erase_if(entries, [](const std::unique_ptr<Entry>& entry) { return entry->removed; });
    removed = 0;
    for (const auto& entry : entries) index(entry.get());
}

References::State::Plan References::State::plan(const AnyLocator& query) const {
    const auto bucket_in = [](const auto& map, const auto& key) {
        const auto found = map.find(key);
        return found == map.end() ? &no_entries : &found->second;
    };
    if (query.identity() != nullptr) return {&all, &no_entries};  // by component: any entry may hold it
    if (const auto* descriptor = query.descriptor()) {
        if (descriptor->is_complete()) return {bucket_in(complete_descriptors, descriptor), &partial_descriptors};
        const Bucket* narrowest = &all;
        const auto fields = descriptor->view().fields;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (!fields[i]) continue;
            const auto* bucket = bucket_in(descriptor_fields[i], *fields[i]);
            if (bucket->size() < narrowest->size()) narrowest = bucket;
        }
        return {narrowest, narrowest == &all ? &no_entries : &partial_descriptors};
    }
    if (const auto* text = query.string()) return {bucket_in(strings, std::string_view(*text)), &no_entries};
    if (const auto* integer = query.integer()) return {bucket_in(integers, *integer), &no_entries};
    return {bucket_in(other_types, *query.custom_type()), &no_entries};
}

std::uint64_t References::State::sequence_of_newest(const void* component) const {
    for (const auto* entry : all | ranges::views::reverse)
        if (!entry->removed && entry->reference.get_component().identity() == component) return entry->sequence;
    return 0;  // nothing is older than the first entry: the walk finds nothing
}

References::References() : state_(std::make_unique<State>()) {}
References::References(References&&) noexcept = default;
References& References::operator=(References&&) noexcept = default;
References::~References() = default;

std::size_t References::size() const {
    const auto lock = state_->read_lock();
    return state_->entries.size() - state_->removed;
}

void References::visit(const AnyLocator& query, const void* older_than_component, ReferenceVisitor visitor) const {
    const auto lock = state_->read_lock();
    const auto older_than = older_than_component ? state_->sequence_of_newest(older_than_component)
                                                 : std::numeric_limits<std::uint64_t>::max();
    state_->for_each_match(query, older_than, [&](const Entry& entry) { return visitor(entry.reference); });
}

void References::visit_all(ReferenceVisitor visitor) const {
    const auto lock = state_->read_lock();
    for (const auto& entry : state_->entries)
        if (!entry->removed && !visitor(entry->reference)) return;
}

void References::put_reference(Reference reference) {
    auto entry = std::make_unique<Entry>(Entry{std::move(reference), 0});
    const std::scoped_lock lock(*state_);
    entry->sequence = state_->next_sequence++;
    state_->index(entry.get());
    state_->entries.push_back(std::move(entry));
}

std::vector<std::shared_ptr<void>> References::remove_references(const AnyLocator& query, bool all) {
    std::vector<std::shared_ptr<void>> components;
    const std::scoped_lock lock(*state_);
    std::vector<Entry*> matches;
    state_->for_each_match(query, std::numeric_limits<std::uint64_t>::max(), [&](Entry& entry) {
        matches.push_back(&entry);
        return all;
    });
    for (auto* entry : matches) {
        entry->removed = true;
        components.push_back(entry->reference.get_component().release());
    }
    state_->removed += matches.size();
    // Tombstones cost scan time: drop them once they outnumber the live entries.
    if (state_->removed > 64 && state_->removed * 2 > state_->entries.size()) state_->rebuild();
    return components;
}

}  // namespace pip::refer
