// EtcdDiscovery against a 3-member etcd cluster on loopback: the member it talks to (the leader) is killed;
// registration and resolution keep working through the others; the member restarts and serves again.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "etcd_test_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using pip::config::ConfigParams;

namespace {

std::vector<std::string> live_hosts(EtcdDiscovery& discovery, const std::string& key) {
    std::vector<std::string> hosts;
    try {
        for (const auto& connection : discovery.resolve_all({}, key)) hosts.push_back(connection.get_host().value_or(""));
    } catch (const pip::errors::ConnectionException&) {
        hosts.push_back("<unreachable>");
    }
    return hosts;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_cluster, *boost::unit_test::precondition(EtcdInstalled{}))

BOOST_AUTO_TEST_CASE(killing_a_member_keeps_registration_and_resolution_working) {
    // Arrange: the leader is the first endpoint, so the clients talk to it and must fail over when it dies.
    // The timeout covers an election (etcd's default election timeout is 1 s).
    EtcdCluster cluster(*find_etcd(), 3);
    const auto leader = cluster.leader();
    BOOST_TEST_REQUIRE(leader.has_value());
    auto urls = cluster.client_urls();
    std::rotate(urls.begin(), urls.begin() + static_cast<std::ptrdiff_t>(*leader), urls.end());
    const auto config = ConfigParams::from_string(etcd_config(urls, "options.ttl=2;options.timeout=5000"));
    EtcdDiscovery registrant(config), reader(config);
    registrant.register_connection({}, "svc", ConnectionParams::from_tuples("host", "a", "port", 1));
    BOOST_TEST_REQUIRE(live_hosts(reader, "svc") == std::vector<std::string>{"a"});
    std::this_thread::sleep_for(300ms);  // lets the reader's watch settle on the leader

    // Act: kill the leader
    cluster.kill(*leader);
    const auto killed = Clock::now();
    registrant.register_connection({}, "svc", ConnectionParams::from_tuples("host", "b", "port", 2));
    const double write_failover = seconds_since(killed);
    const bool seen = wait_until([&] { return live_hosts(reader, "svc") == std::vector<std::string>{"a", "b"}; }, 10s);
    const double read_failover = seconds_since(killed);

    // Assert
    BOOST_TEST(seen);
    report("cluster failover after killing the leader: register_connection succeeded after", write_failover);
    report("cluster failover after killing the leader: new registration resolvable after", read_failover);
    BOOST_TEST(write_failover < 5.0);
    // the lease is renewed through the surviving members: "a" outlives its 2 s TTL
    std::this_thread::sleep_for(3s);
    BOOST_TEST(live_hosts(reader, "svc") == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());

    // Act: restart the killed member (same data directory: it rejoins the cluster)
    const auto restarted = Clock::now();
    cluster.start(*leader);
    cluster.wait_healthy(*leader);
    report("cluster: killed member healthy again after restart", seconds_since(restarted));

    // Assert: it serves the registrations made while it was down
    EtcdDiscovery through_restarted(
        ConfigParams::from_string(etcd_config({cluster.member(*leader).client_url()}, "options.cache=false")));
    BOOST_TEST(wait_until([&] { return live_hosts(through_restarted, "svc") == std::vector<std::string>{"a", "b"}; }, 10s));
}

BOOST_AUTO_TEST_SUITE_END()
