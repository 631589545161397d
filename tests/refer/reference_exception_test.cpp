#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.refer;

using namespace pip::refer;

namespace reference_exception_test {

struct Tagged {
    std::string tag;
    [[nodiscard]] std::string to_string() const { return "tag=" + tag; }
    friend bool operator==(const Tagged&, const Tagged&) = default;
};

struct Untagged {
    int id = 0;
    friend bool operator==(const Untagged&, const Untagged&) = default;
};

}  // namespace reference_exception_test

using namespace reference_exception_test;

BOOST_AUTO_TEST_SUITE(reference_exception)

BOOST_AUTO_TEST_CASE(names_a_descriptor_locator) {
    // Act
    const ReferenceException error({}, Descriptor("*", "discovery", "*", "*", "*"));

    // Assert
    BOOST_TEST(error.code() == "REF_ERROR");
    BOOST_TEST(error.message() == "Failed to obtain reference to *:discovery:*:*:*");
    BOOST_TEST(std::string(error.what()) == "Failed to obtain reference to *:discovery:*:*:*");
    BOOST_TEST(error.details().at("locator") == "*:discovery:*:*:*");
    BOOST_TEST(error.details().size() == 1U);
}

BOOST_AUTO_TEST_CASE(is_an_internal_error_with_status_500) {
    // Act
    const ReferenceException error({}, "x");

    // Assert
    BOOST_TEST(error.category() == "Internal");
    BOOST_TEST(error.status() == 500);
    BOOST_TEST(error.correlation_id().empty());
    BOOST_TEST(!error.cause());
}

BOOST_AUTO_TEST_CASE(names_string_integer_and_user_locators) {
    BOOST_TEST(ReferenceException({}, "Reference1").message() == "Failed to obtain reference to Reference1");
    BOOST_TEST(ReferenceException({}, std::string("db")).details().at("locator") == "db");
    BOOST_TEST(ReferenceException({}, 42).message() == "Failed to obtain reference to 42");
    BOOST_TEST(ReferenceException({}, -7L).details().at("locator") == "-7");
    BOOST_TEST(ReferenceException({}, Tagged{"a"}).message() == "Failed to obtain reference to tag=a");
    BOOST_TEST(ReferenceException({}, "g:t:k:n:1.0"_descriptor).details().at("locator") == "g:t:k:n:1.0");
}

BOOST_AUTO_TEST_CASE(names_the_type_of_a_locator_without_text) {
    // Act
    const ReferenceException error({}, Untagged{1});

    // Assert
    BOOST_TEST(error.message() == "Failed to obtain reference to <locator of type reference_exception_test::Untagged>");
}

BOOST_AUTO_TEST_CASE(names_an_empty_string_locator) {
    // Act
    const ReferenceException error({}, "");

    // Assert
    BOOST_TEST(error.message() == "Failed to obtain reference to ");
    BOOST_TEST(error.details().at("locator").empty());
}

BOOST_AUTO_TEST_CASE(keeps_the_correlation_id) {
    BOOST_TEST(ReferenceException("cid-123", "x").correlation_id() == "cid-123");
}

BOOST_AUTO_TEST_CASE(builders_keep_the_derived_type) {
    // Act / Assert: throwing the builder's result must still be catchable as ReferenceException
    try {
        throw ReferenceException({}, "x").with_details("extra", "1").with_correlation_id("cid");
    } catch (const ReferenceException& error) {
        BOOST_TEST(error.details().at("extra") == "1");
        BOOST_TEST(error.details().at("locator") == "x");
        BOOST_TEST(error.correlation_id() == "cid");
        return;
    }
    BOOST_FAIL("the thrown exception was sliced");
}

BOOST_AUTO_TEST_CASE(is_catchable_through_its_bases) {
    BOOST_CHECK_THROW(throw ReferenceException({}, "x"), pip::errors::InternalException);
    BOOST_CHECK_THROW(throw ReferenceException({}, "x"), pip::errors::ApplicationException);
    BOOST_CHECK_THROW(throw ReferenceException({}, "x"), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()
