#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.auth;

using pip::auth::CredentialParams;
using pip::auth::CredentialResolver;
using pip::auth::MemoryCredentialStore;
using pip::config::ConfigParams;
using pip::refer::Descriptor;
using pip::refer::ReferenceException;
using pip::refer::References;

namespace {

using OptString = std::optional<std::string>;

Descriptor memory_store() { return {"pip-services", "credential-store", "memory", "default", "1.0"}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(credential_resolver)

BOOST_AUTO_TEST_CASE(configure_appends_and_get_all_lists_in_order) {
    // Arrange
    CredentialResolver resolver(ConfigParams::from_string("credential.username=first"));

    // Act
    resolver.configure(ConfigParams::from_string("credentials.a.username=second;credentials.b.username=third"));
    resolver.add(CredentialParams::from_string("username=fourth"));

    // Assert
    BOOST_REQUIRE(resolver.get_all().size() == 4U);
    BOOST_TEST(resolver.get_all()[0].get_username() == OptString("first"));
    BOOST_TEST(resolver.get_all()[3].get_username() == OptString("fourth"));
}

BOOST_AUTO_TEST_CASE(lookup_without_credentials_is_empty) {
    // Arrange
    const CredentialResolver resolver;

    // Act / Assert
    BOOST_TEST(!resolver.lookup("cid").has_value());
}

BOOST_AUTO_TEST_CASE(lookup_returns_the_first_credential_without_a_store_key) {
    // Arrange
    const CredentialResolver resolver(ConfigParams::from_string(
        "credentials.a.store_key=k1;credentials.b.username=direct;credentials.c.username=later"));

    // Act
    const auto credential = resolver.lookup("cid");

    // Assert
    BOOST_REQUIRE(credential.has_value());
    BOOST_TEST(credential->get_username() == OptString("direct"));
}

BOOST_AUTO_TEST_CASE(lookup_reads_a_store_found_in_the_references) {
    // Arrange
    auto references = References::from_tuples(
        memory_store(), std::make_shared<MemoryCredentialStore>(ConfigParams::from_string("k1.user=jdoe;k1.pass=pw")));
    const CredentialResolver resolver(ConfigParams::from_string("credential.store_key=k1"), references);

    // Act
    const auto credential = resolver.lookup("cid");

    // Assert
    BOOST_REQUIRE(credential.has_value());
    BOOST_TEST(credential->get_username() == OptString("jdoe"));
    BOOST_TEST(credential->get_password() == OptString("pw"));
}

BOOST_AUTO_TEST_CASE(lookup_tries_each_store_key_in_order_until_one_is_found) {
    // Arrange
    auto references = References::from_tuples(
        memory_store(), std::make_shared<MemoryCredentialStore>(ConfigParams::from_string("k2.user=second")));
    const CredentialResolver resolver(
        ConfigParams::from_string("credentials.a.store_key=k1;credentials.b.store_key=k2"), references);

    // Act
    const auto credential = resolver.lookup("");

    // Assert
    BOOST_TEST(credential->get_username() == OptString("second"));
}

BOOST_AUTO_TEST_CASE(lookup_of_a_key_no_store_knows_is_empty) {
    // Arrange
    auto references = References::from_tuples(memory_store(), std::make_shared<MemoryCredentialStore>());
    const CredentialResolver resolver(ConfigParams::from_string("credential.store_key=unknown"), references);

    // Act / Assert
    BOOST_TEST(!resolver.lookup("").has_value());
}

BOOST_AUTO_TEST_CASE(lookup_with_a_store_key_before_set_references_names_the_store_descriptor) {
    // Arrange: issue #13, this returned no credential and the component connected without its password
    const CredentialResolver resolver(ConfigParams::from_string("credential.store_key=k1"));

    // Act / Assert: the same error as references without a store
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.lookup("cid")), ReferenceException, [](const auto& e) {
        return e.message() == "Failed to obtain reference to *:credential-store:*:*:*" && e.code() == "REF_ERROR" &&
               e.correlation_id() == "cid";
    });
}

BOOST_AUTO_TEST_CASE(a_direct_credential_is_found_before_set_references) {
    // Arrange
    const CredentialResolver resolver(
        ConfigParams::from_string("credentials.a.username=u;credentials.b.store_key=k1"));

    // Act / Assert
    BOOST_TEST(resolver.lookup("")->to_string() == "username=u");
}

BOOST_AUTO_TEST_CASE(lookup_with_a_store_key_and_no_store_names_the_store_descriptor) {
    // Arrange
    References references;
    const CredentialResolver resolver(ConfigParams::from_string("credential.store_key=k1"), references);

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.lookup("cid")), ReferenceException, [](const auto& e) {
        return e.message() == "Failed to obtain reference to *:credential-store:*:*:*" && e.code() == "REF_ERROR" &&
               e.correlation_id() == "cid";
    });
}

BOOST_AUTO_TEST_CASE(the_old_credential_store_spelling_is_not_found) {
    // Arrange
    auto references =
        References::from_tuples(Descriptor("pip-services", "credential_store", "memory", "default", "1.0"),
                                std::make_shared<MemoryCredentialStore>());
    const CredentialResolver resolver(ConfigParams::from_string("credential.store_key=k1"), references);

    // Act / Assert
    BOOST_CHECK_THROW(static_cast<void>(resolver.lookup("")), ReferenceException);
}

BOOST_AUTO_TEST_SUITE_END()
