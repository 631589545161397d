// Secrets in endpoints: user-info in a `connection.uri` (even one holding `/`, `?` or `#`) or in a `host` never
// shows in an exception message or its details; endpoints are split as ConnectionUtils::parse_uri splits them.
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include <string>
#include <vector>

#include "hostile_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using namespace pip_test::hostile;
using pip::config::ConfigParams;
using pip::errors::ApplicationException;
using pip::errors::ConnectionException;

namespace {

/// A loopback port where nothing listens (the fake is gone once this returns).
int dead_port() {
    const FakeEtcd gone;
    return std::stoi(gone.url().substr(gone.url().rfind(':') + 1));
}

/// True when neither the message nor any detail of `error` holds `admin` or `S3CRET`.
bool shows_no_secret(const ApplicationException& error) {
    const auto clean = [](const std::string& text) {
        return text.find("S3CRET") == std::string::npos && text.find("admin") == std::string::npos;
    };
    if (!clean(error.what())) return false;
    for (const auto& [key, value] : error.details())
        if (!clean(key) || !clean(value)) return false;
    return true;
}

std::vector<std::string> endpoint_configs() {
    const auto port = std::to_string(dead_port());
    return {
        "connection.uri=http://admin:S3CRET/x@127.0.0.1:" + port,
        "connection.uri=http://admin:S3CRET?x@127.0.0.1:" + port,
        "connection.uri=http://admin:S3CRET#x@127.0.0.1:" + port + "/path?q=1",
        "connection.uri=http://admin:S3CRET@127.0.0.1:" + port,
        "connection.host=admin:S3CRET@127.0.0.1;connection.port=" + port,
        "connections.a.uri=http://admin:S3CRET@127.0.0.1:" + port + ";connections.b.host=admin:S3CRET/x@127.0.0.1",
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_secrets_in_endpoints)

BOOST_DATA_TEST_CASE(user_info_never_shows_when_etcd_is_unreachable, boost::unit_test::data::make(endpoint_configs()),
                     config) {
    // Either the configuration is rejected or etcd cannot be reached: no message or detail shows the secret
    const auto with_discovery = [&](auto call) {
        return [&, call] {
            EtcdDiscovery discovery(ConfigParams::from_string(config + ";options.timeout=200"));
            call(discovery);
        };
    };
    const auto registers = with_discovery([](EtcdDiscovery& discovery) {
        discovery.register_connection("cid", "svc", ConnectionParams::from_tuples("host", "h"));
    });
    const auto resolves = with_discovery([](EtcdDiscovery& discovery) { (void)discovery.resolve_all("cid", "svc"); });

    BOOST_CHECK_EXCEPTION(registers(), ApplicationException, shows_no_secret);
    BOOST_CHECK_EXCEPTION(resolves(), ApplicationException, shows_no_secret);
}

BOOST_AUTO_TEST_CASE(the_endpoint_is_the_host_after_the_last_at_sign) {
    // Arrange: a live fake behind user-info holding `/`
    FakeEtcd etcd;
    const auto authority = etcd.url().substr(std::string("http://").size());
    EtcdDiscovery discovery(ConfigParams::from_string("connection.uri=http://admin:S3CRET/x@" + authority));

    // Act / Assert: it reaches the fake
    discovery.register_connection("cid", "svc", ConnectionParams::from_tuples("host", "h"));
    BOOST_TEST(etcd.requests("/v3/kv/put") == 1);
}

BOOST_AUTO_TEST_CASE(configuration_errors_never_quote_user_info) {
    const auto configure = [](const std::string& text) { EtcdDiscovery discovery(ConfigParams::from_string(text)); };

    BOOST_CHECK_EXCEPTION(configure("connection.uri=https://admin:S3CRET@h:2379"), ApplicationException, shows_no_secret);
    BOOST_CHECK_EXCEPTION(configure("connection.uri=admin:S3CRET@h:2379"), ApplicationException, shows_no_secret);
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http:admin:S3CRET@x://h"), ApplicationException, shows_no_secret);
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://admin:S3CRET@"), ApplicationException, shows_no_secret);
    BOOST_CHECK_EXCEPTION(configure("connection.protocol=admin:S3CRET@x;connection.host=h"), ApplicationException,
                          shows_no_secret);
}

BOOST_AUTO_TEST_SUITE_END()
