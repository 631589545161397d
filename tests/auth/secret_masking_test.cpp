#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.auth;

using pip::auth::is_secret_key;
using pip::auth::mask_secrets;
using pip::auth::mask_uri_secrets;
using pip::auth::to_safe_string;
using pip::config::ConfigParams;

BOOST_AUTO_TEST_SUITE(secret_masking)

BOOST_AUTO_TEST_CASE(secret_keys_are_recognised_case_insensitively_on_the_last_segment) {
    // Arrange / Act / Assert
    for (const std::string_view key :
         {"password", "pass", "pwd", "access_key", "client_key", "secret_key", "api_key", "Password", "DB_PASSWORD",
          "credential.password", "credentials.a.pass", "client_secret", "token", "access_token", "key", "accessKey",
          "api_key_id", "db-pass", "bypass"})
        BOOST_TEST(is_secret_key(key), key);
    for (const std::string_view key : {"username", "user", "host", "port", "uri", "discovery_key", "store_key",
                                       "Discovery_Key", "connection.discovery_key", "access_id", "passenger.x", "key1",
                                       "keyspace", "passenger", "connections.key1.host"})
        BOOST_TEST(!is_secret_key(key), key);
}

BOOST_AUTO_TEST_CASE(uri_user_info_is_masked) {
    // Arrange / Act / Assert
    BOOST_TEST(mask_uri_secrets("tcp://user:pass@h1:1,h2/a?x=1") == "tcp://***@h1:1,h2/a?x=1");
    BOOST_TEST(mask_uri_secrets("user:pass@host") == "***@host");
    BOOST_TEST(mask_uri_secrets("http://u:p@ss@host") == "http://***@host");
    BOOST_TEST(mask_uri_secrets("http://host:80/path") == "http://host:80/path");
    BOOST_TEST(mask_uri_secrets("") == "");
}

BOOST_AUTO_TEST_CASE(secret_query_parameters_are_masked) {
    // Arrange / Act / Assert
    BOOST_TEST(mask_uri_secrets("https://h/p?region=eu&access_key=AK1&password=p&flag") ==
               "https://h/p?region=eu&access_key=***&password=***&flag");
}

BOOST_AUTO_TEST_CASE(mask_secrets_keeps_keys_order_and_missing_values) {
    // Arrange
    const auto config = ConfigParams::from_string(
        "connection.uri=mongodb://admin:s3cr3t@db:27017/app;credential.username=admin;credential.password=s3cr3t;"
        "credential.store_key=vault;flag");

    // Act
    const auto masked = mask_secrets(config);

    // Assert
    BOOST_TEST(masked.to_string() ==
               "connection.uri=mongodb://***@db:27017/app;credential.username=admin;credential.password=***;"
               "credential.store_key=vault;flag");
    BOOST_TEST(to_safe_string(config) == masked.to_string());
}

BOOST_AUTO_TEST_CASE(nested_connection_strings_are_masked_one_level_deep) {
    // Arrange
    const auto config = ConfigParams::from_tuples("key1", "host=h;password=p1;uri=tcp://u:p2@h", "key2",
                                                  "access_key=k1", "key3", "http://h/?a=b");

    // Act
    const auto safe = to_safe_string(config);

    // Assert
    BOOST_TEST(safe == "key1=host=h;password=***;uri=tcp://***@h;key2=access_key=***;key3=http://h/?a=b");
}

BOOST_AUTO_TEST_CASE(a_very_long_value_of_separators_is_handled) {
    // Arrange
    const auto config = ConfigParams::from_tuples("value", std::string(200000, '='), "other", std::string(200000, '@'));

    // Act
    const auto safe = to_safe_string(config);

    // Assert
    BOOST_TEST(!safe.empty());
    BOOST_TEST(safe.find("other=***@") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
