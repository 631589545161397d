// The lookup benchmark suite: References ("ours") against baseline (a), the originals' newest-first scan
// ("scan"), and baseline (b), an unordered_map keyed by the descriptor text ("floor"), in one binary and one run.
// Single-result lookups are named `<query>/<hot|cold>/<registry>/<N>` (hot: a working set of 1,024 components;
// cold: all N), the others `<workload>/<registry>/<N>`; benchmarks/publish.py turns the JSON output into
// benchmarks/results/summary.md and the SVG plots.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "allocation_counter.hpp"
import pip.refer;
import bench.workload;

namespace {

using bench::Registries;
using bench::Workload;
using pip::refer::References;

constexpr std::int64_t largest_size = 100'000;
constexpr std::size_t largest_scanned_removal = 10'000;  // the scan's removal is quadratic

/// Calls `lookup(i)` for i cycling over [0, count): each iteration is one query of the workload.
template <class Lookup>
void run_queries(benchmark::State& state, std::size_t count, Lookup&& lookup) {
    std::size_t next = 0;
    for (auto _ : state) {
        auto result = lookup(next);
        benchmark::DoNotOptimize(result);
        if (++next == count) next = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

std::size_t size_of(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

// Single-result lookups, each in two regimes: `hot` cycles over a working set of bench::hot_keys components (the
// steady state of a service, where the registry's hot part stays in the caches), `cold` over all N (every lookup
// may miss the caches, for ours and the floor alike). Each lookup is a function of (workload, registries, i).

using Lookup = std::shared_ptr<void> (*)(const Workload&, const Registries&, std::size_t);

template <Lookup lookup, bool hot>
void single_lookup(benchmark::State& state) {
    const auto& workload = bench::workload(size_of(state));
    const auto& registries = bench::registries(size_of(state));
    run_queries(state, hot ? std::min(bench::hot_keys, workload.size) : workload.size,
                [&](std::size_t i) { return lookup(workload, registries, i); });
}

/// The floor: an unordered_map find that returns a copy of the shared_ptr, as a lookup returns one.
template <class Map, class Key>
std::shared_ptr<void> find_copy(const Map& map, const Key& key) {
    const auto found = map.find(key);
    return found == map.end() ? nullptr : found->second;
}

std::shared_ptr<void> exact_hit_ours(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.references.get_one_optional(workload.hit_queries[i]);
}
std::shared_ptr<void> exact_hit_floor(const Workload& workload, const Registries& registries, std::size_t i) {
    return find_copy(registries.floor, workload.hit_texts[i]);
}
// The floor behind a std::shared_mutex read lock, as a thread-safe registry needs one: what thread safety alone
// costs a lookup, next to which the floor's ratios can be read.
std::shared_ptr<void> exact_hit_locked_floor(const Workload& workload, const Registries& registries, std::size_t i) {
    static std::shared_mutex mutex;
    const std::shared_lock lock(mutex);
    return find_copy(registries.floor, workload.hit_texts[i]);
}
std::shared_ptr<void> exact_hit_scan(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.scan.get_one_optional(workload.hit_queries[i]);
}
// A `_descriptor` literal at run time: a view whose field hashes the compiler computed (here: the workload did).
std::shared_ptr<void> literal_hit_ours(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.references.get_one_optional(workload.hit_literals[i]);
}
std::shared_ptr<void> exact_miss_ours(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.references.get_one_optional(workload.miss_queries[i]);
}
std::shared_ptr<void> exact_miss_floor(const Workload& workload, const Registries& registries, std::size_t i) {
    return find_copy(registries.floor, workload.miss_texts[i]);
}
// One field: `*:*:*:name<i>:*`, one match. Its floor is the exact hit's.
std::shared_ptr<void> one_field_ours(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.references.get_one_optional(workload.name_queries[i]);
}
std::shared_ptr<void> one_field_scan(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.scan.get_one_optional(workload.name_queries[i]);
}
// String locators: the descriptor texts registered as strings; the floor is the same unordered_map<string>.
std::shared_ptr<void> string_ours(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.string_references.get_one_optional(workload.hit_texts[i]);
}
// Integer locators: N components keyed by int64_t.
std::int64_t integer_query(const Workload& workload, std::size_t i) {
    return static_cast<std::int64_t>(workload.query_order[i]);
}
std::shared_ptr<void> integer_ours(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.integer_references.get_one_optional(integer_query(workload, i));
}
std::shared_ptr<void> integer_floor(const Workload& workload, const Registries& registries, std::size_t i) {
    return find_copy(registries.integer_floor, integer_query(workload, i));
}
std::shared_ptr<void> integer_scan(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.integer_scan.get_one_optional(integer_query(workload, i));
}
// Typed: get_one_required<IBase>(complete descriptor), through a base that is not the first one. The baselines
// know the concrete type and cast statically: a floor no runtime locator can reach.
std::shared_ptr<bench::IBase> as_base(std::shared_ptr<void> component) {
    return std::static_pointer_cast<bench::Service>(std::move(component));
}
std::shared_ptr<void> typed_ours(const Workload& workload, const Registries& registries, std::size_t i) {
    return registries.references.get_one_required<bench::IBase>(workload.hit_queries[i]);
}
std::shared_ptr<void> typed_floor(const Workload& workload, const Registries& registries, std::size_t i) {
    return as_base(find_copy(registries.floor, workload.hit_texts[i]));
}

// By type: get_optional of `*:type<t>:*:*:1.0`, N/20 matches; the baseline copies those k shared_ptrs.

void by_type_ours(benchmark::State& state) {
    const auto& workload = bench::workload(size_of(state));
    const auto& references = bench::registries(size_of(state)).references;
    run_queries(state, bench::type_count,
                [&](std::size_t i) { return references.get_optional(workload.type_queries[i]); });
}
void by_type_copy(benchmark::State& state) {
    const auto& workload = bench::workload(size_of(state));
    run_queries(state, bench::type_count, [&](std::size_t i) {
        const auto& matches = workload.type_matches[i];
        return std::vector<std::shared_ptr<void>>(matches.begin(), matches.end());
    });
}
void by_type_scan(benchmark::State& state) {
    const auto& workload = bench::workload(size_of(state));
    const auto& scan = bench::registries(size_of(state)).scan;
    run_queries(state, bench::type_count, [&](std::size_t i) { return scan.get_optional(workload.type_queries[i]); });
}

// DependencyResolver::get_one_required<IBase>(name), 16 named dependencies; the floor resolves the same name
// to a descriptor text in a std::map, then finds it in the unordered_map.

void resolver_ours(benchmark::State& state) {
    const auto& registries = bench::registries(size_of(state));
    run_queries(state, bench::dependency_count, [&](std::size_t i) {
        return registries.resolver.get_one_required<bench::IBase>(registries.dependency_names[i]);
    });
}
void resolver_floor(benchmark::State& state) {
    const auto& registries = bench::registries(size_of(state));
    std::map<std::string, std::string, std::less<>> texts;
    for (std::size_t i = 0; i < bench::dependency_count; ++i)
        texts.emplace(registries.dependency_names[i], registries.dependency_texts[i]);
    run_queries(state, bench::dependency_count, [&](std::size_t i) {
        return as_base(registries.floor.at(texts.find(registries.dependency_names[i])->second));
    });
}

// Registration: put of N components into an empty registry, in registration order; remove of all N, one by one
// in query order.
// Building the registry before a removal run and destroying it afterwards are not timed.

template <class Registry, class Put>
void run_puts(benchmark::State& state, Put&& put) {
    const auto& workload = bench::workload(size_of(state));
    for (auto _ : state) {
        auto registry = std::make_unique<Registry>();
        for (std::size_t i = 0; i < workload.size; ++i) put(*registry, workload, i);
        state.PauseTiming();
        registry.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
/// Registers the i-th component of the registration order.
void put_descriptor(References& references, const Workload& workload, std::size_t i) {
    references.put(workload.registered_descriptors[i], workload.registered_components[i]);
}
void put_text(bench::FloorMap& floor, const Workload& workload, std::size_t i) {
    floor.emplace(workload.registered_texts[i], workload.registered_components[i]);
}
void put_scanned(bench::ScanRegistry<pip::refer::Descriptor>& scan, const Workload& workload, std::size_t i) {
    scan.put(workload.registered_descriptors[i], workload.registered_components[i]);
}
void put_ours(benchmark::State& state) { run_puts<References>(state, put_descriptor); }
void put_floor(benchmark::State& state) { run_puts<bench::FloorMap>(state, put_text); }
void put_scan(benchmark::State& state) { run_puts<bench::ScanRegistry<pip::refer::Descriptor>>(state, put_scanned); }

template <class Registry, class Put, class Remove>
void run_removals(benchmark::State& state, Put&& put, Remove&& remove) {
    const auto& workload = bench::workload(size_of(state));
    for (auto _ : state) {
        state.PauseTiming();
        auto registry = std::make_unique<Registry>();
        for (std::size_t i = 0; i < workload.size; ++i) put(*registry, workload, i);
        state.ResumeTiming();
        for (std::size_t i = 0; i < workload.size; ++i) benchmark::DoNotOptimize(remove(*registry, workload, i));
        state.PauseTiming();
        registry.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
void remove_ours(benchmark::State& state) {
    run_removals<References>(state, put_descriptor,
                             [](References& references, const Workload& workload, std::size_t i) {
                                 return references.remove(workload.hit_queries[i]);
                             });
}
void remove_floor(benchmark::State& state) {
    run_removals<bench::FloorMap>(state, put_text, [](bench::FloorMap& floor, const Workload& workload, std::size_t i) {
        return floor.erase(workload.hit_texts[i]);
    });
}
void remove_scan(benchmark::State& state) {
    run_removals<bench::ScanRegistry<pip::refer::Descriptor>>(
        state, put_scanned,
        [](auto& scan, const Workload& workload, std::size_t i) { return scan.remove(workload.hit_queries[i]); });
}

// Concurrency: 1 or 2 reader threads doing exact hits on one References of N components while a writer thread
// puts and removes a component every 100 microseconds. items_per_second is the readers' lookups per second.

class PacedWriter {
public:
    explicit PacedWriter(References& references) : references_(references) {
        thread_ = std::thread([this] { run(); });
    }
    PacedWriter(const PacedWriter&) = delete;
    PacedWriter& operator=(const PacedWriter&) = delete;
    /// Stops the writer and returns its put/remove pairs per second.
    double stop() {
        stop_.store(true);
        thread_.join();
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started_;
        return static_cast<double>(writes_) / elapsed.count();
    }

private:
    void run() {
        const auto component = std::make_shared<bench::Service>(0);
        for (std::size_t i = 0; !stop_.load(std::memory_order_relaxed); ++i) {
            const pip::refer::Descriptor descriptor("writer", "type0", "kind0", "entry" + std::to_string(i % 64),
                                                    "1.0");
            references_.put(descriptor, component);
            references_.remove(descriptor);
            ++writes_;
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    }

    References& references_;
    std::atomic<bool> stop_{false};
    std::size_t writes_ = 0;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::thread thread_;
};

void concurrent_exact_ours(benchmark::State& state) {
    static std::unique_ptr<PacedWriter> writer;
    const auto& workload = bench::workload(size_of(state));
    // Its own registry: the writer's tombstones stay out of the other benchmarks.
    static References references = [&] {
        References built;
        for (std::size_t i = 0; i < workload.size; ++i) put_descriptor(built, workload, i);
        return built;
    }();
    if (state.thread_index() == 0) writer = std::make_unique<PacedWriter>(references);
    // Each reader starts at its own place in the query order, so readers do not share components.
    std::size_t next = static_cast<std::size_t>(state.thread_index()) * workload.size / 2;
    for (auto _ : state) {
        benchmark::DoNotOptimize(references.get_one_optional(workload.hit_queries[next]));
        if (++next == workload.size) next = 0;
    }
    state.SetItemsProcessed(state.iterations());
    if (state.thread_index() == 0) {
        state.counters["writes_per_second"] = writer->stop();
        writer.reset();
    }
}

// Writer progress: 10 reader threads look up in a loop (more threads than cores) while this thread puts 1,000
// components one at a time. The counters are the put latencies in microseconds: median, p99 and max.

void put_under_readers_ours(benchmark::State& state) {
    constexpr std::size_t reader_count = 10;
    constexpr std::size_t put_count = 1000;
    const auto& workload = bench::workload(size_of(state));
    References references;
    for (std::size_t i = 0; i < workload.size; ++i) put_descriptor(references, workload, i);
    std::vector<pip::refer::Descriptor> written;
    for (std::size_t i = 0; i < put_count; ++i)
        written.emplace_back("writer", "type0", "kind0", "entry" + std::to_string(i), "1.0");
    const auto component = std::make_shared<bench::Service>(0);

    std::atomic<bool> stop{false};
    std::atomic<std::size_t> reading{0};
    std::vector<std::thread> readers;
    for (std::size_t reader = 0; reader < reader_count; ++reader)
        readers.emplace_back([&, reader] {
            std::size_t next = reader * workload.size / reader_count;
            for (bool counted = false; !stop.load(std::memory_order_relaxed); counted = true) {
                benchmark::DoNotOptimize(references.get_one_optional(workload.hit_queries[next]));
                if (++next == workload.size) next = 0;
                if (!counted) ++reading;
            }
        });
    while (reading.load() < reader_count) std::this_thread::yield();

    std::vector<double> latencies;
    for (auto _ : state) {
        for (const auto& descriptor : written) {
            const auto start = std::chrono::steady_clock::now();
            references.put(descriptor, component);
            latencies.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        }
    }
    stop = true;
    for (auto& reader : readers) reader.join();
    std::ranges::sort(latencies);
    const auto at = [&](double quantile) {
        return latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(quantile * static_cast<double>(latencies.size())))];
    };
    state.counters["put_median_us"] = at(0.5);
    state.counters["put_p99_us"] = at(0.99);
    state.counters["put_max_us"] = latencies.back();
}

// Memory: heap bytes per registered component (malloc_usable_size of every block the registry holds; the
// components themselves are shared with the workload and not counted).

template <class Registry, class Put>
void run_memory(benchmark::State& state, Put&& put) {
    const auto& workload = bench::workload(size_of(state));
    for (auto _ : state) {
        const auto before = bench::thread_heap_bytes();
        auto registry = std::make_unique<Registry>();
        for (std::size_t i = 0; i < workload.size; ++i) put(*registry, workload, i);
        const auto bytes = bench::thread_heap_bytes() - before;
        state.counters["bytes_per_component"] = static_cast<double>(bytes) / static_cast<double>(workload.size);
    }
}
void memory_ours(benchmark::State& state) { run_memory<References>(state, put_descriptor); }
void memory_floor(benchmark::State& state) { run_memory<bench::FloorMap>(state, put_text); }
void memory_scan(benchmark::State& state) {
    run_memory<bench::ScanRegistry<pip::refer::Descriptor>>(state, put_scanned);
}

void all_sizes(benchmark::internal::Benchmark* benchmark) {
    for (std::int64_t size = 100; size <= largest_size; size *= 10) benchmark->Arg(size);
}
void scanned_removal_sizes(benchmark::internal::Benchmark* benchmark) {
    for (std::int64_t size = 100; size <= static_cast<std::int64_t>(largest_scanned_removal); size *= 10)
        benchmark->Arg(size);
}

using Function = void (*)(benchmark::State&);

/// A single-result lookup in both regimes; `name` has a `%s` where the regime goes.
struct Single {
    const char* name;
    Function hot;
    Function cold;
};
template <Lookup lookup>
Single single(const char* name) {
    return {name, single_lookup<lookup, true>, single_lookup<lookup, false>};
}

void register_benchmarks() {
    const std::vector<Single> singles{
        single<exact_hit_ours>("exact_hit/%s/ours"),
        single<exact_hit_floor>("exact_hit/%s/floor"),
        single<exact_hit_locked_floor>("exact_hit/%s/locked_floor"),
        single<literal_hit_ours>("literal_hit/%s/ours"),
        single<exact_miss_ours>("exact_miss/%s/ours"),
        single<exact_miss_floor>("exact_miss/%s/floor"),
        single<one_field_ours>("one_field/%s/ours"),
        single<string_ours>("string/%s/ours"),
        single<integer_ours>("integer/%s/ours"),
        single<integer_floor>("integer/%s/floor"),
        single<typed_ours>("typed/%s/ours"),
        single<typed_floor>("typed/%s/floor"),
    };
    for (const auto& single : singles)
        for (const auto& [regime, function] : {std::pair{"hot", single.hot}, std::pair{"cold", single.cold}}) {
            char name[64];
            std::snprintf(name, sizeof name, single.name, regime);
            benchmark::RegisterBenchmark(name, function)->Apply(all_sizes);
        }
    // The scan is the same in both regimes (it walks the registry whatever the working set): cold only.
    for (const auto& [name, function] : std::vector<std::pair<const char*, Function>>{
             {"exact_hit/cold/scan", single_lookup<exact_hit_scan, false>},
             {"one_field/cold/scan", single_lookup<one_field_scan, false>},
             {"integer/cold/scan", single_lookup<integer_scan, false>}})
        benchmark::RegisterBenchmark(name, function)->Apply(all_sizes);

    for (const auto& [name, function] : std::vector<std::pair<const char*, Function>>{
             {"by_type/ours", by_type_ours},
             {"by_type/copy", by_type_copy},
             {"by_type/scan", by_type_scan},
             {"resolver/ours", resolver_ours},
             {"resolver/floor", resolver_floor}})
        benchmark::RegisterBenchmark(name, function)->Apply(all_sizes);

    for (const auto& [name, function] : std::vector<std::pair<const char*, Function>>{{"put/ours", put_ours},
                                                                                      {"put/floor", put_floor},
                                                                                      {"put/scan", put_scan},
                                                                                      {"remove/ours", remove_ours},
                                                                                      {"remove/floor", remove_floor}})
        benchmark::RegisterBenchmark(name, function)->Apply(all_sizes)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("remove/scan", remove_scan)
        ->Apply(scanned_removal_sizes)
        ->Unit(benchmark::kMicrosecond);

    benchmark::RegisterBenchmark("concurrent_exact/ours", concurrent_exact_ours)
        ->Arg(largest_size)
        ->MinTime(1.0)  // long enough to average over many writer turns
        ->Threads(1)
        ->Threads(2)
        ->UseRealTime();
    benchmark::RegisterBenchmark("put_under_readers/ours", put_under_readers_ours)
        ->Arg(largest_size)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);

    for (const auto& [name, function] : std::vector<std::pair<const char*, Function>>{
             {"memory/ours", memory_ours}, {"memory/floor", memory_floor}, {"memory/scan", memory_scan}})
        benchmark::RegisterBenchmark(name, function)->Apply(all_sizes)->Iterations(1)->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    register_benchmarks();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
