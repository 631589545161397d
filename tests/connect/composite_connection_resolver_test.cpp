#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.connect;

using pip::auth::CredentialParams;
using pip::auth::MemoryCredentialStore;
using pip::config::ConfigParams;
using pip::connect::CompositeConnectionResolver;
using pip::connect::ConnectionParams;
using pip::connect::ConnectionRules;
using pip::connect::MemoryDiscovery;
using pip::errors::ConfigException;
using pip::refer::Descriptor;
using pip::refer::References;

namespace {

// Default rules with some fields changed (a partial designated initializer would warn under clang's -Wextra).
template <class Change>
ConnectionRules rules_with(Change change) {
    ConnectionRules rules;
    change(rules);
    return rules;
}

CompositeConnectionResolver configured(std::string_view config, ConnectionRules rules = {}) {
    CompositeConnectionResolver resolver(std::move(rules));
    resolver.configure(ConfigParams::from_string(config));
    return resolver;
}

// The code of the ConfigException `resolve` throws, or "" when it does not throw.
std::string error_code(const CompositeConnectionResolver& resolver) {
    try {
        static_cast<void>(resolver.resolve("cid"));
    } catch (const ConfigException& e) {
        return e.code();
    }
    return "";
}

// A subclass as the originals write them: rules in the constructor, steps overridden.
class HttpResolver final : public CompositeConnectionResolver {
public:
    HttpResolver()
        : CompositeConnectionResolver({.cluster_supported = false,
                                       .default_protocol = "http",
                                       .default_port = 8080,
                                       .supported_protocols = std::vector<std::string>{"http", "https"}}) {}

protected:
    void validate_credential(std::string_view correlation_id, const CredentialParams& credential) const override {
        if (!credential.get_username()) throw ConfigException(correlation_id, "NO_USERNAME", "Username is not set");
    }
    ConfigParams finalize_options(const ConfigParams& options) const override {
        auto result = options;
        result.put("uri", pip::connect::ConnectionUtils::compose_uri(options, "http", 8080));
        return result;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_connection_resolver)

// ---- composing options -------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(resolve_merges_connection_credential_and_options_node_verified) {
    // Arrange: [verified] Node -> {timeout:10, host:localhost, protocol:http, port:3000, username:user, password:pass}
    const auto resolver = configured(
        "connection.protocol=http;connection.host=localhost;connection.port=3000;"
        "credential.username=user;credential.password=pass;options.timeout=10;options.host=OPT");

    // Act
    const auto options = resolver.resolve("");

    // Assert
    BOOST_TEST(options.to_string() == "timeout=10;host=localhost;protocol=http;port=3000;username=user;password=pass");
}

BOOST_AUTO_TEST_CASE(resolve_with_two_connections_keeps_the_first_value_of_a_duplicated_key) {
    // Arrange: [verified] a.{host=h1,port=1}, b.{host=h2,port=2,extra=e} -> {host:h1, port:1, extra:e}
    const auto resolver = configured(
        "connections.a.host=h1;connections.a.port=1;connections.b.host=h2;connections.b.port=2;connections.b.extra=e",
        rules_with([](auto& r) { r.default_protocol = "tcp"; }));

    // Act
    const auto options = resolver.resolve("");

    // Assert
    BOOST_TEST(options.to_string() == "host=h1;port=1;extra=e");
}

BOOST_AUTO_TEST_CASE(resolve_without_any_configuration_is_empty) {
    // Arrange: [verified] Python and Node -> {}
    const CompositeConnectionResolver resolver;

    // Act / Assert
    BOOST_TEST(resolver.resolve("").empty());
}

BOOST_AUTO_TEST_CASE(credential_values_win_over_connection_values) {
    // Arrange
    const auto resolver =
        configured("connection.uri=tcp://h:1;connection.username=from_connection;credential.username=from_credential");

    // Act / Assert
    BOOST_TEST(resolver.resolve("").to_string() == "uri=tcp://h:1;username=from_credential");
}

BOOST_AUTO_TEST_CASE(resolve_uses_discovery_and_the_credential_store_from_references) {
    // Arrange
    auto references = References::from_tuples(
        Descriptor("pip-services", "discovery", "memory", "default", "1.0"),
        std::make_shared<MemoryDiscovery>(ConfigParams::from_string("db.host=10.0.0.5;db.port=5432")),
        Descriptor("pip-services", "credential-store", "memory", "default", "1.0"),
        std::make_shared<MemoryCredentialStore>(
            ConfigParams::from_string("db-admin.username=admin;db-admin.password=pw")));
    auto resolver = configured(
        "connection.discovery_key=db;connection.protocol=postgres;credential.store_key=db-admin;options.pool=5");
    resolver.set_references(references);

    // Act
    const auto options = resolver.resolve("");

    // Assert
    BOOST_TEST(options.to_string() ==
               "pool=5;discovery_key=db;protocol=postgres;host=10.0.0.5;port=5432;username=admin;password=pw");
}

BOOST_AUTO_TEST_CASE(compose_validates_and_merges_given_connections_and_credential) {
    // Arrange
    const CompositeConnectionResolver resolver;
    const std::vector<ConnectionParams> connections{ConnectionParams::from_string("protocol=http;host=h;port=1")};

    // Act
    const auto options = resolver.compose("", connections, CredentialParams::from_string("username=u"),
                                          ConfigParams::from_string("timeout=5;host=ignored"));
    const auto without_credential = resolver.compose("", connections, std::nullopt, ConfigParams());

    // Assert
    BOOST_TEST(options.to_string() == "timeout=5;host=h;protocol=http;port=1;username=u");
    BOOST_TEST(without_credential.to_string() == "protocol=http;host=h;port=1");
    BOOST_CHECK_THROW(static_cast<void>(resolver.compose("", {ConnectionParams::from_string("host=h")}, std::nullopt,
                                                         ConfigParams())),
                      ConfigException);
}

// ---- validation ------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_uri_makes_a_connection_valid) {
    // Arrange
    const auto resolver =
        configured("connection.uri=http://h:80", rules_with([](auto& r) { r.supported_protocols.emplace(); }));

