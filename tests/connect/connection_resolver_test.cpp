#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;
using pip::connect::ConnectionResolver;
using pip::connect::IDiscovery;
using pip::connect::MemoryDiscovery;
using pip::errors::ConfigException;
using pip::refer::Descriptor;
using pip::refer::References;

namespace {

using Texts = std::vector<std::string>;

std::vector<std::string> texts(const std::vector<ConnectionParams>& connections) {
    std::vector<std::string> result;
    for (const auto& connection : connections) result.push_back(connection.to_string());
    return result;
}

Descriptor memory_discovery(std::string name = "default") {
    return {"pip-services", "discovery", "memory", name, "1.0"};
}

std::shared_ptr<MemoryDiscovery> discovery_of(std::string_view config) {
    return std::make_shared<MemoryDiscovery>(ConfigParams::from_string(config));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(connection_resolver)

// ---- configuration -----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(configure_accumulates_connections) {
    // Arrange
    ConnectionResolver resolver(ConfigParams::from_string("connection.host=first"));

    // Act
    resolver.configure(ConfigParams::from_string("connections.a.host=second;connections.b.host=third"));
    resolver.add(ConnectionParams::from_string("host=fourth"));

    // Assert
    BOOST_TEST(texts(resolver.get_all()) == (Texts{"host=first", "host=second", "host=third", "host=fourth"}),
               boost::test_tools::per_element());
}

// ---- resolve ------------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(resolve_without_connections_is_empty) {
    // Arrange
    const ConnectionResolver resolver;

    // Act / Assert
    BOOST_TEST(!resolver.resolve("").has_value());
    BOOST_TEST(resolver.resolve_all("").empty());
}

BOOST_AUTO_TEST_CASE(resolve_returns_the_first_connection_without_discovery) {
    // Arrange
    const ConnectionResolver resolver(ConfigParams::from_string(
        "connections.a.discovery_key=svc;connections.b.host=plain;connections.b.port=1;connections.c.host=later"));

    // Act
    const auto connection = resolver.resolve("");

    // Assert
    BOOST_TEST(connection->to_string() == "host=plain;port=1");
}

BOOST_AUTO_TEST_CASE(resolve_with_discovery_key_before_set_references_throws_cannot_resolve) {
    // Arrange: issue #13 (Python crashes here [verified]); decisions.md: the same error as references without a
    // discovery, never a silent empty result
    const ConnectionResolver resolver(ConfigParams::from_string("connection.discovery_key=svc"));

    // Act / Assert
    const auto cannot_resolve = [](const ConfigException& e) {
        return e.code() == "CANNOT_RESOLVE" && e.message() == "Discovery wasn't found to make resolution" &&
               e.correlation_id() == "cid" && e.details().at("locator") == "*:discovery:*:*:*";
    };
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.resolve("cid")), ConfigException, cannot_resolve);
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.resolve_all("cid")), ConfigException, cannot_resolve);
}

BOOST_AUTO_TEST_CASE(a_plain_connection_resolves_before_set_references) {
    // Arrange: nothing needs a discovery, so nothing is missing
    const ConnectionResolver resolver(
        ConfigParams::from_string("connections.a.host=h;connections.a.port=1;connections.b.discovery_key=svc"));

    // Act / Assert
    BOOST_TEST(resolver.resolve("")->to_string() == "host=h;port=1");
    BOOST_CHECK_THROW(static_cast<void>(resolver.resolve_all("")), ConfigException);
}

BOOST_AUTO_TEST_CASE(resolve_with_references_but_no_discovery_throws_cannot_resolve) {
    // Arrange
    References references;
    const ConnectionResolver resolver(ConfigParams::from_string("connection.discovery_key=svc"), references);

    // Act / Assert
    const auto cannot_resolve = [](const ConfigException& e) {
        return e.code() == "CANNOT_RESOLVE" && e.message() == "Discovery wasn't found to make resolution" &&
               e.correlation_id() == "cid" && e.category() == "Misconfiguration";
    };
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.resolve("cid")), ConfigException, cannot_resolve);
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.resolve_all("cid")), ConfigException, cannot_resolve);
}

BOOST_AUTO_TEST_CASE(resolve_with_a_discovery_lacking_the_key_is_empty) {
    // Arrange
    auto references = References::from_tuples(memory_discovery(), discovery_of("other.host=h"));
    const ConnectionResolver resolver(ConfigParams::from_string("connection.discovery_key=svc"), references);

    // Act / Assert
    BOOST_TEST(!resolver.resolve("").has_value());
    BOOST_TEST(resolver.resolve_all("").empty());
}

BOOST_AUTO_TEST_CASE(resolve_merges_configured_and_discovered_values) {
    // Arrange: [verified] {discovery_key: svc, protocol: http, path: /p} + {host: 10.0.0.1, port: 9000, protocol:
    // https}
    auto references =
        References::from_tuples(memory_discovery(), discovery_of("svc.host=10.0.0.1;svc.port=9000;svc.protocol=https"));
    const ConnectionResolver resolver(
        ConfigParams::from_string("connection.discovery_key=svc;connection.protocol=http;connection.path=/p"),
        references);

    // Act
    const auto connection = resolver.resolve("");

    // Assert
    BOOST_REQUIRE(connection.has_value());
    BOOST_TEST(connection->to_string() == "discovery_key=svc;protocol=https;path=/p;host=10.0.0.1;port=9000");
}

