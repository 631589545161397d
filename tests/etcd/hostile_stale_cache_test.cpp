// No stale cache: a watch that stays open but silent is found by the periodic check, and the cache re-reads
// etcd; an etcd that stops answering behind an open watch makes resolves fail instead of answering from memory.
#include <boost/test/unit_test.hpp>

#include <string>

#include "hostile_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using namespace pip_test::hostile;
using pip::config::ConfigParams;
using pip::errors::ConnectionException;

namespace {

std::size_t live(EtcdDiscovery& discovery) {
    try {
        return discovery.resolve_all("cid", "svc").size();
    } catch (const ConnectionException&) {
        return 0;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_behind_a_silent_watch)

BOOST_AUTO_TEST_CASE(a_change_hidden_by_a_silent_watch_shows_within_two_checks_and_a_timeout) {
    // Arrange: the fake's watch never sends an event; the cache has synced one registration
    FakeEtcd etcd;
    etcd.put("hostile/svc/a-1", R"({"host":"a"})");
    EtcdDiscovery reader(ConfigParams::from_string(
        config_text(etcd.url(), "options.timeout=500;options.check_interval=200")));
    BOOST_TEST_REQUIRE(eventually([&] { return live(reader) == 1; }, 2s));
    std::this_thread::sleep_for(300ms);  // the watch has read etcd and answers from memory

    // Act: another process registers; the watch says nothing about it
    etcd.put("hostile/svc/b-1", R"({"host":"b"})");
    const auto changed = Clock::now();
    const bool seen = eventually([&] { return live(reader) == 2; }, 5s);
    const double seconds = seconds_since(changed);

    // Assert: bound 2 x check_interval + timeout = 0.9 s, plus 1 s of slack
    BOOST_TEST(seen);
    BOOST_TEST(seconds < 1.9);
    report("silent watch: hidden change visible after (check 200 ms, timeout 500 ms)", seconds, "s");
}

BOOST_AUTO_TEST_CASE(an_etcd_that_stops_answering_behind_an_open_watch_fails_resolves) {
    // Arrange: synced cache, watch open
    FakeEtcd etcd;
    etcd.put("hostile/svc/a-1", R"({"host":"a"})");
    EtcdDiscovery reader(ConfigParams::from_string(
        config_text(etcd.url(), "options.timeout=500;options.check_interval=200")));
    BOOST_TEST_REQUIRE(eventually([&] { return live(reader) == 1; }, 2s));
    std::this_thread::sleep_for(300ms);

    // Act: etcd stops answering (as when SIGSTOPped); the open watch stays open
    etcd.set_behaviour([](const FakeRequest&) -> std::optional<FakeAnswer> { return FakeAnswer::hanging(); });
    const auto frozen = Clock::now();
    const bool failing = eventually(
        [&] {
            try {
                (void)reader.resolve_all("cid", "svc");
                return false;
            } catch (const ConnectionException& error) {
                return error.code() == "CANNOT_CONNECT";
            }
        },
        5s);
    const double seconds = seconds_since(frozen);

    // Assert: bound check_interval + timeout (+ the failing resolve's own timeout) = 1.2 s, plus 1 s of slack
    BOOST_TEST(failing);
    BOOST_TEST(seconds < 2.2);
    report("silent watch: resolves fail with CANNOT_CONNECT after etcd froze, after", seconds, "s");
}

BOOST_AUTO_TEST_SUITE_END()
