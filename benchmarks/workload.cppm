// bench.workload: the generated registry the benchmark suite and the summary share, and the two baselines.
//
// Component i is registered under `group<g>:type<t>:kind<k>:name<i>:1.0` with t = i % 20, g = (i / 20) % 10
// and k = (i / 200) % 5: 10 groups, 20 types, 5 kinds, unique names, N/20 components of each type.
// Registration and query orders are shuffles with fixed seeds, so lookups touch the registry at random.
module;
#include "pip_std.hpp"
export module bench.workload;
import pip.refer;

export namespace bench {

using pip::refer::Descriptor;
using pip::refer::References;

inline constexpr std::size_t type_count = 20;
inline constexpr std::size_t dependency_count = 16;
/// The hot regime's working set: lookups cycle over this many components (all of them when N is smaller).
inline constexpr std::size_t hot_keys = 1024;

/// splitmix64: a tiny fixed-seed generator, so the workload is the same with any standard library.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t operator()() {
        auto z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31U);
    }

private:
    std::uint64_t state_;
};

/// 0, 1, ..., count - 1 in a Fisher-Yates shuffle seeded with `seed`.
std::vector<std::size_t> shuffled_ids(std::size_t count, std::uint64_t seed) {
    std::vector<std::size_t> ids(count);
    for (std::size_t i = 0; i < count; ++i) ids[i] = i;
    SplitMix64 random(seed);
    for (std::size_t i = count; i > 1; --i) std::swap(ids[i - 1], ids[random() % i]);
    return ids;
}

/// The interface typed lookups ask for; not the first base, so the cast moves the pointer.
struct IBase {
    virtual ~IBase() = default;
    [[nodiscard]] virtual std::size_t id() const noexcept = 0;
};
struct Payload {
    std::array<std::uint64_t, 2> words{};
};
class Service final : public Payload, public IBase {
public:
    explicit Service(std::size_t id) : id_(id) {}
    [[nodiscard]] std::size_t id() const noexcept override { return id_; }

private:
    std::size_t id_;
};

/// `group<g>:type<t>:kind<k>:<name>:1.0` for component `id`.
std::string descriptor_text(std::size_t id, std::string_view name) {
    return "group" + std::to_string(id / type_count % 10) + ":type" + std::to_string(id % type_count) + ":kind" +
           std::to_string(id / 200 % 5) + ":" + std::string(name) + ":1.0";
}
std::string name_of(std::size_t id) { return "name" + std::to_string(id); }

/// Baseline (a), the originals' algorithm: entries in a vector, every lookup scans them newest first calling
/// `match` (descriptors) or `==` (integers) on each.
template <class Key>
class ScanRegistry {
public:
    void put(Key key, std::shared_ptr<void> component) { entries_.emplace_back(std::move(key), std::move(component)); }

    [[nodiscard]] std::shared_ptr<void> get_one_optional(const Key& query) const {
        for (auto entry = entries_.rbegin(); entry != entries_.rend(); ++entry)
            if (matches(entry->first, query)) return entry->second;
        return nullptr;
    }
    [[nodiscard]] std::vector<std::shared_ptr<void>> get_optional(const Key& query) const {
        std::vector<std::shared_ptr<void>> found;
        for (auto entry = entries_.rbegin(); entry != entries_.rend(); ++entry)
            if (matches(entry->first, query)) found.push_back(entry->second);
        return found;
    }
    std::shared_ptr<void> remove(const Key& query) {
        for (auto entry = entries_.rbegin(); entry != entries_.rend(); ++entry) {
            if (!matches(entry->first, query)) continue;
            auto component = std::move(entry->second);
            entries_.erase(std::next(entry).base());
            return component;
        }
        return nullptr;
    }
    [[nodiscard]] std::size_t size() const { return entries_.size(); }

private:
    static bool matches(const Key& stored, const Key& query) {
        if constexpr (requires { stored.match(query); })
            return stored.match(query);
        else
            return stored == query;
    }

