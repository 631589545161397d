#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;

namespace {
using OptString = std::optional<std::string>;

std::vector<std::string> texts(const std::vector<ConnectionParams>& connections) {
    std::vector<std::string> result;
    for (const auto& connection : connections) result.push_back(connection.to_string());
    return result;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(connection_params)

// ---- standard keys -------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(setters_and_getters_of_the_standard_keys) {
    // Arrange
    ConnectionParams connection;

    // Act
    connection.set_discovery_key("svc");
    connection.set_protocol("https");
    connection.set_host("10.0.0.1");
    connection.set_port(8443);
    connection.set_uri("https://10.0.0.1:8443");

    // Assert
    BOOST_TEST(connection.get_discovery_key() == OptString("svc"));
    BOOST_TEST(connection.get_protocol() == OptString("https"));
    BOOST_TEST(connection.get_host() == OptString("10.0.0.1"));
    BOOST_TEST(connection.get_port() == 8443);
    BOOST_TEST(connection.get_uri() == OptString("https://10.0.0.1:8443"));
    BOOST_TEST(connection.to_string() ==
               "discovery_key=svc;protocol=https;host=10.0.0.1;port=8443;uri=https://10.0.0.1:8443");
}

BOOST_AUTO_TEST_CASE(missing_keys_read_as_empty_optionals_and_port_zero) {
    // Arrange
    const ConnectionParams connection;

    // Act / Assert
    BOOST_TEST(connection.get_discovery_key() == OptString());
    BOOST_TEST(connection.get_protocol() == OptString());
    BOOST_TEST(connection.get_host() == OptString());
    BOOST_TEST(connection.get_uri() == OptString());
    BOOST_TEST(connection.get_port() == 0);
    BOOST_TEST(connection.get_port_with_default(8080) == 8080);
    BOOST_TEST(connection.get_protocol_with_default("http") == "http");
    BOOST_TEST(!connection.use_discovery());
    BOOST_TEST(!connection.has_invalid_port());
}

BOOST_AUTO_TEST_CASE(host_falls_back_to_ip) {
    // Arrange / Act / Assert
    BOOST_TEST(ConnectionParams::from_string("ip=10.1.1.1").get_host() == OptString("10.1.1.1"));
    BOOST_TEST(ConnectionParams::from_string("ip=10.1.1.1;host=name").get_host() == OptString("name"));
    BOOST_TEST(ConnectionParams::from_tuples("host", "", "ip", "10.1.1.1").get_host() == OptString("10.1.1.1"));
}

BOOST_AUTO_TEST_CASE(use_discovery_needs_a_non_empty_discovery_key) {
    // Arrange / Act / Assert
    BOOST_TEST(ConnectionParams::from_string("discovery_key=svc").use_discovery());
    BOOST_TEST(!ConnectionParams::from_string("discovery_key").use_discovery());
    BOOST_TEST(!ConnectionParams::from_tuples("discovery_key", "").use_discovery());
    BOOST_TEST(!ConnectionParams::from_string("host=h").use_discovery());
}

// ---- port parsing --------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(port_text_is_parsed) {
    // Arrange / Act / Assert
    BOOST_TEST(ConnectionParams::from_string("port=3000").get_port() == 3000);
    BOOST_TEST(ConnectionParams::from_string("port= 3000 ").get_port() == 3000);
    BOOST_TEST(ConnectionParams::from_string("port=0").get_port_with_default(80) == 0);
    BOOST_TEST(ConnectionParams::from_string("port=65535").get_port() == 65535);
    BOOST_TEST(ConnectionParams::from_string("port=3.5").get_port() == 3);  // Pip's integer conversion
    BOOST_TEST(ConnectionParams::from_string("port=+5").get_port() == 5);   // issue #13: as the originals
    BOOST_TEST(!ConnectionParams::from_string("port=+5").has_invalid_port());
}

BOOST_AUTO_TEST_CASE(an_empty_protocol_reads_as_the_default) {
    // Arrange / Act / Assert: issue #13, Node's `protocol || default`
    BOOST_TEST(ConnectionParams::from_string("protocol=").get_protocol_with_default("http") == "http");
    BOOST_TEST(ConnectionParams::from_string("protocol").get_protocol_with_default("http") == "http");
    BOOST_TEST(ConnectionParams::from_string("protocol=tcp").get_protocol_with_default("http") == "tcp");
    BOOST_TEST(ConnectionParams::from_string("protocol=").get_protocol() == OptString(""));
}

