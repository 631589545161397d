// What the tests against the hostile fake etcd share: configuration for it, timing, the process's peak memory.
// It holds no pip types (test files include everything before their first import).
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <boost/test/unit_test.hpp>

#include "../config/print_optional.hpp"
#include "fake_etcd.hpp"

namespace pip_test::hostile {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

/// Configuration text for an EtcdDiscovery of the fake at `url`, with `options` appended.
inline std::string config_text(const std::string& url, const std::string& options) {
    return "connection.uri=" + url + ";options.prefix=hostile;" + options;
}

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The process's peak resident memory so far, in MB.
inline double peak_memory_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

/// Polls `condition` every 20 ms until it holds or `limit` passes.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit) {
    const auto end = Clock::now() + limit;
    while (Clock::now() < end) {
        if (condition()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return condition();
}

/// Prints a measurement so that it shows in the test log and on stdout.
inline void report(const std::string& what, double value, const char* unit) {
    std::printf("[hostile etcd measurement] %s: %.3f %s\n", what.c_str(), value, unit);
    std::fflush(stdout);
    BOOST_TEST_MESSAGE("[hostile etcd measurement] " << what << ": " << value << " " << unit);
}

}  // namespace pip_test::hostile