    std::vector<std::pair<Key, std::shared_ptr<void>>> entries_;
};

/// Baseline (b), the floor for an exact lookup: a hash map keyed by the descriptor text.
using FloorMap = std::unordered_map<std::string, std::shared_ptr<void>>;
using IntegerFloorMap = std::unordered_map<std::int64_t, std::shared_ptr<void>>;

/// The components, their locators, and the queries of every workload, for one registry size.
struct Workload {
    explicit Workload(std::size_t count)
        : size(count), registration_order(shuffled_ids(count, 42)), query_order(shuffled_ids(count, 7)) {
        // Created in registration order, as an application creates and registers its components: registering
        // then streams through them instead of gathering them from random places.
        components.resize(size);
        texts.resize(size);
        descriptors.resize(size);
        for (const auto id : registration_order) {
            components[id] = std::make_shared<Service>(id);
            texts[id] = descriptor_text(id, name_of(id));
            descriptors[id] = *Descriptor::from_string(texts[id]);
            registered_components.push_back(components[id]);
            registered_texts.push_back(texts[id]);
            registered_descriptors.push_back(descriptors[id]);
        }
        hit_texts.reserve(size);  // hit_literals view these texts: they must not move
        for (const auto id : query_order) {
            hit_queries.push_back(descriptors[id]);
            hit_texts.push_back(texts[id]);
            // What a `_descriptor` literal is at run time: a view with its field hashes already computed.
            hit_literals.push_back(*pip::refer::DescriptorView::parse(hit_texts.back()));
            miss_texts.push_back(descriptor_text(id, name_of(size + id)));
            miss_queries.push_back(*Descriptor::from_string(miss_texts.back()));
            name_queries.emplace_back(std::nullopt, std::nullopt, std::nullopt, name_of(id), std::nullopt);
        }
        type_matches.resize(type_count);
        for (std::size_t type = 0; type < type_count; ++type)
            type_queries.emplace_back(std::nullopt, "type" + std::to_string(type), std::nullopt, std::nullopt, "1.0");
        for (auto id = registration_order.rbegin(); id != registration_order.rend(); ++id)
            type_matches[*id % type_count].push_back(components[*id]);
    }

    std::size_t size;
    std::vector<std::shared_ptr<Service>> components;             // by id
    std::vector<std::string> texts;                               // by id
    std::vector<Descriptor> descriptors;                          // by id
    std::vector<std::size_t> registration_order;                  // ids, shuffled
    std::vector<std::size_t> query_order;                         // ids, another shuffle: the order lookups visit them
    std::vector<std::shared_ptr<Service>> registered_components;  // in registration order
    std::vector<std::string> registered_texts;                    // in registration order
    std::vector<Descriptor> registered_descriptors;               // in registration order

    std::vector<Descriptor> hit_queries;   // complete descriptors present, in query order
    std::vector<std::string> hit_texts;    // the same as text, for the floor (and the string locators)
    std::vector<pip::refer::DescriptorView> hit_literals;  // the same as hashed views of hit_texts
    std::vector<Descriptor> miss_queries;  // complete descriptors absent (their name is not registered)
    std::vector<std::string> miss_texts;   // the same as text
    std::vector<Descriptor> name_queries;  // `*:*:*:name<i>:*`, in query order
    std::vector<Descriptor> type_queries;  // `*:type<t>:*:*:1.0`, t = 0..19
    std::vector<std::vector<std::shared_ptr<void>>> type_matches;  // what each type query returns, newest first
};

