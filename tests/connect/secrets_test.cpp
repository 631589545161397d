// No password, access key or URI user-info may appear in log-safe text or in any exception message or detail.
#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.connect;

using pip::auth::CredentialParams;
using pip::auth::CredentialResolver;
using pip::build::Factory;
using pip::config::ConfigParams;
using pip::connect::CompositeConnectionResolver;
using pip::connect::ConnectionParams;
using pip::connect::ConnectionResolver;
using pip::connect::ConnectionRules;
using pip::connect::ConnectionUtils;
using pip::errors::ApplicationException;
using pip::refer::AnyLocator;
using pip::refer::References;

namespace {

const std::vector<std::string> secrets{"Pw-0f-Us3r", "Ak-1d-K3y", "Ck-53cr3t", "Sk-53cr3t", "Pa55-alt", "Ur1-pa55"};

// Every configuration below carries all the secrets, in credentials and in a URI's user-info.
const std::string secret_credentials =
    "credential.username=jdoe;credential.password=Pw-0f-Us3r;credential.access_key=Ak-1d-K3y;"
    "credential.client_key=Ck-53cr3t;credential.secret_key=Sk-53cr3t;credential.pass=Pa55-alt;";

void check_no_secret(std::string_view text, std::string_view where) {
    for (const auto& secret : secrets)
        BOOST_TEST(text.find(secret) == std::string_view::npos, where << " leaks " << secret << ": " << text);
}

// Runs `action`, requires an ApplicationException, and checks its message, details and cause.
template <class Action>
void check_exception_has_no_secret(Action action, std::string_view where) {
    try {
        action();
        BOOST_ERROR(where << ": no exception");
    } catch (const ApplicationException& e) {
        check_no_secret(e.what(), where);
        for (const auto& [key, value] : e.details()) check_no_secret(value, where);
        check_no_secret(e.cause_message(), where);
    }
}

CompositeConnectionResolver composite(const std::string& config, ConnectionRules rules = {}) {
    CompositeConnectionResolver resolver(std::move(rules));
    resolver.configure(ConfigParams::from_string(secret_credentials + config));
    return resolver;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secrets)

BOOST_AUTO_TEST_CASE(to_safe_string_prints_no_secret) {
    // Arrange
    const auto config = ConfigParams::from_string(
        secret_credentials + "connection.uri=amqp://jdoe:Ur1-pa55@mq:5672/vh?access_key=Ak-1d-K3y");
    const auto credential = *CredentialParams::from_config(config);
    const auto connection = *ConnectionParams::from_config(config);
    const auto parsed = ConnectionUtils::parse_uri("tcp://jdoe:Ur1-pa55@h:1?secret_key=Sk-53cr3t", "", 0);

    // Act / Assert
    check_no_secret(credential.to_safe_string(), "CredentialParams::to_safe_string");
    check_no_secret(connection.to_safe_string(), "ConnectionParams::to_safe_string");
    check_no_secret(pip::auth::to_safe_string(config), "to_safe_string(ConfigParams)");
    check_no_secret(pip::auth::to_safe_string(parsed), "to_safe_string(parse_uri)");
    check_no_secret(ConnectionParams(parsed).to_safe_string(), "ConnectionParams(parse_uri)::to_safe_string");
    BOOST_TEST(connection.to_safe_string() == "uri=amqp://***@mq:5672/vh?access_key=***");
    BOOST_TEST(credential.to_safe_string().find("username=jdoe") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(to_string_keeps_secrets_for_round_trips) {
    // Arrange
    const auto credential = CredentialParams::from_string("username=jdoe;password=Pw-0f-Us3r");

    // Act / Assert
    BOOST_TEST(CredentialParams::from_string(credential.to_string()) == credential);
    BOOST_TEST(credential.to_string().find("Pw-0f-Us3r") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(validation_errors_name_no_secret) {
    // Arrange
    const std::string uri_port = "connection.protocol=http;connection.host=jdoe:Ur1-pa55@h;connection.port=";

    // Act / Assert
    check_exception_has_no_secret([&] { static_cast<void>(composite("connections.x=1").resolve("")); },
                                  "NO_CONNECTION");
    check_exception_has_no_secret([&] { static_cast<void>(composite("connection.host=h").resolve("")); },
                                  "NO_PROTOCOL");
    check_exception_has_no_secret(
        [&] {
            static_cast<void>(
                composite("connection.protocol=ftp;connection.host=h", {true, "", 0, std::vector<std::string>{"http"}})
                    .resolve(""));
        },
        "UNSUPPORTED_PROTOCOL");
    check_exception_has_no_secret([&] { static_cast<void>(composite("connection.protocol=http").resolve("")); },
                                  "NO_HOST");
    check_exception_has_no_secret([&] { static_cast<void>(composite(uri_port).resolve("")); }, "NO_PORT");
    check_exception_has_no_secret([&] { static_cast<void>(composite(uri_port + "x").resolve("")); }, "INVALID_PORT");
    check_exception_has_no_secret(
        [&] {
            static_cast<void>(composite("connections.a.uri=tcp://jdoe:Ur1-pa55@a:1;connections.b.uri=tcp://b:2",
                                        {false, "", 0, std::nullopt})
                                  .resolve(""));
        },
        "MULTIPLE_CONNECTIONS_NOT_SUPPORTED");
}

BOOST_AUTO_TEST_CASE(resolution_errors_name_no_secret) {
    // Arrange
    References references;
    const auto config = ConfigParams::from_string(
        "connection.discovery_key=svc;connection.uri=tcp://jdoe:Ur1-pa55@h:1;credential.store_key=vault;"
        "credential.password=Pw-0f-Us3r");
    const ConnectionResolver connections(config, references);
    const CredentialResolver credentials(config, references);

    // Act / Assert
    check_exception_has_no_secret([&] { static_cast<void>(connections.resolve("")); }, "CANNOT_RESOLVE");
    check_exception_has_no_secret([&] { static_cast<void>(credentials.lookup("")); }, "REF_ERROR");
}

BOOST_AUTO_TEST_CASE(the_uris_of_issue_12_print_no_secret) {
    // Arrange: a raw `?` or `/` in a password, a URI in a query value, a leading `?`, a URI without `@`
    const std::vector<std::string> uris{"amqp://u:Ur1-pa55?x@h", "http://h/cb?next=amqp://u:Ur1-pa55@h2",
                                        "?x@h?password=Ur1-pa55", "http://admin:Ur1-pa55/x@127.0.0.1:1",
                                        "http://admin:Ur1-pa55", "https://app/cb#access_token=Ak-1d-K3y",
                                        "https://h/c?sv=1&sig=Sk-53cr3t", "https://h/?access%5Ftoken=Ak-1d-K3y"};

    for (const auto& uri : uris) {
        // Act
        const auto connection = ConnectionParams::from_tuples("uri", uri);
        const auto parsed = ConnectionParams(ConnectionUtils::parse_uri(uri, "", 0));

        // Assert
        check_no_secret(connection.to_safe_string(), "to_safe_string of " + uri);
        check_no_secret(parsed.to_safe_string(), "to_safe_string of parse_uri " + uri);
        check_no_secret(pip::auth::mask_uri_secrets(ConnectionUtils::compose_uri(parsed, "", 0)),
                        "mask_uri_secrets of compose_uri " + uri);
    }
}

BOOST_AUTO_TEST_CASE(the_secret_names_of_issue_12_print_no_secret) {
    // Arrange
    const auto credential = CredentialParams::from_tuples(
        "passphrase", "Pw-0f-Us3r", "authorization", "Ak-1d-K3y", "bearer", "Ck-53cr3t", "jwt", "Sk-53cr3t", "cookie",
        "Pa55-alt", "sas", "Ur1-pa55", "pass1", "Pw-0f-Us3r", "pwd2", "Ak-1d-K3y", "apikey2", "Ck-53cr3t",
        "credential.password.value", "Sk-53cr3t", "signature", "Pa55-alt", "credentials", "Ur1-pa55", "auth",
        "Pw-0f-Us3r", "%70assword", "Ak-1d-K3y");

    // Act / Assert
    check_no_secret(credential.to_safe_string(), "CredentialParams::to_safe_string");
    BOOST_TEST(credential.to_string().find("Pw-0f-Us3r") != std::string::npos);  // the scan would see a leak
}

BOOST_AUTO_TEST_CASE(protocol_and_port_messages_name_no_secret) {
    // Arrange: the protocol holds a whole URI; a URI without `@` puts the password in the port
    ConnectionRules http_only{true, "", 0, std::vector<std::string>{"http"}};
    const auto parsed = ConnectionUtils::parse_uri("http://admin:Ur1-pa55", "", 0);

    // Act / Assert
    check_exception_has_no_secret(
        [&] {
            static_cast<void>(
                composite("connection.protocol=amqp://jdoe:Ur1-pa55@h;connection.host=h;connection.port=1", http_only)
                    .resolve(""));
        },
        "UNSUPPORTED_PROTOCOL of a URI");
    check_exception_has_no_secret(
        [&] {
            CompositeConnectionResolver resolver;
            static_cast<void>(resolver.compose("", {ConnectionParams(parsed)}, std::nullopt, ConfigParams()));
        },
        "INVALID_PORT of parse_uri");
}

BOOST_AUTO_TEST_CASE(resolvers_used_before_set_references_throw_and_name_no_secret) {
    // Arrange: issue #13, these returned nothing and the component started without its password
    const auto config = ConfigParams::from_string(
        "connection.discovery_key=svc;connection.uri=tcp://jdoe:Ur1-pa55@h:1;credential.store_key=vault;"
        "credential.password=Pw-0f-Us3r");
    const ConnectionResolver connections(config);
    const CredentialResolver credentials(config);

    // Act / Assert
    check_exception_has_no_secret([&] { static_cast<void>(connections.resolve("")); }, "CANNOT_RESOLVE");
    check_exception_has_no_secret([&] { static_cast<void>(credentials.lookup("")); }, "REF_ERROR");
}

BOOST_AUTO_TEST_CASE(factory_errors_name_no_secret) {
    // Arrange: a factory whose own error mentions nothing secret; the wrapper adds only the locator
    Factory factory;
    factory.register_factory(
        "client", [](const AnyLocator&) -> std::shared_ptr<int> { throw std::runtime_error("cannot open client"); });

    // Act / Assert
    check_exception_has_no_secret([&] { static_cast<void>(factory.create("client")); }, "CANNOT_CREATE");
}

BOOST_AUTO_TEST_SUITE_END()
