#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.build;

using pip::build::CreateException;
using pip::refer::Descriptor;

BOOST_AUTO_TEST_SUITE(create_exception)

BOOST_AUTO_TEST_CASE(is_an_internal_exception_with_code_cannot_create) {
    // Arrange / Act
    const CreateException error("cid", "Something went wrong");

    // Assert
    const pip::errors::InternalException& internal = error;
    BOOST_TEST(internal.category() == "Internal");
    BOOST_TEST(error.code() == "CANNOT_CREATE");
    BOOST_TEST(error.status() == 500);
    BOOST_TEST(error.correlation_id() == "cid");
    BOOST_TEST(std::string(error.what()) == "Something went wrong");
}

BOOST_AUTO_TEST_CASE(default_message_is_unknown_error) {
    // Arrange / Act
    const CreateException error;

    // Assert
    BOOST_TEST(error.message() == "Unknown error");
    BOOST_TEST(error.code() == "CANNOT_CREATE");
}

BOOST_AUTO_TEST_CASE(for_locator_names_the_locator_in_message_and_details) {
    // Arrange
    const Descriptor locator("pip-services", "logger", "console", "default", "1.0");

    // Act
    const auto error = CreateException::for_locator("cid", locator);

    // Assert
    BOOST_TEST(error.message() == "Requested component pip-services:logger:console:default:1.0 cannot be created");
    BOOST_TEST(error.details().at("locator") == "pip-services:logger:console:default:1.0");
    BOOST_TEST(error.code() == "CANNOT_CREATE");
}

BOOST_AUTO_TEST_CASE(builders_keep_the_exact_type) {
    // Arrange / Act / Assert
    BOOST_CHECK_THROW(throw CreateException("", "x").with_details("k", "v"), CreateException);
}

BOOST_AUTO_TEST_SUITE_END()
