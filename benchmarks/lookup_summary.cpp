// lookup_summary: a few-second answer to "how fast is the lookup?". At N = 100,000 components it times three
// queries on References ("ours"), on the unordered_map floor (for the by-type query: copying its k matches) and on
// the originals' newest-first scan, and prints the times and their ratios. The full suite is lookup_benchmark.
#include <time.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
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

void print_row(const char* workload, const char* baseline, double ours, double floor, double scan) {
    std::printf("%-34s %10s %10s %10s %8.2fx %8.0fx   %s\n", workload, duration(ours).c_str(), duration(floor).c_str(),
                duration(scan).c_str(), ours / floor, scan / ours, baseline);
}

}  // namespace

int main() {
    std::printf(
        "pip lookup summary: N = %zu components `group<g>:type<t>:kind<k>:name<i>:1.0`, shuffled;\n"
        "CPU time per query, median of %zu batches. Full suite: lookup_benchmark.\n\n",
        registry_size, batches);
    const auto& workload = bench::workload(registry_size);
    const auto heap_before = bench::thread_heap_bytes();
    const pip::refer::References probe = [&] {
        pip::refer::References references;
        for (std::size_t i = 0; i < workload.size; ++i)
            references.put(workload.registered_descriptors[i], workload.registered_components[i]);
        return references;
    }();
    const auto ours_bytes = static_cast<double>(bench::thread_heap_bytes() - heap_before) / registry_size;
    const auto& registries = bench::registries(registry_size);  // also checks that all registries agree
    const auto& references = registries.references;
    const auto& floor = registries.floor;
    const auto& scan = registries.scan;

    std::printf("%-34s %10s %10s %10s %9s %9s   %s\n", "query", "ours", "floor", "scan (a)", "ours/floor", "scan/ours",
                "floor is");
    const auto per_hit = [&](auto&& query) { return nanoseconds_per_query(workload.size, query); };
    const auto per_type = [&](auto&& query) { return nanoseconds_per_query(bench::type_count, query); };
    const auto floor_find = [&](std::size_t i) { return floor.find(workload.hit_texts[i])->second; };
    print_row("exact hit   get_one_optional(d)", "unordered_map<string, shared_ptr<void>>::find",
              per_hit([&](std::size_t i) { return references.get_one_optional(workload.hit_queries[i]); }),
              per_hit(floor_find),
              per_hit([&](std::size_t i) { return scan.get_one_optional(workload.hit_queries[i]); }));
    print_row("one field   *:*:*:name<i>:*", "the same exact find",
              per_hit([&](std::size_t i) { return references.get_one_optional(workload.name_queries[i]); }),
              per_hit(floor_find),
              per_hit([&](std::size_t i) { return scan.get_one_optional(workload.name_queries[i]); }));
    print_row("by type     *:type<t>:*:*:1.0 (k=5000)", "copying the k shared_ptrs into a vector",
              per_type([&](std::size_t i) { return references.get_optional(workload.type_queries[i]); }),
              per_type([&](std::size_t i) {
                  const auto& matches = workload.type_matches[i];
                  return std::vector<std::shared_ptr<void>>(matches.begin(), matches.end());
              }),
              per_type([&](std::size_t i) { return scan.get_optional(workload.type_queries[i]); }));

    const auto floor_bytes = [&] {
        const auto before = bench::thread_heap_bytes();
        bench::FloorMap map;
        for (std::size_t i = 0; i < workload.size; ++i)
            map.emplace(workload.registered_texts[i], workload.registered_components[i]);
        return static_cast<double>(bench::thread_heap_bytes() - before) / registry_size;
    }();
    std::printf("\nheap per registered component: ours %.0f bytes, floor %.0f bytes (%.2fx)\n", ours_bytes, floor_bytes,
                ours_bytes / floor_bytes);
    return probe.size() == registry_size ? 0 : 1;
}
