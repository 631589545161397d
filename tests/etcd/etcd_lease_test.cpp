// Leases against real etcd: a registrant that dies disappears after its TTL; one that lives outlives it; an etcd
// that comes back without its data gets the registrations again without anyone asking.
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <string>
#include <thread>

#include "etcd_test_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using pip::config::ConfigParams;
using pip::errors::ConnectionException;

namespace {

/// The number of live registrations of `key`, or -1 while etcd cannot be reached.
int live_count(EtcdDiscovery& discovery, const std::string& key) {
    try {
        return static_cast<int>(discovery.resolve_all({}, key).size());
    } catch (const ConnectionException&) {
        return -1;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_leases, *boost::unit_test::precondition(EtcdInstalled{}))

BOOST_AUTO_TEST_CASE(a_killed_registrant_disappears_within_ttl_plus_one_second) {
    // Arrange: a child process registers with a 2 s TTL and keeps its lease alive
    auto& etcd = shared_etcd();
    const auto config = etcd_config(etcd.client_urls(), unique_prefix("ttl") + ";options.ttl=2");
    const TempDir logs;
    ChildProcess registrant({PIP_ETCD_REGISTRANT, config, "svc", "host=doomed;port=7000"}, logs.path() / "registrant.log");
    EtcdDiscovery reader(ConfigParams::from_string(config));
    BOOST_TEST_REQUIRE(wait_until([&] { return live_count(reader, "svc") == 1; }, 10s));

    // while the registrant lives, its entry outlives the TTL
    std::this_thread::sleep_for(2500ms);
    BOOST_TEST(live_count(reader, "svc") == 1);

    // Act: kill it without any chance to revoke
    registrant.kill(SIGKILL);
    const auto killed = Clock::now();

    // Assert
    BOOST_TEST(wait_until([&] { return live_count(reader, "svc") == 0; }, 6s));
    const double delay = seconds_since(killed);
    report("TTL expiry: entry of a SIGKILLed registrant gone after (ttl 2 s)", delay);
    BOOST_TEST(delay <= 3.0);
}

BOOST_AUTO_TEST_CASE(registrations_come_back_after_etcd_restarts_without_its_data) {
    // Arrange: a node of its own, since this test kills it
    EtcdCluster etcd(*find_etcd(), 1);
    const auto config = ConfigParams::from_string(etcd_config(etcd.client_urls(), "options.ttl=2;options.timeout=500"));
    EtcdDiscovery registrant(config), reader(config);
    registrant.register_connection({}, "svc", ConnectionParams::from_tuples("host", "survivor", "port", 7001));
    BOOST_TEST_REQUIRE(live_count(reader, "svc") == 1);

    // Act: etcd dies, and comes back on the same port with an empty data directory
    etcd.kill(0);
    BOOST_TEST(wait_until([&] { return live_count(reader, "svc") == -1; }, 3s));  // unreachable is reported
    const auto restarted = Clock::now();
    etcd.start(0, /*fresh_data=*/true);
    etcd.wait_healthy(0);
    const double startup = seconds_since(restarted);

    // Assert: the registrant's lease keeper notices the lost lease and writes the entry again
    BOOST_TEST(wait_until([&] { return live_count(reader, "svc") == 1; }, 10s));
    report("etcd restart (empty data): etcd start-up", startup);
    report("etcd restart (empty data): registration visible again after restart", seconds_since(restarted));
    const auto resolved = reader.resolve_one({}, "svc");
    BOOST_TEST_REQUIRE(resolved.has_value());
    BOOST_TEST(resolved->get_host() == std::optional<std::string>("survivor"));
}

BOOST_AUTO_TEST_SUITE_END()