/// Every registry built over one workload: ours and the baselines, with descriptor and integer locators.
struct Registries {
    explicit Registries(const Workload& workload) {
        for (std::size_t i = 0; i < workload.size; ++i) {
            const auto id = static_cast<std::int64_t>(workload.registration_order[i]);
            const auto& component = workload.registered_components[i];
            references.put(workload.registered_descriptors[i], component);
            integer_references.put(id, component);
            string_references.put(workload.registered_texts[i], component);
            floor.emplace(workload.registered_texts[i], component);
            integer_floor.emplace(id, component);
            scan.put(workload.registered_descriptors[i], component);
            integer_scan.put(id, component);
        }
        for (std::size_t i = 0; i < dependency_count; ++i) {
            const auto id = workload.query_order[i % workload.size];
            dependency_names.push_back("dependency" + std::to_string(i));
            dependency_texts.push_back(workload.texts[id]);
            resolver.put(dependency_names.back(), workload.descriptors[id]);
        }
        resolver.set_references(references);
    }
    Registries(const Registries&) = delete;
    Registries& operator=(const Registries&) = delete;

    References references;
    References integer_references;
    References string_references;  // the descriptor texts as string locators
    FloorMap floor;
    IntegerFloorMap integer_floor;
    ScanRegistry<Descriptor> scan;
    ScanRegistry<std::int64_t> integer_scan;
    pip::refer::DependencyResolver resolver;
    std::vector<std::string> dependency_names;  // dependency<i> -> a registered descriptor
    std::vector<std::string> dependency_texts;  // the same descriptors as text, for the floor
};

/// Throws std::logic_error unless References answers every workload query as the baselines do: the timings
/// only mean something for identical results.
void check_agreement(const Workload& workload, const Registries& registries) {
    const auto fail = [](const std::string& what) { throw std::logic_error("benchmark registries disagree: " + what); };
    const auto sampled = std::min<std::size_t>(workload.size, 2000);
    const std::size_t scanned = 20;  // the scan is slow at large N
    for (std::size_t i = 0; i < sampled; ++i) {
        const auto& hit = workload.hit_queries[i];
        const auto component = registries.floor.at(workload.hit_texts[i]);
        if (registries.references.get_one_optional(hit) != component ||
            (i < scanned && registries.scan.get_one_optional(hit) != component))
            fail("exact hit " + workload.hit_texts[i]);
        if (registries.references.get_one_optional(workload.miss_queries[i]) != nullptr)
            fail("exact miss " + workload.miss_texts[i]);
        if (registries.references.get_one_optional(workload.name_queries[i]) != component)
            fail("one field " + workload.hit_texts[i]);
        if (registries.references.get_one_optional(workload.hit_literals[i]) != component ||
            registries.string_references.get_one_optional(workload.hit_texts[i]) != component)
            fail("literal or string " + workload.hit_texts[i]);
        const auto key = static_cast<std::int64_t>(workload.query_order[i]);
        if (registries.integer_references.get_one_optional(key) != registries.integer_floor.at(key))
            fail("integer " + std::to_string(key));
        if (registries.references.get_one_required<IBase>(hit)->id() != workload.query_order[i])
            fail("typed " + workload.hit_texts[i]);
    }
    for (std::size_t type = 0; type < type_count; ++type) {
        const auto found = registries.references.get_optional(workload.type_queries[type]);
        if (found != workload.type_matches[type] ||
            (workload.size <= 10'000 && found != registries.scan.get_optional(workload.type_queries[type])))
            fail("by type " + workload.type_queries[type].to_string());
    }
    for (std::size_t i = 0; i < dependency_count; ++i)
        if (registries.resolver.get_one_required<IBase>(registries.dependency_names[i]) !=
            std::static_pointer_cast<Service>(registries.floor.at(registries.dependency_texts[i])))
            fail("dependency " + registries.dependency_names[i]);
}

/// The workload of `size` components, built on first use and kept for the process.
const Workload& workload(std::size_t size) {
    static std::map<std::size_t, std::unique_ptr<Workload>> cache;
    auto& slot = cache[size];
    if (!slot) slot = std::make_unique<Workload>(size);
    return *slot;
}

/// The registries over workload(size), built on first use and kept for the process.
Registries& registries(std::size_t size) {
    static std::map<std::size_t, std::unique_ptr<Registries>> cache;
    auto& slot = cache[size];
    if (!slot) {
        slot = std::make_unique<Registries>(workload(size));
        check_agreement(workload(size), *slot);
    }
    return *slot;
}

}  // namespace bench