BOOST_AUTO_TEST_CASE(resolve_returns_the_first_connection_a_discovery_knows) {
    // Arrange
    auto references = References::from_tuples(memory_discovery(), discovery_of("b.host=hb;c.host=hc"));
    const ConnectionResolver resolver(
        ConfigParams::from_string(
            "connections.a.discovery_key=a;connections.b.discovery_key=b;connections.c.discovery_key=c"),
        references);

    // Act / Assert
    BOOST_TEST(resolver.resolve("")->get_host() == std::optional<std::string>("hb"));
}

BOOST_AUTO_TEST_CASE(resolve_asks_the_newest_discovery_first) {
    // Arrange
    auto references = References::from_tuples(memory_discovery("old"), discovery_of("svc.host=old"),
                                              memory_discovery("new"), discovery_of("svc.host=new"));
    const ConnectionResolver resolver(ConfigParams::from_string("connection.discovery_key=svc"), references);

    // Act / Assert
    BOOST_TEST(resolver.resolve("")->get_host() == std::optional<std::string>("new"));
}

// ---- resolve_all -----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(resolve_all_lists_plain_connections_then_discovered_ones) {
    // Arrange: [verified] connections.a.discovery_key=svc, connections.b.host=plain, port=1
    auto references =
        References::from_tuples(memory_discovery(), discovery_of("svc.host=10.0.0.1;svc.port=9000;svc.protocol=https"));
    const ConnectionResolver resolver(
        ConfigParams::from_string("connections.a.discovery_key=svc;connections.b.host=plain;connections.b.port=1"),
        references);

    // Act
    const auto connections = resolver.resolve_all("");

    // Assert
    BOOST_TEST(
        texts(connections) == (Texts{"host=plain;port=1", "discovery_key=svc;host=10.0.0.1;port=9000;protocol=https"}),
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(resolve_all_returns_every_discovered_connection_merged) {
    // Arrange
    auto discovery = discovery_of("svc.host=h1");
    discovery->register_connection("", "svc", ConnectionParams::from_string("host=h2"));
    auto references = References::from_tuples(memory_discovery(), discovery);
    const ConnectionResolver resolver(ConfigParams::from_string("connection.discovery_key=svc;connection.port=5"),
                                      references);

    // Act
    const auto connections = resolver.resolve_all("");

    // Assert
    BOOST_TEST(texts(connections) == (Texts{"discovery_key=svc;port=5;host=h1", "discovery_key=svc;port=5;host=h2"}),
               boost::test_tools::per_element());
}

// ---- register_connection ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(register_connection_registers_in_every_discovery_and_keeps_the_connection) {
    // Arrange
    auto first = std::make_shared<MemoryDiscovery>();
    auto second = std::make_shared<MemoryDiscovery>();
    auto references = References::from_tuples(memory_discovery("a"), first, memory_discovery("b"), second);
    ConnectionResolver resolver;
    resolver.set_references(references);
    const auto connection = ConnectionParams::from_string("discovery_key=svc;host=h;port=1");

    // Act
    const bool registered = resolver.register_connection("cid", connection);

    // Assert
    BOOST_TEST(registered);
    BOOST_TEST(first->resolve_one("", "svc")->to_string() == connection.to_string());
    BOOST_TEST(second->resolve_one("", "svc")->to_string() == connection.to_string());
    BOOST_TEST(texts(resolver.get_all()) == (Texts{connection.to_string()}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(register_connection_without_discovery_key_references_or_discovery_adds_nothing) {
    // Arrange
    auto with_discovery = References::from_tuples(memory_discovery(), std::make_shared<MemoryDiscovery>());
    References without_discovery;
    ConnectionResolver no_references;
    ConnectionResolver no_key(ConfigParams(), with_discovery);
    ConnectionResolver no_discovery(ConfigParams(), without_discovery);

    // Act / Assert
    BOOST_TEST(!no_references.register_connection("", ConnectionParams::from_string("discovery_key=svc")));
    BOOST_TEST(!no_key.register_connection("", ConnectionParams::from_string("host=h")));
    BOOST_TEST(!no_discovery.register_connection("", ConnectionParams::from_string("discovery_key=svc")));
    BOOST_TEST(no_references.get_all().empty());
    BOOST_TEST(no_key.get_all().empty());
    BOOST_TEST(no_discovery.get_all().empty());
}

BOOST_AUTO_TEST_CASE(a_custom_idiscovery_is_found_through_its_interface) {
    // Arrange
    struct FixedDiscovery final : IDiscovery {
        ConnectionParams register_connection(std::string_view, std::string_view, const ConnectionParams& c) override {
            return c;
        }
        std::optional<ConnectionParams> resolve_one(std::string_view, std::string_view key) override {
            return ConnectionParams::from_tuples("host", std::string("fixed-") + std::string(key));
        }
        std::vector<ConnectionParams> resolve_all(std::string_view cid, std::string_view key) override {
            return {*resolve_one(cid, key)};
        }
    };
    auto references =
        References::from_tuples(Descriptor("my", "discovery", "fixed", "x", "1.0"), std::make_shared<FixedDiscovery>());
    const ConnectionResolver resolver(ConfigParams::from_string("connection.discovery_key=svc"), references);

    // Act / Assert
    BOOST_TEST(resolver.resolve("")->to_string() == "discovery_key=svc;host=fixed-svc");
}

BOOST_AUTO_TEST_SUITE_END()
