#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.auth;

using pip::auth::CredentialParams;
using pip::auth::MemoryCredentialStore;
using pip::config::ConfigParams;

namespace {
using OptString = std::optional<std::string>;
}

BOOST_AUTO_TEST_SUITE(memory_credential_store)

BOOST_AUTO_TEST_CASE(lookup_of_an_unknown_key_is_empty) {
    // Arrange
    const MemoryCredentialStore store;

    // Act / Assert
    BOOST_TEST(!store.lookup("", "missing").has_value());
}

BOOST_AUTO_TEST_CASE(store_then_lookup_returns_the_credential) {
    // Arrange
    MemoryCredentialStore store;
    const auto credential = CredentialParams::from_string("username=jdoe;password=pw");

    // Act
    store.store("cid", "key1", credential);
    const auto found = store.lookup("cid", "key1");

    // Assert
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->to_string() == "username=jdoe;password=pw");
}

BOOST_AUTO_TEST_CASE(store_replaces_and_an_empty_credential_removes) {
    // Arrange
    MemoryCredentialStore store;
    store.store("", "key1", CredentialParams::from_string("username=first"));

    // Act
    store.store("", "key1", CredentialParams::from_string("username=second"));
    const auto replaced = store.lookup("", "key1");
    store.store("", "key1", std::nullopt);
    store.store("", "never-stored", std::nullopt);

    // Assert
    BOOST_TEST(replaced->get_username() == OptString("second"));
    BOOST_TEST(!store.lookup("", "key1").has_value());
}

BOOST_AUTO_TEST_CASE(configure_reads_one_section_per_key) {
    // Arrange
    const auto config = ConfigParams::from_string("key1.user=jdoe;key1.pass=pass123;key2.user=jsmith;key2.pass=mypass");

    // Act
    const MemoryCredentialStore store(config);

    // Assert
    BOOST_TEST(store.lookup("", "key1")->get_username() == OptString("jdoe"));
    BOOST_TEST(store.lookup("", "key1")->get_password() == OptString("pass123"));
    BOOST_TEST(store.lookup("", "key2")->get_username() == OptString("jsmith"));
    BOOST_TEST(store.lookup("", "key2")->get_password() == OptString("mypass"));
}

BOOST_AUTO_TEST_CASE(configure_reads_credential_strings_too) {
    // Arrange
    const auto config = ConfigParams::from_tuples("key1", "user=jdoe;pass=pass123", "key1.pass", "override");

    // Act
    const MemoryCredentialStore store(config);

    // Assert
    BOOST_TEST(store.lookup("", "key1")->to_string() == "user=jdoe;pass=override");
}

BOOST_AUTO_TEST_CASE(configure_replaces_everything_held_before) {
    // Arrange
    MemoryCredentialStore store;
    store.store("", "old", CredentialParams::from_string("user=old"));

    // Act
    store.configure(ConfigParams::from_string("new.user=new"));

    // Assert
    BOOST_TEST(!store.lookup("", "old").has_value());
    BOOST_TEST(store.lookup("", "new")->get_username() == OptString("new"));
}

BOOST_AUTO_TEST_CASE(keys_are_case_sensitive) {
    // Arrange
    MemoryCredentialStore store;
    store.store("", "Key", CredentialParams::from_string("user=a"));

    // Act / Assert
    BOOST_TEST(!store.lookup("", "key").has_value());
}

BOOST_AUTO_TEST_CASE(concurrent_store_and_lookup_are_safe) {
    // Arrange
    MemoryCredentialStore store;
    std::vector<std::thread> threads;

    // Act
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&store, t] {
            for (int i = 0; i < 500; ++i) {
                const auto key = "k" + std::to_string(i % 10);
                store.store("", key, CredentialParams::from_tuples("user", t));
                static_cast<void>(store.lookup("", key));
            }
        });
    for (auto& thread : threads) thread.join();

    // Assert
    BOOST_TEST(store.lookup("", "k0").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
