#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.auth;

using pip::auth::CredentialParams;
using pip::config::ConfigParams;

namespace {
using OptString = std::optional<std::string>;
}

BOOST_AUTO_TEST_SUITE(credential_params)

BOOST_AUTO_TEST_CASE(main_keys_are_read_and_written) {
    // Arrange
    CredentialParams credential;

    // Act
    credential.set_store_key("store1");
    credential.set_username("jdoe");
    credential.set_password("pw");
    credential.set_access_id("id1");
    credential.set_access_key("key1");

    // Assert
    BOOST_TEST(credential.get_store_key() == OptString("store1"));
    BOOST_TEST(credential.get_username() == OptString("jdoe"));
    BOOST_TEST(credential.get_password() == OptString("pw"));
    BOOST_TEST(credential.get_access_id() == OptString("id1"));
    BOOST_TEST(credential.get_access_key() == OptString("key1"));
    BOOST_TEST(credential.to_string() == "store_key=store1;username=jdoe;password=pw;access_id=id1;access_key=key1");
}

BOOST_AUTO_TEST_CASE(alternative_key_names_are_read) {
    // Arrange
    const auto credential = CredentialParams::from_tuples("user", "jdoe", "pass", "pw", "client_id", "cid1");

    // Act / Assert
    BOOST_TEST(credential.get_username() == OptString("jdoe"));
    BOOST_TEST(credential.get_password() == OptString("pw"));
    BOOST_TEST(credential.get_access_id() == OptString("cid1"));
}

BOOST_AUTO_TEST_CASE(access_key_reads_client_key_then_secret_key) {
    // Arrange
    const auto with_client_key = CredentialParams::from_string("client_key=ck;secret_key=sk");
    const auto with_secret_key = CredentialParams::from_string("secret_key=sk");
    const auto with_all = CredentialParams::from_string("secret_key=sk;client_key=ck;access_key=ak");

    // Act / Assert
    BOOST_TEST(with_client_key.get_access_key() == OptString("ck"));
    BOOST_TEST(with_secret_key.get_access_key() == OptString("sk"));
    BOOST_TEST(with_all.get_access_key() == OptString("ak"));
}

BOOST_AUTO_TEST_CASE(main_key_wins_over_alternatives) {
    // Arrange
    const auto credential = CredentialParams::from_string("user=alt;username=main;pass=alt;password=main");

    // Act / Assert
    BOOST_TEST(credential.get_username() == OptString("main"));
    BOOST_TEST(credential.get_password() == OptString("main"));
}

BOOST_AUTO_TEST_CASE(an_empty_main_value_falls_back_to_the_alternative) {
    // Arrange
    const auto credential = CredentialParams::from_tuples("username", "", "user", "alt", "password", "");

    // Act / Assert
    BOOST_TEST(credential.get_username() == OptString("alt"));
    BOOST_TEST(credential.get_password() == OptString());
}

BOOST_AUTO_TEST_CASE(missing_values_are_empty_optionals) {
    // Arrange
    const CredentialParams credential;

    // Act / Assert
    BOOST_TEST(credential.get_store_key() == OptString());
    BOOST_TEST(credential.get_username() == OptString());
    BOOST_TEST(credential.get_password() == OptString());
    BOOST_TEST(credential.get_access_id() == OptString());
    BOOST_TEST(credential.get_access_key() == OptString());
    BOOST_TEST(!credential.use_credential_store());
}

BOOST_AUTO_TEST_CASE(use_credential_store_needs_a_non_empty_store_key) {
    // Arrange / Act / Assert
    BOOST_TEST(CredentialParams::from_string("store_key=s1").use_credential_store());
    BOOST_TEST(!CredentialParams::from_string("store_key").use_credential_store());
    BOOST_TEST(!CredentialParams::from_tuples("store_key", "").use_credential_store());
    BOOST_TEST(!CredentialParams::from_string("username=a").use_credential_store());
}

BOOST_AUTO_TEST_CASE(from_string_round_trips_through_to_string) {
    // Arrange
    const std::string text = "username=jdoe;password=pw;flag";

    // Act
    const auto credential = CredentialParams::from_string(text);

    // Assert
    BOOST_TEST(credential.to_string() == text);
}

BOOST_AUTO_TEST_CASE(many_from_config_reads_credentials_sections_in_order) {
    // Arrange
    const auto config = ConfigParams::from_string(
        "credentials.b.username=user_b;credentials.a.username=user_a;credentials.a.password=pw_a;"
        "credential.username=ignored");

    // Act
    const auto credentials = CredentialParams::many_from_config(config);

    // Assert
    BOOST_REQUIRE(credentials.size() == 2U);
    BOOST_TEST(credentials[0].to_string() == "username=user_b");
    BOOST_TEST(credentials[1].to_string() == "username=user_a;password=pw_a");
}

BOOST_AUTO_TEST_CASE(many_from_config_reads_the_credential_section) {
    // Arrange
    const auto config = ConfigParams::from_string("credential.username=jdoe;credential.password=pw;other=1");

    // Act
    const auto credentials = CredentialParams::many_from_config(config);

    // Assert
    BOOST_REQUIRE(credentials.size() == 1U);
    BOOST_TEST(credentials[0].to_string() == "username=jdoe;password=pw");
}

BOOST_AUTO_TEST_CASE(many_from_config_without_sections_is_empty_and_from_config_empty_too) {
    // Arrange
    const auto config = ConfigParams::from_string("username=jdoe");

    // Act / Assert
    BOOST_TEST(CredentialParams::many_from_config(config).empty());
    BOOST_TEST(CredentialParams::many_from_config(ConfigParams()).empty());
    BOOST_TEST(!CredentialParams::from_config(config).has_value());
}

BOOST_AUTO_TEST_CASE(from_config_returns_the_first_credential) {
    // Arrange
    const auto config = ConfigParams::from_string("credentials.x.user=x1;credentials.y.user=y1");

    // Act
    const auto credential = CredentialParams::from_config(config);

    // Assert
    BOOST_REQUIRE(credential.has_value());
    BOOST_TEST(credential->get_username() == OptString("x1"));
}

BOOST_AUTO_TEST_CASE(to_safe_string_masks_passwords_and_keys_but_to_string_keeps_them) {
    // Arrange
    const auto credential = CredentialParams::from_string(
        "store_key=s1;username=jdoe;password=p1;pass=p2;access_id=id;access_key=k1;client_key=k2;secret_key=k3");

    // Act
    const auto safe = credential.to_safe_string();

    // Assert
    BOOST_TEST(safe ==
               "store_key=s1;username=jdoe;password=***;pass=***;access_id=id;access_key=***;client_key=***;"
               "secret_key=***");
    BOOST_TEST(credential.to_string().find("p1") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
