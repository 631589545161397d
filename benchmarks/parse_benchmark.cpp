// How parsing, merging and masking scale with their input (issue #12: ConfigParams::put searched linearly, so
// 80k keys took 8-13 s). Each benchmark runs over 1k..100k distinct keys and reports Google Benchmark's
// complexity fit and the time per key (`per_key`), which stays within a small factor while N grows 100x: a
// ConfigParams lookup or insert is O(1) on average. The baseline parses as the library did before its index
// (a linear search per key), up to 16k keys: its fit reads O(N^2).
//   build/release/benchmarks/parse_benchmark --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "pip_std.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionUtils;

namespace {

constexpr std::int64_t fewest_keys = 1'000;
constexpr std::int64_t most_keys = 100'000;

// `key0=value0;key1=value1;...`: every key distinct, the shape of the 709 KB value of the issue.
std::string connection_string(std::int64_t keys) {
    std::string text;
    for (std::int64_t i = 0; i < keys; ++i) text += "key" + std::to_string(i) + "=value" + std::to_string(i) + ";";
    return text;
}

// `tcp://user:pass@host:1/path?key0=value0&key1=value1...`.
std::string uri_with_parameters(std::int64_t keys) {
    std::string uri = "tcp://user:pass@host:1/path?";
    for (std::int64_t i = 0; i < keys; ++i)
        uri += (i ? "&key" : "key") + std::to_string(i) + "=value" + std::to_string(i);
    return uri;
}

// N for the complexity fit, the time per key, and the text read per second when there is one.
void record(benchmark::State& state, std::size_t text_bytes = 0) {
    state.SetComplexityN(state.range(0));
    state.counters["per_key"] = benchmark::Counter(static_cast<double>(state.range(0)),
                                                   benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
    if (text_bytes > 0)
        state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text_bytes));
}

void from_string(benchmark::State& state) {
    const auto text = connection_string(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(ConfigParams::from_string(text));
    record(state, text.size());
}

// The parse before the index: the same tokens, each put after a linear search of the entries.
std::vector<std::pair<std::string, std::optional<std::string>>> parse_with_linear_search(std::string_view text) {
    std::vector<std::pair<std::string, std::optional<std::string>>> entries;
    for (std::size_t begin = 0; begin < text.size();) {
        const auto end = std::min(text.find(';', begin), text.size());
        const auto token = text.substr(begin, end - begin);
        begin = end + 1;
        if (token.empty()) continue;
        const auto equals = token.find('=');
        const auto key = token.substr(0, equals);
        auto value = equals == std::string_view::npos ? std::nullopt
                                                      : std::optional<std::string>(token.substr(equals + 1));
        if (const auto it = std::ranges::find(entries, key, &std::pair<std::string, std::optional<std::string>>::first);
            it != entries.end())
            it->second = std::move(value);
        else
            entries.emplace_back(std::string(key), std::move(value));
    }
    return entries;
}

void from_string_linear_search_baseline(benchmark::State& state) {
    const auto text = connection_string(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(parse_with_linear_search(text));
    record(state, text.size());
}

void parse_uri(benchmark::State& state) {
    const auto uri = uri_with_parameters(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(ConnectionUtils::parse_uri(uri, "", 0));
    record(state, uri.size());
}

// `override`: every key of the second map looked up in the first (half of them shared).
void merge(benchmark::State& state) {
    const auto keys = state.range(0);
    const auto base = ConfigParams::from_string(connection_string(keys));
    auto other = ConfigParams::from_string(connection_string(keys / 2));
    for (std::int64_t i = 0; i < keys / 2; ++i) other.put("extra" + std::to_string(i), "x");
    for (auto _ : state) benchmark::DoNotOptimize(base.override(other));
    record(state);
}

// The log-safe text of the parsed URI: every key is judged, every value read as a URI.
void to_safe_string(benchmark::State& state) {
    const auto options = ConnectionUtils::parse_uri(uri_with_parameters(state.range(0)), "", 0);
    for (auto _ : state) benchmark::DoNotOptimize(pip::auth::to_safe_string(options));
    record(state);
}

}  // namespace

BENCHMARK(from_string)->RangeMultiplier(2)->Range(fewest_keys, most_keys)->Complexity()->Unit(benchmark::kMillisecond);
BENCHMARK(from_string_linear_search_baseline)
    ->RangeMultiplier(2)
    ->Range(fewest_keys, 16'384)
    ->Complexity()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(parse_uri)->RangeMultiplier(2)->Range(fewest_keys, most_keys)->Complexity()->Unit(benchmark::kMillisecond);
BENCHMARK(merge)->RangeMultiplier(2)->Range(fewest_keys, most_keys)->Complexity()->Unit(benchmark::kMillisecond);
BENCHMARK(to_safe_string)->RangeMultiplier(2)->Range(fewest_keys, most_keys)->Complexity()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
