// lookup_summary: a few-second answer to "how fast is the lookup?". At N = 100,000 components it times each query
// on References ("ours") and on its floor, hot (a working set of 1,024 components) and cold (all N), and prints
// the times and their ratios, with registration time and heap per component. The full suite is lookup_benchmark.
#include <time.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "allocation_counter.hpp"
import pip.refer;
import bench.workload;

namespace {

constexpr std::size_t registry_size = 100'000;
constexpr std::size_t batches = 5;
constexpr double batch_seconds = 0.04;

double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Median over `batches` batches of the CPU time per call of `query(i)`, i cycling over [0, count).
template <class Query>
double nanoseconds_per_query(std::size_t count, Query&& query) {
    std::array<double, batches> per_query{};
    std::size_t next = 0;
    for (auto& result : per_query) {
        std::size_t calls = 0;
        const auto start = thread_cpu_seconds();
        double elapsed = 0;
        do {
            for (std::size_t i = 0; i < 16; ++i, ++calls) {
                auto found = query(next);
                static_cast<void>(found);
                if (++next == count) next = 0;
            }
            elapsed = thread_cpu_seconds() - start;
        } while (elapsed < batch_seconds);
        result = elapsed * 1e9 / static_cast<double>(calls);
    }
    std::ranges::sort(per_query);
    return per_query[batches / 2];
}

std::string duration(double nanoseconds) {
    char text[32];
    if (nanoseconds < 1e3)
        std::snprintf(text, sizeof text, "%.0f ns", nanoseconds);
    else if (nanoseconds < 1e6)
        std::snprintf(text, sizeof text, "%.1f us", nanoseconds / 1e3);
    else
        std::snprintf(text, sizeof text, "%.2f ms", nanoseconds / 1e6);
    return text;
}

void print_row(const char* query, const char* regime, double ours, double floor, const char* floor_is) {
    std::printf("%-36s %-5s %10s %10s %9.2fx   %s\n", query, regime, duration(ours).c_str(), duration(floor).c_str(),
                ours / floor, floor_is);
}

/// Prints the hot and cold rows of one single-result query: `ours(i)` and `floor(i)` answer the i-th query.
template <class Ours, class Floor>
void print_regimes(const char* query, std::size_t size, Ours&& ours, Floor&& floor, const char* floor_is) {
    const auto hot = std::min(bench::hot_keys, size);
    print_row(query, "hot", nanoseconds_per_query(hot, ours), nanoseconds_per_query(hot, floor), floor_is);
    print_row(query, "cold", nanoseconds_per_query(size, ours), nanoseconds_per_query(size, floor), floor_is);
}

/// Seconds to register the workload's components with `put`, and the heap bytes per component it leaves held.
template <class Registry, class Put>
std::pair<double, double> registration(const bench::Workload& workload, Put&& put) {
    const auto heap_before = bench::thread_heap_bytes();
    const auto start = thread_cpu_seconds();
    auto registry = std::make_unique<Registry>();
    for (std::size_t i = 0; i < workload.size; ++i) put(*registry, i);
    const auto seconds = thread_cpu_seconds() - start;
    const auto bytes = static_cast<double>(bench::thread_heap_bytes() - heap_before) / static_cast<double>(workload.size);
    return {seconds, bytes};
}

}  // namespace

int main() {
    std::printf(
        "pip lookup summary: N = %zu components `group<g>:type<t>:kind<k>:name<i>:1.0`, shuffled registration and\n"
        "query orders; hot = a working set of %zu components, cold = all N. CPU time per query, median of %zu\n"
        "batches. Full suite: lookup_benchmark.\n\n",
        registry_size, bench::hot_keys, batches);
    const auto& workload = bench::workload(registry_size);
    const auto& registries = bench::registries(registry_size);  // also checks that all registries agree
    const auto& references = registries.references;
    const auto& floor = registries.floor;
    const auto floor_find = [&](std::size_t i) { return floor.find(workload.hit_texts[i])->second; };

    std::printf("%-36s %-5s %10s %10s %10s   %s\n", "query", "", "ours", "floor", "ours/floor", "floor is");
    constexpr const char* string_floor = "unordered_map<string, shared_ptr<void>>::find, a copy returned";
    print_regimes("exact hit   get_one_optional(d)", workload.size,
                  [&](std::size_t i) { return references.get_one_optional(workload.hit_queries[i]); }, floor_find,
                  string_floor);
    // Not ours: what a std::shared_mutex read lock, as any thread-safe registry takes, adds to the floor itself.
    std::shared_mutex mutex;
    print_regimes("the floor behind a read lock", workload.size,
                  [&](std::size_t i) {
                      const std::shared_lock lock(mutex);
                      return floor.find(workload.hit_texts[i])->second;
                  },
                  floor_find, "the same find without the lock");
    print_regimes("literal hit (hashed at compile time)", workload.size,
                  [&](std::size_t i) { return references.get_one_optional(workload.hit_literals[i]); }, floor_find,
                  string_floor);
    print_regimes("one field   *:*:*:name<i>:*", workload.size,
                  [&](std::size_t i) { return references.get_one_optional(workload.name_queries[i]); }, floor_find,
                  "the same exact find");
    print_regimes("string locator", workload.size,
                  [&](std::size_t i) { return registries.string_references.get_one_optional(workload.hit_texts[i]); },
                  floor_find, "the same exact find");
    const auto key = [&](std::size_t i) { return static_cast<std::int64_t>(workload.query_order[i]); };
    print_regimes("integer locator", workload.size,
                  [&](std::size_t i) { return registries.integer_references.get_one_optional(key(i)); },
                  [&](std::size_t i) { return registries.integer_floor.find(key(i))->second; },
                  "unordered_map<int64_t, shared_ptr<void>>::find");
    print_row("by type     *:type<t>:*:*:1.0 (k=5000)", "-",
              nanoseconds_per_query(bench::type_count,
                                    [&](std::size_t i) { return references.get_optional(workload.type_queries[i]); }),
              nanoseconds_per_query(bench::type_count,
                                    [&](std::size_t i) {
                                        const auto& matches = workload.type_matches[i];
                                        return std::vector<std::shared_ptr<void>>(matches.begin(), matches.end());
                                    }),
              "copying the k shared_ptrs into a vector");

    const auto [ours_seconds, ours_bytes] = registration<pip::refer::References>(
        workload, [&](pip::refer::References& registry, std::size_t i) {
            registry.put(workload.registered_descriptors[i], workload.registered_components[i]);
        });
    const auto [floor_seconds, floor_bytes] =
        registration<bench::FloorMap>(workload, [&](bench::FloorMap& registry, std::size_t i) {
            registry.emplace(workload.registered_texts[i], workload.registered_components[i]);
        });
    std::printf("\nput of all N: ours %s, floor %s (%.2fx); heap per component: ours %.0f bytes, floor %.0f bytes (%.2fx)\n",
                duration(ours_seconds * 1e9).c_str(), duration(floor_seconds * 1e9).c_str(), ours_seconds / floor_seconds,
                ours_bytes, floor_bytes, ours_bytes / floor_bytes);
    return 0;
}
