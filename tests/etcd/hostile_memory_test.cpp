// Memory against a hostile etcd: an answer without end and a watch message without a newline end at
// options.max_response_bytes with a typed error (the watch re-syncs), instead of growing the client.
#include <boost/test/unit_test.hpp>

#include <string>

#include "hostile_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using namespace pip_test::hostile;
using pip::config::ConfigParams;
using pip::errors::InvocationException;

BOOST_AUTO_TEST_SUITE(etcd_against_an_endless_server)

BOOST_AUTO_TEST_CASE(an_endless_answer_ends_with_response_too_large_within_the_timeout) {
    // Arrange: every range answer is an endless body; a 1 MiB limit
    FakeEtcd etcd;
    etcd.set_behaviour([](const FakeRequest& request) -> std::optional<FakeAnswer> {
        if (request.path == "/v3/kv/range") return FakeAnswer::endless_body();
        return std::nullopt;
    });
    EtcdDiscovery discovery(ConfigParams::from_string(
        config_text(etcd.url(), "options.timeout=2000;options.cache=false;options.max_response_bytes=1048576")));
    const double memory_before = peak_memory_mb();

    // Act / Assert
    const auto start = Clock::now();
    BOOST_CHECK_EXCEPTION((void)discovery.resolve_all("cid-big", "svc"), InvocationException,
                          [](const InvocationException& error) {
                              return error.code() == "ETCD_RESPONSE_TOO_LARGE" && error.correlation_id() == "cid-big" &&
                                     error.details().at("max_response_bytes") == "1048576";
                          });
    const double seconds = seconds_since(start);
    const double growth = peak_memory_mb() - memory_before;
    BOOST_TEST(seconds < 3.0);  // timeout + 1 s
    BOOST_TEST(growth < 64.0);  // a few copies of the 1 MiB limit at most, never the stream
    report("endless answer: typed error after", seconds, "s");
    report("endless answer: peak memory growth (limit 1 MiB)", growth, "MB");
}

BOOST_AUTO_TEST_CASE(a_watch_stream_without_newline_is_cut_at_the_limit_and_the_watch_resyncs) {
    // Arrange: a registration in the store; every watch streams bytes without a newline
    FakeEtcd etcd;
    etcd.put("hostile/svc/other-1", R"({"host":"h","port":"1"})");
    etcd.set_behaviour([](const FakeRequest& request) -> std::optional<FakeAnswer> {
        if (request.path == "/v3/watch") return FakeAnswer::endless_body();
        return std::nullopt;
    });
    EtcdDiscovery discovery(ConfigParams::from_string(
        config_text(etcd.url(), "options.timeout=1000;options.max_response_bytes=1048576")));
    const double memory_before = peak_memory_mb();

    // Act: resolve for 2 s while the watch keeps breaking
    const auto start = Clock::now();
    std::size_t found = 0;
    while (seconds_since(start) < 2.0) {
        found = discovery.resolve_all("cid", "svc").size();
        std::this_thread::sleep_for(50ms);
    }
    const double growth = peak_memory_mb() - memory_before;

    // Assert: resolves kept working, the watch was started again and again, memory stayed bounded
    BOOST_TEST(found == 1U);
    BOOST_TEST(etcd.requests("/v3/watch") >= 2);
    BOOST_TEST(growth < 64.0);
    report("watch without newline: watch requests in 2 s", etcd.requests("/v3/watch"), "requests");
    report("watch without newline: peak memory growth (limit 1 MiB)", growth, "MB");
}

BOOST_AUTO_TEST_SUITE_END()
