// The ConnectionResolver flow of pip.connect, with EtcdDiscovery in the references instead of MemoryDiscovery:
// a service registers its endpoint through its resolver, a client in another "process" (its own discovery,
// lease and cache) resolves it through its own.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "etcd_test_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using pip::config::ConfigParams;
using pip::refer::Descriptor;
using pip::refer::References;

BOOST_AUTO_TEST_SUITE(etcd_connection_resolver, *boost::unit_test::precondition(EtcdInstalled{}))

BOOST_AUTO_TEST_CASE(a_client_resolves_what_a_service_registered_through_etcd) {
    // Arrange: each side creates its discovery with the factory, as a container would, and configures it
    const auto discovery_config = ConfigParams::from_string(etcd_config(shared_etcd().client_urls(), unique_prefix("resolver")));
    const Descriptor locator("pip-services", "discovery", "etcd", "default", "1.0");
    const EtcdDiscoveryFactory factory;
    const auto service_discovery = factory.create<EtcdDiscovery>(locator);
    const auto client_discovery = factory.create<EtcdDiscovery>(locator);
    service_discovery->configure(discovery_config);
    client_discovery->configure(discovery_config);
    auto service_references = References::from_tuples(locator, service_discovery);
    auto client_references = References::from_tuples(locator, client_discovery);
    const ConnectionResolver service(
        ConfigParams::from_string("connection.discovery_key=orders;connection.protocol=http;"
                                  "connection.host=10.1.1.1;connection.port=8080"),
        service_references);
    ConnectionResolver client(ConfigParams::from_string("connection.discovery_key=orders;connection.timeout=30"),
                              client_references);

    // Act
    ConnectionResolver registering = service;
    const bool registered = registering.register_connection("cid", service.get_all().front());
    const auto resolved = client.resolve("cid");
    const auto all = client.resolve_all("cid");

    // Assert: the discovered values, over the client's configured-only ones
    BOOST_TEST(registered);
    BOOST_TEST_REQUIRE(resolved.has_value());
    BOOST_TEST(resolved->get_host() == std::optional<std::string>("10.1.1.1"));
    BOOST_TEST(resolved->get_port() == 8080);
    BOOST_TEST(resolved->get_protocol() == std::optional<std::string>("http"));
    BOOST_TEST(resolved->get("timeout") == std::optional<std::string>("30"));
    BOOST_TEST(all.size() == 1U);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_resolves_to_nothing) {
    const auto discovery = std::make_shared<EtcdDiscovery>(
        ConfigParams::from_string(etcd_config(shared_etcd().client_urls(), unique_prefix("resolver-miss"))));
    auto references = References::from_tuples(Descriptor("pip-services", "discovery", "etcd", "default", "1.0"), discovery);
    const ConnectionResolver client(ConfigParams::from_string("connection.discovery_key=nobody"), references);

    BOOST_TEST(!client.resolve("cid").has_value());
    BOOST_TEST(client.resolve_all("cid").empty());
}

BOOST_AUTO_TEST_SUITE_END()