BOOST_AUTO_TEST_CASE(port_that_is_not_a_number_reads_as_missing) {
    // Arrange
    const auto connection = ConnectionParams::from_string("port=http");

    // Act / Assert
    BOOST_TEST(connection.get_port() == 0);
    BOOST_TEST(connection.get_port_with_default(80) == 80);
    BOOST_TEST(connection.has_invalid_port());
}

BOOST_AUTO_TEST_CASE(port_out_of_range_reads_as_missing) {
    // Arrange / Act / Assert
    for (const char* text : {"port=65536", "port=-1", "port=99999999999999999999", "port=1e10"}) {
        const auto connection = ConnectionParams::from_string(text);
        BOOST_TEST(connection.get_port() == 0, text);
        BOOST_TEST(connection.get_port_with_default(8080) == 8080, text);
        BOOST_TEST(connection.has_invalid_port(), text);
    }
}

BOOST_AUTO_TEST_CASE(empty_port_is_missing_not_invalid) {
    // Arrange
    const auto connection = ConnectionParams::from_tuples("port", "");

    // Act / Assert
    BOOST_TEST(connection.get_port() == 0);
    BOOST_TEST(!connection.has_invalid_port());
}

BOOST_AUTO_TEST_CASE(set_port_out_of_range_throws) {
    // Arrange
    ConnectionParams connection;

    // Act / Assert
    BOOST_CHECK_THROW(connection.set_port(-1), std::invalid_argument);
    BOOST_CHECK_THROW(connection.set_port(65536), std::invalid_argument);
    BOOST_TEST(!connection.contains("port"));
}

// ---- construction ----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(from_string_and_from_tuples_build_connection_params) {
    // Arrange / Act
    const auto parsed = ConnectionParams::from_string("protocol=http;host=localhost;port=8080");
    const auto tupled = ConnectionParams::from_tuples("protocol", "http", "host", "localhost", "port", 8080);

    // Assert
    BOOST_TEST(parsed.get_port() == 8080);
    BOOST_TEST(parsed == tupled);
    BOOST_TEST(tupled.to_string() == "protocol=http;host=localhost;port=8080");
}

BOOST_AUTO_TEST_CASE(many_from_config_reads_connections_sections_in_order) {
    // Arrange
    const auto config = ConfigParams::from_string(
        "connections.b.host=hb;connections.a.host=ha;connections.a.port=1;connection.host=ignored");

    // Act
    const auto connections = ConnectionParams::many_from_config(config);

    // Assert
    BOOST_TEST(texts(connections) == (std::vector<std::string>{"host=hb", "host=ha;port=1"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(many_from_config_flat_connections_key_gives_an_empty_entry) {
    // Arrange: [verified] ["connections.x","1","connections.c1.host","h1"] -> [{}, {host:h1}]
    const auto config = ConfigParams::from_tuples("connections.x", "1", "connections.c1.host", "h1");

    // Act
    const auto connections = ConnectionParams::many_from_config(config);

    // Assert
    BOOST_TEST(texts(connections) == (std::vector<std::string>{"", "host=h1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(many_from_config_reads_the_connection_section) {
    // Arrange
    const auto config = ConfigParams::from_string("connection.protocol=http;connection.host=h;connection.port=80;x=1");

    // Act
    const auto connections = ConnectionParams::many_from_config(config);

    // Assert
    BOOST_TEST(texts(connections) == (std::vector<std::string>{"protocol=http;host=h;port=80"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(many_from_config_without_either_section_is_empty) {
    // Arrange / Act / Assert
    BOOST_TEST(ConnectionParams::many_from_config(ConfigParams()).empty());
    BOOST_TEST(ConnectionParams::many_from_config(ConfigParams::from_string("host=h;port=1")).empty());
}

BOOST_AUTO_TEST_CASE(from_config_is_the_first_connection_or_nothing) {
    // Arrange
    const auto config = ConfigParams::from_string("connections.a.host=ha;connections.b.host=hb");

    // Act / Assert
    BOOST_TEST(ConnectionParams::from_config(config)->to_string() == "host=ha");
    BOOST_TEST(!ConnectionParams::from_config(ConfigParams()).has_value());
}

BOOST_AUTO_TEST_CASE(to_safe_string_masks_uri_user_info_and_secrets) {
    // Arrange
    const auto connection =
        ConnectionParams::from_string("uri=amqp://guest:guest-pw@rabbit:5672;password=pw;host=rabbit;discovery_key=mq");

    // Act
    const auto safe = connection.to_safe_string();

    // Assert
    BOOST_TEST(safe == "uri=amqp://***@rabbit:5672;password=***;host=rabbit;discovery_key=mq");
    BOOST_TEST(ConnectionParams::from_string(connection.to_string()) == connection);
}

BOOST_AUTO_TEST_SUITE_END()
