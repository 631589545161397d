// No ghost registrations: a write that etcd commits but answers after the timeout throws, and the entry it left
// goes with the retired lease; the discovery's other registrations stay, and a retry writes exactly one entry.
#include <boost/test/unit_test.hpp>

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

auto cannot_connect(const std::string& correlation_id) {
    return [correlation_id](const ConnectionException& error) {
        return error.code() == "CANNOT_CONNECT" && error.correlation_id() == correlation_id;
    };
}

/// Makes puts of a value holding `marker` commit at once but answer after 1.5 s.
FakeEtcd::Behaviour slow_commit_of(const std::string& marker) {
    return [marker](const FakeRequest& request) -> std::optional<FakeAnswer> {
        if (request.path == "/v3/kv/put" &&
            fake_base64_decode(request.body.value("value", "")).find(marker) != std::string::npos)
            return FakeAnswer::late(1500ms);
        return std::nullopt;
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_registration_that_fails)

BOOST_AUTO_TEST_CASE(a_put_committed_after_the_timeout_leaves_no_entry) {
    // Arrange
    FakeEtcd etcd;
    etcd.set_behaviour(slow_commit_of("late"));
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "options.timeout=1000;options.ttl=30")));

    // Act
    const auto start = Clock::now();
    BOOST_CHECK_EXCEPTION(discovery.register_connection("cid-1", "svc", ConnectionParams::from_tuples("host", "late")),
                          ConnectionException, cannot_connect("cid-1"));
    const double failed_after = seconds_since(start);

    // Assert: the committed entry goes long before its 30 s TTL (its lease is revoked)
    BOOST_TEST(failed_after < 2.0);
    const bool gone = eventually([&] { return etcd.keys("hostile/").empty(); }, 3s);
    BOOST_TEST(gone);
    BOOST_TEST(etcd.requests("/v3/lease/revoke") >= 1);
    report("slow commit: entry of the failed registration gone after", seconds_since(start), "s");

    // a retry writes one entry, not two
    etcd.set_behaviour(nullptr);
    discovery.register_connection("cid-2", "svc", ConnectionParams::from_tuples("host", "again"));
    BOOST_TEST(etcd.keys("hostile/").size() == 1U);
}

BOOST_AUTO_TEST_CASE(the_other_registrations_survive_a_failed_one) {
    // Arrange: one registration made
    FakeEtcd etcd;
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "options.timeout=1000;options.ttl=30")));
    discovery.register_connection("cid", "svc", ConnectionParams::from_tuples("host", "kept"));
    const auto kept_key = etcd.keys("hostile/");
    BOOST_TEST_REQUIRE(kept_key.size() == 1U);

    // Act: a second one fails after etcd committed it
    etcd.set_behaviour(slow_commit_of("late"));
    BOOST_CHECK_THROW(discovery.register_connection("cid", "svc", ConnectionParams::from_tuples("host", "late")),
                      ConnectionException);

    // Assert: only the first one stays (written again under a new lease before the old one was revoked)
    BOOST_TEST(eventually([&] { return etcd.keys("hostile/") == kept_key; }, 3s));
    std::this_thread::sleep_for(300ms);
    BOOST_TEST(etcd.keys("hostile/") == kept_key, boost::test_tools::per_element());
    BOOST_TEST(etcd.value(kept_key.front()).find("kept") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
