// EtcdDiscovery::resolve_one and resolve_all answered from the watched cache vs by a direct range request
// (options.cache=false: one HTTP round trip to etcd per call).
//
// Workload: one etcd 3.4 node started here on loopback (its own port and temporary data directory); 3 instances
// registered under the resolved key and 100 under other keys of the same prefix. The cached discovery has
// synced its watch before timing starts. Run the release preset (-O2 -DNDEBUG); exits 77 without etcd.
// resolve_all_cached_by_entries/N: a key with N registrations (10, 100, 1,000), answered from the cache; the time
// grows linearly with N (one copy per entry), as the key with 60k entries must.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>

#include "etcd_process.hpp"
import pip.connect.etcd;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;
using pip::connect::EtcdDiscovery;
using namespace pip_test;

namespace {

struct Fixture {
    std::unique_ptr<EtcdCluster> etcd;
    std::unique_ptr<EtcdDiscovery> registrant;
    std::unique_ptr<EtcdDiscovery> cached;
    std::unique_ptr<EtcdDiscovery> direct;
};

Fixture& fixture() {
    static Fixture instance;
    return instance;
}

void resolve_one_cached(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(fixture().cached->resolve_one({}, "orders"));
}
void resolve_one_direct(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(fixture().direct->resolve_one({}, "orders"));
}
void resolve_all_cached(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(fixture().cached->resolve_all({}, "orders"));
}
void resolve_all_direct(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(fixture().direct->resolve_all({}, "orders"));
}

void resolve_all_cached_by_entries(benchmark::State& state) {
    const auto key = "many-" + std::to_string(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(fixture().cached->resolve_all({}, key));
    state.SetComplexityN(state.range(0));
}

BENCHMARK(resolve_one_cached);
BENCHMARK(resolve_all_cached_by_entries)->Arg(10)->Arg(100)->Arg(1000)->Complexity(benchmark::oN);
BENCHMARK(resolve_one_direct)->Unit(benchmark::kMicrosecond);
BENCHMARK(resolve_all_cached);
BENCHMARK(resolve_all_direct)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
    const auto binary = find_etcd();
    if (!binary) {
        std::puts("etcd is not installed (apt-get install etcd-server, or set PIP_ETCD): no etcd benchmark");
        return 77;
    }
    auto& f = fixture();
    f.etcd = std::make_unique<EtcdCluster>(*binary, 1);
    const auto config = etcd_config(f.etcd->client_urls(), "options.prefix=pip-bench");
    f.registrant = std::make_unique<EtcdDiscovery>(ConfigParams::from_string(config));
    for (int i = 0; i < 3; ++i)
        f.registrant->register_connection({}, "orders", ConnectionParams::from_tuples("host", "10.0.0." + std::to_string(i), "port", 8080));
    for (int i = 0; i < 100; ++i)
        f.registrant->register_connection({}, "other-" + std::to_string(i), ConnectionParams::from_tuples("host", "h", "port", i));
    for (const int entries : {10, 100, 1000})
        for (int i = 0; i < entries; ++i)
            f.registrant->register_connection({}, "many-" + std::to_string(entries),
                                              ConnectionParams::from_tuples("host", "10.1.0.1", "port", i));
    f.cached = std::make_unique<EtcdDiscovery>(ConfigParams::from_string(config));
    f.direct = std::make_unique<EtcdDiscovery>(ConfigParams::from_string(config + ";options.cache=false"));
    (void)f.cached->resolve_one({}, "orders");  // starts the watch
    wait_until([&] { return f.cached->resolve_all({}, "orders").size() == 3; }, 5s);
    wait_until([&] { return f.cached->resolve_all({}, "many-1000").size() == 1000; }, 5s);
    std::this_thread::sleep_for(200ms);  // the watch's first range read has landed

    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    f.direct.reset();  // the discoveries first: they revoke their lease while etcd still runs
    f.cached.reset();
    f.registrant.reset();
    f.etcd.reset();
    return 0;
}
