// Time against a hostile etcd: a slow but live etcd gets through, and a silent one makes every call, however
// many run at once, fail with CANNOT_CONNECT within options.timeout (bounds here are generous upper bounds).
#include <boost/test/unit_test.hpp>

#include <future>
#include <string>
#include <vector>

#include "hostile_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using namespace pip_test::hostile;
using pip::config::ConfigParams;
using pip::errors::ConnectionException;

namespace {

/// Runs `call(i)` on `threads` threads at once; the seconds each took to throw CANNOT_CONNECT (-1: it did not).
template <class Call>
std::vector<double> seconds_to_fail(int threads, Call call) {
    std::promise<void> go;
    const std::shared_future<void> start = go.get_future().share();
    std::vector<std::future<double>> results;
    for (int i = 0; i < threads; ++i)
        results.push_back(std::async(std::launch::async, [&call, start, i] {
            start.wait();
            const auto begin = Clock::now();
            try {
                call(i);
            } catch (const ConnectionException& error) {
                return error.code() == "CANNOT_CONNECT" ? seconds_since(begin) : -1.0;
            }
            return -1.0;
        }));
    go.set_value();
    std::vector<double> seconds;
    for (auto& result : results) seconds.push_back(result.get());
    return seconds;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_against_a_slow_or_silent_server)

BOOST_AUTO_TEST_CASE(answers_taking_600_ms_get_through_a_1000_ms_timeout_without_resends) {
    // Arrange: every write and read is answered after 600 ms (a lease grant at once)
    FakeEtcd etcd;
    etcd.set_behaviour([](const FakeRequest& request) -> std::optional<FakeAnswer> {
        if (request.path == "/v3/kv/put" || request.path == "/v3/kv/range") return FakeAnswer::late(600ms);
        return std::nullopt;
    });
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "options.timeout=1000;options.cache=false")));

    // Act
    const auto start = Clock::now();
    for (int i = 0; i < 3; ++i) discovery.register_connection("cid", "svc", ConnectionParams::from_tuples("host", "h", "port", i));
    const auto resolved = discovery.resolve_all("cid", "svc");
    const double seconds = seconds_since(start);

    // Assert: each request was sent once
    BOOST_TEST(resolved.size() == 3U);
    BOOST_TEST(etcd.requests("/v3/lease/grant") == 1);
    BOOST_TEST(etcd.requests("/v3/kv/put") == 3);
    BOOST_TEST(etcd.requests("/v3/kv/range") == 1);
    report("3 registrations and 1 resolve, each answered after 600 ms (timeout 1000 ms)", seconds, "s");
}

BOOST_AUTO_TEST_CASE(ten_concurrent_registrations_on_a_silent_etcd_each_fail_within_the_timeout) {
    // Arrange: an etcd that accepts connections and never answers; one discovery shared by 10 threads
    FakeEtcd etcd;
    etcd.set_behaviour([](const FakeRequest&) -> std::optional<FakeAnswer> { return FakeAnswer::hanging(); });
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "options.timeout=1000")));

    // Act
    const auto seconds = seconds_to_fail(10, [&](int i) {
        discovery.register_connection("cid", "svc", ConnectionParams::from_tuples("host", "h", "port", i));
    });

    // Assert
    for (const double taken : seconds) {
        BOOST_TEST(taken >= 0.0);  // -1: no CANNOT_CONNECT
        BOOST_TEST(taken < 2.0);   // timeout + 1 s
    }
    report("slowest of 10 concurrent registrations against a silent etcd (timeout 1000 ms)",
           *std::ranges::max_element(seconds), "s");
}

BOOST_AUTO_TEST_CASE(ten_concurrent_resolves_on_a_silent_etcd_each_fail_within_the_timeout) {
    FakeEtcd etcd;
    etcd.set_behaviour([](const FakeRequest&) -> std::optional<FakeAnswer> { return FakeAnswer::hanging(); });
    EtcdDiscovery direct(ConfigParams::from_string(config_text(etcd.url(), "options.timeout=1000;options.cache=false")));
    EtcdDiscovery cached(ConfigParams::from_string(config_text(etcd.url(), "options.timeout=1000")));

    const auto seconds = seconds_to_fail(10, [&](int i) {
        if (i % 2 == 0)
            (void)direct.resolve_all("cid", "svc");
        else
            (void)cached.resolve_one("cid", "svc");
    });

    for (const double taken : seconds) {
        BOOST_TEST(taken >= 0.0);
        BOOST_TEST(taken < 2.0);
    }
    report("slowest of 10 concurrent resolves against a silent etcd (timeout 1000 ms)",
           *std::ranges::max_element(seconds), "s");
}

BOOST_AUTO_TEST_CASE(a_member_that_holds_requests_is_bypassed_by_the_next_one) {
    // Arrange: the first endpoint accepts requests and never answers (a follower during an election); the second
    // answers
    FakeEtcd holding, answering;
    holding.set_behaviour([](const FakeRequest&) -> std::optional<FakeAnswer> { return FakeAnswer::hanging(); });
    EtcdDiscovery discovery(ConfigParams::from_string("connections.a.uri=" + holding.url() + ";connections.b.uri=" +
                                                      answering.url() + ";options.prefix=hostile;options.timeout=2000;"
                                                      "options.cache=false"));

    // Act
    const auto start = Clock::now();
    discovery.register_connection("cid", "svc", ConnectionParams::from_tuples("host", "h"));
    const auto resolved = discovery.resolve_all("cid", "svc");
    const double seconds = seconds_since(start);

    // Assert: the answering member got each request once, without waiting out the 2 s timeout
    BOOST_TEST(resolved.size() == 1U);
    BOOST_TEST(answering.requests("/v3/kv/put") == 1);
    BOOST_TEST(seconds < 2.0);
    report("register + resolve with the first of two members holding every request", seconds, "s");
}

BOOST_AUTO_TEST_SUITE_END()