    // Act / Assert
    BOOST_TEST(error_code(resolver) == "");
}

BOOST_AUTO_TEST_CASE(an_empty_connection_is_no_connection) {
    // Arrange: a flat `connections.x=1` gives an empty connection
    const auto resolver = configured("connections.x=1");

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.resolve("cid")), ConfigException, [](const auto& e) {
        return e.code() == "NO_CONNECTION" && e.message() == "Connection parameters are not set" &&
               e.correlation_id() == "cid";
    });
}

BOOST_AUTO_TEST_CASE(missing_protocol_is_no_protocol) {
    // Arrange / Act / Assert
    BOOST_TEST(error_code(configured("connection.host=h;connection.port=1")) == "NO_PROTOCOL");
    BOOST_TEST(error_code(configured("connection.protocol=;connection.host=h;connection.port=1")) == "NO_PROTOCOL");
    BOOST_TEST(error_code(configured("connection.protocol;connection.host=h;connection.port=1")) == "NO_PROTOCOL");
    BOOST_TEST(error_code(configured("connection.uri=;connection.host=h;connection.port=1")) == "NO_PROTOCOL");
    BOOST_TEST(error_code(configured("connection.host=h;connection.port=1",
                                     rules_with([](auto& r) { r.default_protocol = "tcp"; }))) == "");
}

BOOST_AUTO_TEST_CASE(an_empty_protocol_takes_the_default_protocol) {
    // Arrange: issue #13, empty values count as missing, so the default applies as in the originals
    const auto rules = rules_with([](auto& r) {
        r.default_protocol = "http";
        r.supported_protocols = {"http"};
    });
    const auto empty = configured("connection.protocol=;connection.host=h;connection.port=80", rules);
    const auto no_value = configured("connection.protocol;connection.host=h;connection.port=80", rules);

    // Act / Assert
    BOOST_TEST(error_code(empty) == "");
    BOOST_TEST(error_code(no_value) == "");
    BOOST_TEST(empty.resolve("").to_string() == "protocol=;host=h;port=80");  // the options keep what was stored
}

BOOST_AUTO_TEST_CASE(an_unsupported_protocol_holding_a_uri_is_named_by_its_scheme_only) {
    // Arrange: issue #12, the message quoted the whole value
    const auto rules = rules_with([](auto& r) { r.supported_protocols = {"http"}; });
    const auto with_scheme = configured("connection.protocol=amqp://u:S3CRET@h;connection.host=h;connection.port=1", rules);
    const auto without_scheme = configured("connection.protocol=u:S3CRET@h;connection.host=h;connection.port=1", rules);

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(with_scheme.resolve("")), ConfigException, [](const auto& e) {
        return e.code() == "UNSUPPORTED_PROTOCOL" && e.message() == "The protocol amqp is not supported";
    });
    BOOST_CHECK_EXCEPTION(static_cast<void>(without_scheme.resolve("")), ConfigException, [](const auto& e) {
        return e.code() == "UNSUPPORTED_PROTOCOL" && e.message() == "The protocol ***@h is not supported";
    });
}

BOOST_AUTO_TEST_CASE(protocol_outside_the_supported_list_is_unsupported_protocol) {
    // Arrange
    const auto rules = rules_with([](auto& r) { r.supported_protocols = {"http", "https"}; });
    const auto unsupported = configured("connection.protocol=ftp;connection.host=h;connection.port=21", rules);
    const auto supported = configured("connection.protocol=https;connection.host=h;connection.port=443", rules);

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(unsupported.resolve("")), ConfigException, [](const auto& e) {
        return e.code() == "UNSUPPORTED_PROTOCOL" && e.message() == "The protocol ftp is not supported";
    });
    BOOST_TEST(error_code(supported) == "");
}

