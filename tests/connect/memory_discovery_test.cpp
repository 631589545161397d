#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;
using pip::connect::MemoryDiscovery;

namespace {

std::vector<std::string> texts(const std::vector<ConnectionParams>& connections) {
    std::vector<std::string> result;
    for (const auto& connection : connections) result.push_back(connection.to_string());
    return result;
}

using Texts = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(memory_discovery)

BOOST_AUTO_TEST_CASE(empty_discovery_resolves_nothing) {
    // Arrange
    MemoryDiscovery discovery;

    // Act / Assert
    BOOST_TEST(!discovery.resolve_one("cid", "key1").has_value());
    BOOST_TEST(discovery.resolve_all("cid", "key1").empty());
}

BOOST_AUTO_TEST_CASE(configure_reads_top_level_sections) {
    // Arrange
    const auto config =
        ConfigParams::from_string("key1.host=10.1.1.100;key1.port=8080;key2.host=10.1.1.101;key2.port=8082");

    // Act
    MemoryDiscovery discovery(config);

    // Assert
    BOOST_TEST(discovery.resolve_one("", "key1")->to_string() == "host=10.1.1.100;port=8080");
    BOOST_TEST(discovery.resolve_one("", "key2")->get_port() == 8082);
    BOOST_TEST(!discovery.resolve_one("", "key3").has_value());
}

BOOST_AUTO_TEST_CASE(configure_reads_top_level_connection_strings) {
    // Arrange: the Node v3 format {"key1": "host=10.1.1.100;port=8080"}
    const auto config = ConfigParams::from_tuples("key1", "host=10.1.1.100;port=8080", "key2", "host=h2;port=2");

    // Act
    MemoryDiscovery discovery(config);

    // Assert
    BOOST_TEST(discovery.resolve_one("", "key1")->to_string() == "host=10.1.1.100;port=8080");
    BOOST_TEST(discovery.resolve_one("", "key2")->get_host() == std::optional<std::string>("h2"));
    BOOST_TEST(!discovery.resolve_one("", "key1.host").has_value());
}

BOOST_AUTO_TEST_CASE(both_formats_mix_and_section_keys_win) {
    // Arrange
    const auto config = ConfigParams::from_tuples("a", "host=ha;port=1", "b.host", "hb", "a.port", "2", "c", nullptr);

    // Act
    MemoryDiscovery discovery(config);

    // Assert
    BOOST_TEST(discovery.resolve_one("", "a")->to_string() == "host=ha;port=2");
    BOOST_TEST(discovery.resolve_one("", "b")->to_string() == "host=hb");
    BOOST_TEST(discovery.resolve_one("", "c")->empty());
}

BOOST_AUTO_TEST_CASE(register_connection_returns_the_connection_and_appends_it) {
    // Arrange
    MemoryDiscovery discovery;
    const auto connection = ConnectionParams::from_string("host=h;port=1");

    // Act
    const auto registered = discovery.register_connection("cid", "svc", connection);

    // Assert
    BOOST_TEST(registered == connection);
    BOOST_TEST(discovery.resolve_one("cid", "svc")->to_string() == "host=h;port=1");
}

BOOST_AUTO_TEST_CASE(register_after_configure_comes_after_the_configured_entry) {
    // Arrange: [verified] after registering a second key1, resolve_one("key1") still returns the configured one
    MemoryDiscovery discovery(ConfigParams::from_string("key1.host=configured;key1.port=1"));

    // Act
    discovery.register_connection("", "key1", ConnectionParams::from_string("host=registered;port=2"));

    // Assert
    BOOST_TEST(discovery.resolve_one("", "key1")->get_host() == std::optional<std::string>("configured"));
    BOOST_TEST(texts(discovery.resolve_all("", "key1")) == (Texts{"host=configured;port=1", "host=registered;port=2"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(configure_replaces_registered_connections) {
    // Arrange
    MemoryDiscovery discovery;
    discovery.register_connection("", "old", ConnectionParams::from_string("host=old"));

    // Act
    discovery.configure(ConfigParams::from_string("new.host=new"));

    // Assert
    BOOST_TEST(!discovery.resolve_one("", "old").has_value());
    BOOST_TEST(discovery.resolve_one("", "new").has_value());
}

BOOST_AUTO_TEST_CASE(keys_are_case_sensitive) {
    // Arrange
    MemoryDiscovery discovery(ConfigParams::from_string("Key1.host=h"));

    // Act / Assert
    BOOST_TEST(!discovery.resolve_one("", "key1").has_value());
    BOOST_TEST(discovery.resolve_one("", "Key1").has_value());
}

BOOST_AUTO_TEST_CASE(registered_connection_is_a_copy) {
    // Arrange
    MemoryDiscovery discovery;
    auto connection = ConnectionParams::from_string("host=h");
    discovery.register_connection("", "k", connection);

    // Act
    connection.set_host("changed");

    // Assert
    BOOST_TEST(discovery.resolve_one("", "k")->get_host() == std::optional<std::string>("h"));
}

BOOST_AUTO_TEST_CASE(concurrent_register_and_resolve_are_safe) {
    // Arrange
    MemoryDiscovery discovery;
    std::vector<std::thread> threads;

    // Act
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&discovery, t] {
            for (int i = 0; i < 250; ++i) {
                discovery.register_connection("", "svc",
                                              ConnectionParams::from_tuples("host", "h", "port", t * 1000 + i));
                static_cast<void>(discovery.resolve_all("", "svc"));
                static_cast<void>(discovery.resolve_one("", "svc"));
            }
        });
    for (auto& thread : threads) thread.join();

    // Assert
    BOOST_TEST(discovery.resolve_all("", "svc").size() == 1000U);
}

BOOST_AUTO_TEST_SUITE_END()