BOOST_AUTO_TEST_CASE(missing_host_is_no_host) {
    // Arrange: [verified] Node: a connection with only protocol=http -> NO_HOST
    const auto resolver = configured("connection.protocol=http");

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.resolve("")), ConfigException, [](const auto& e) {
        return e.code() == "NO_HOST" && e.message() == "Connection host is not set";
    });
    BOOST_TEST(error_code(configured("connection.protocol=http;connection.ip=10.0.0.1;connection.port=1")) == "");
}

BOOST_AUTO_TEST_CASE(missing_port_is_no_port_unless_there_is_a_default) {
    // Arrange / Act / Assert
    BOOST_CHECK_EXCEPTION(
        static_cast<void>(configured("connection.protocol=http;connection.host=h").resolve("")), ConfigException,
        [](const auto& e) { return e.code() == "NO_PORT" && e.message() == "Connection port is not set"; });
    BOOST_TEST(error_code(configured("connection.protocol=http;connection.host=h;connection.port=0")) == "NO_PORT");
    BOOST_TEST(error_code(configured("connection.protocol=http;connection.host=h",
                                     rules_with([](auto& r) { r.default_port = 80; }))) == "");
}

BOOST_AUTO_TEST_CASE(port_that_is_not_a_valid_number_is_invalid_port) {
    // Arrange / Act / Assert
    // Only digits and signs are quoted: other text in a port may be a password (`http://admin:S3CRET`).
    for (const auto& [port, shown] : {std::pair{"http", "***"}, {"65536", "65536"}, {"-5", "-5"}, {"80x", "***"}}) {
        const auto resolver =
            configured(std::string("connection.protocol=http;connection.host=h;connection.port=") + port,
                       rules_with([](auto& r) { r.default_port = 80; }));
        BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.resolve("")), ConfigException, [&](const auto& e) {
            return e.code() == "INVALID_PORT" &&
                   e.message() == std::string("Connection port ") + shown + " is not a number from 0 to 65535";
        });
    }
}

BOOST_AUTO_TEST_CASE(cluster_off_rejects_more_than_one_connection_only) {
    // Arrange
    const auto no_cluster = rules_with([](auto& r) {
        r.cluster_supported = false;
        r.default_protocol = "tcp";
    });
    const auto one = configured("connection.host=h;connection.port=1", no_cluster);
    const auto two =
        configured("connections.a.host=h1;connections.a.port=1;connections.b.host=h2;connections.b.port=2", no_cluster);

    // Act / Assert
    BOOST_TEST(error_code(one) == "");
    BOOST_CHECK_EXCEPTION(static_cast<void>(two.resolve("cid")), ConfigException, [](const auto& e) {
        return e.code() == "MULTIPLE_CONNECTIONS_NOT_SUPPORTED" &&
               e.message() == "Multiple (cluster) connections are not supported";
    });
}

BOOST_AUTO_TEST_CASE(the_first_invalid_connection_stops_validation) {
    // Arrange
    const auto resolver = configured("connections.a.protocol=http;connections.b.host=h;connections.b.port=1");

    // Act / Assert
    BOOST_TEST(error_code(resolver) == "NO_HOST");
}

// ---- subclasses ------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(subclass_rules_and_overridden_steps_apply) {
    // Arrange
    HttpResolver resolver;
    resolver.configure(ConfigParams::from_string("connection.host=api;credential.username=svc;credential.password=pw"));

    // Act
    const auto options = resolver.resolve("");

    // Assert
    BOOST_TEST(resolver.rules().default_port == 8080);
    BOOST_TEST(options.to_string() == "host=api;username=svc;password=pw;uri=http://svc:pw@api:8080");
}

BOOST_AUTO_TEST_CASE(subclass_credential_validation_runs_with_an_empty_credential_when_none_is_found) {
    // Arrange
    HttpResolver resolver;
    resolver.configure(ConfigParams::from_string("connection.host=api"));

    // Act / Assert
    BOOST_TEST(error_code(resolver) == "NO_USERNAME");
}

BOOST_AUTO_TEST_CASE(subclass_without_cluster_support_rejects_two_connections) {
    // Arrange
    HttpResolver resolver;
    resolver.configure(ConfigParams::from_string("connections.a.host=a;connections.b.host=b;credential.username=u"));

    // Act / Assert
    BOOST_TEST(error_code(resolver) == "MULTIPLE_CONNECTIONS_NOT_SUPPORTED");
}

BOOST_AUTO_TEST_SUITE_END()
