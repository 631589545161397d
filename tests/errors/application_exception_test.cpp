#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.errors;

using namespace pip::errors;

namespace {

// Every category-fixed subclass must report its category and status, and keep the derived type through
// the builders. One generic check, instantiated per class below.
template <class E>
void check_subclass(std::string_view category, int status) {
    // Arrange / Act
    const E defaulted;
    const E given("cid-1", "SOME_CODE", "some message");

    // Assert
    BOOST_TEST(defaulted.category() == category);
    BOOST_TEST(defaulted.status() == status);
    BOOST_TEST(defaulted.code() == "UNKNOWN");
    BOOST_TEST(defaulted.message() == "Unknown error");
    BOOST_TEST(defaulted.correlation_id().empty());
    BOOST_TEST(defaulted.details().empty());
    BOOST_TEST(!defaulted.cause());

    BOOST_TEST(given.category() == category);
    BOOST_TEST(given.status() == status);
    BOOST_TEST(given.correlation_id() == "cid-1");
    BOOST_TEST(given.code() == "SOME_CODE");
    BOOST_TEST(given.message() == "some message");
    BOOST_TEST(std::string_view(given.what()) == "some message");

    static_assert(std::derived_from<E, ApplicationException>);
    static_assert(std::same_as<decltype(std::declval<E&>().with_code("")), E&>);
    static_assert(std::same_as<decltype(std::declval<E&>().with_status(1)), E&>);
    static_assert(std::same_as<decltype(std::declval<E&>().with_details("", "")), E&>);
    static_assert(std::same_as<decltype(std::declval<E&>().with_correlation_id("")), E&>);
    static_assert(std::same_as<decltype(std::declval<E&>().with_cause(std::exception_ptr{})), E&>);
}

// Throws `E` built through a chain of builders and reports whether it was caught as exactly `E`.
template <class E>
bool thrown_through_builders_is_caught_as_itself() {
    try {
        throw E("cid", "CODE", "msg")
            .with_details("k", "v")
            .with_correlation_id("cid-2")
            .with_code("CODE2")
            .with_cause(std::make_exception_ptr(std::runtime_error("inner")));
    } catch (const E& e) {
        return typeid(e) == typeid(E) && e.code() == "CODE2" && e.correlation_id() == "cid-2" &&
               e.details().at("k") == "v" && e.cause_message() == "inner";
    } catch (...) {
        return false;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(application_exception)

BOOST_AUTO_TEST_CASE(defaults_match_pip) {
    const ApplicationException error;
    BOOST_TEST(error.category() == "Unknown");
    BOOST_TEST(error.code() == "UNKNOWN");
    BOOST_TEST(error.message() == "Unknown error");
    BOOST_TEST(error.status() == 500);
}

BOOST_AUTO_TEST_CASE(default_construction_has_no_correlation_id_details_or_cause) {
    // Arrange / Act
    const ApplicationException error;

    // Assert
    BOOST_TEST(error.correlation_id().empty());
    BOOST_TEST(error.details().empty());
    BOOST_TEST(!error.cause());
    BOOST_TEST(error.cause_message().empty());
    BOOST_TEST(std::string_view(error.what()) == "Unknown error");
}

BOOST_AUTO_TEST_CASE(constructor_stores_every_argument) {
    // Arrange / Act
    const ApplicationException error(ErrorCategory::Conflict, "cid-9", "MY_CODE", "it broke");

    // Assert
    BOOST_TEST(error.category() == "Conflict");
    BOOST_TEST(error.correlation_id() == "cid-9");
    BOOST_TEST(error.code() == "MY_CODE");
    BOOST_TEST(error.message() == "it broke");
    BOOST_TEST(error.status() == 500);  // the base class never derives the status from the category
}

BOOST_AUTO_TEST_CASE(empty_arguments_fall_back_to_the_defaults) {
    // Arrange / Act
    const ApplicationException error("", "", "", "");

    // Assert
    BOOST_TEST(error.category() == "Unknown");
    BOOST_TEST(error.code() == "UNKNOWN");
    BOOST_TEST(error.message() == "Unknown error");
    BOOST_TEST(error.correlation_id().empty());
}

BOOST_AUTO_TEST_CASE(error_categories_equal_their_names) {
    BOOST_TEST(ErrorCategory::Unknown == "Unknown");
    BOOST_TEST(ErrorCategory::Internal == "Internal");
    BOOST_TEST(ErrorCategory::Misconfiguration == "Misconfiguration");
    BOOST_TEST(ErrorCategory::InvalidState == "InvalidState");
    BOOST_TEST(ErrorCategory::NoResponse == "NoResponse");
    BOOST_TEST(ErrorCategory::FailedInvocation == "FailedInvocation");
    BOOST_TEST(ErrorCategory::FileError == "FileError");
    BOOST_TEST(ErrorCategory::BadRequest == "BadRequest");
    BOOST_TEST(ErrorCategory::Unauthorized == "Unauthorized");
    BOOST_TEST(ErrorCategory::NotFound == "NotFound");
    BOOST_TEST(ErrorCategory::Conflict == "Conflict");
    BOOST_TEST(ErrorCategory::Unsupported == "Unsupported");
}

BOOST_AUTO_TEST_CASE(config_exception_is_misconfiguration_500) { check_subclass<ConfigException>("Misconfiguration", 500); }
BOOST_AUTO_TEST_CASE(internal_exception_is_internal_500) { check_subclass<InternalException>("Internal", 500); }
BOOST_AUTO_TEST_CASE(connection_exception_is_no_response_500) { check_subclass<ConnectionException>("NoResponse", 500); }
BOOST_AUTO_TEST_CASE(bad_request_exception_is_400) { check_subclass<BadRequestException>("BadRequest", 400); }
BOOST_AUTO_TEST_CASE(unauthorized_exception_is_401) { check_subclass<UnauthorizedException>("Unauthorized", 401); }
BOOST_AUTO_TEST_CASE(not_found_exception_is_404) { check_subclass<NotFoundException>("NotFound", 404); }
BOOST_AUTO_TEST_CASE(conflict_exception_is_409) { check_subclass<ConflictException>("Conflict", 409); }
BOOST_AUTO_TEST_CASE(invalid_state_exception_is_500) { check_subclass<InvalidStateException>("InvalidState", 500); }
BOOST_AUTO_TEST_CASE(invocation_exception_is_failed_invocation_500) {
    check_subclass<InvocationException>("FailedInvocation", 500);
}
BOOST_AUTO_TEST_CASE(file_exception_is_file_error_500) { check_subclass<FileException>("FileError", 500); }
BOOST_AUTO_TEST_CASE(unknown_exception_is_500) { check_subclass<UnknownException>("Unknown", 500); }
BOOST_AUTO_TEST_CASE(unsupported_exception_is_500) { check_subclass<UnsupportedException>("Unsupported", 500); }

BOOST_AUTO_TEST_CASE(internal_exception_can_be_derived_from) {
    // ReferenceException and CreateException (pip.refer, pip.build) derive from InternalException.
    static_assert(!std::is_final_v<InternalException>);
    static_assert(std::derived_from<InternalException, ApplicationException>);
    static_assert(std::derived_from<ApplicationException, std::exception>);
}

BOOST_AUTO_TEST_CASE(with_code_sets_the_code) {
    // Arrange
    ApplicationException error;

    // Act
    auto& result = error.with_code("NEW_CODE");

    // Assert
    BOOST_TEST(&result == &error);
    BOOST_TEST(error.code() == "NEW_CODE");
}

BOOST_AUTO_TEST_CASE(with_code_empty_resets_to_unknown) {
    // Arrange
    NotFoundException error("", "MISSING");

    // Act
    error.with_code("");

    // Assert
    BOOST_TEST(error.code() == "UNKNOWN");
}

BOOST_AUTO_TEST_CASE(with_status_sets_the_status_on_base_and_subclasses) {
    // Arrange
    ApplicationException base;
    ConflictException conflict;

    // Act
    base.with_status(418);
    conflict.with_status(0);

    // Assert
    BOOST_TEST(base.status() == 418);
    BOOST_TEST(conflict.status() == 0);
    BOOST_TEST(conflict.category() == "Conflict");  // status changes do not touch the category
}

BOOST_AUTO_TEST_CASE(with_details_creates_and_overwrites_entries) {
    // Arrange
    ConfigException error;

    // Act
    error.with_details("b", "2").with_details("a", "1").with_details("b", "two").with_details("empty", "");

    // Assert
    BOOST_TEST(error.details().size() == 3U);
    BOOST_TEST(error.details().at("a") == "1");
    BOOST_TEST(error.details().at("b") == "two");
    BOOST_TEST(error.details().at("empty") == "");
    BOOST_TEST(error.details().contains("b"));
    BOOST_TEST(!error.details().contains("c"));
}

BOOST_AUTO_TEST_CASE(details_iterate_in_key_order) {
    // Arrange
    ApplicationException error;
    error.with_details("zeta", "z").with_details("alpha", "a").with_details("mid", "m");

    // Act
    std::string keys;
    for (const auto& [key, value] : error.details()) keys += key + ",";

    // Assert
    BOOST_TEST(keys == "alpha,mid,zeta,");
}

BOOST_AUTO_TEST_CASE(with_cause_keeps_the_original_exception) {
    // Arrange
    ApplicationException error;
    const auto inner = std::make_exception_ptr(std::out_of_range("index 7"));

    // Act
    error.with_cause(inner);

    // Assert
    BOOST_TEST(static_cast<bool>(error.cause()));
    BOOST_TEST((error.cause() == inner));
    BOOST_TEST(error.cause_message() == "index 7");
    BOOST_CHECK_THROW(std::rethrow_exception(error.cause()), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(with_cause_accepts_an_application_exception) {
    // Arrange
    const auto inner = std::make_exception_ptr(ConnectionException("c", "NO_CONN", "cannot connect"));

    // Act
    InternalException error("c", "WRAPPED", "outer");
    error.with_cause(inner);

    // Assert
    BOOST_TEST(error.cause_message() == "cannot connect");
    try {
        std::rethrow_exception(error.cause());
    } catch (const ConnectionException& e) {
        BOOST_TEST(e.code() == "NO_CONN");
        return;
    } catch (...) {
    }
    BOOST_FAIL("the cause lost its type");
}

BOOST_AUTO_TEST_CASE(cause_message_is_empty_for_a_non_std_exception_cause) {
    // Arrange
    ApplicationException error;

    // Act
    error.with_cause(std::make_exception_ptr(42));

    // Assert
    BOOST_TEST(static_cast<bool>(error.cause()));
    BOOST_TEST(error.cause_message().empty());
}

BOOST_AUTO_TEST_CASE(with_cause_null_clears_the_cause) {
    // Arrange
    ApplicationException error;
    error.with_cause(std::make_exception_ptr(std::runtime_error("x")));

    // Act
    error.with_cause(nullptr);

    // Assert
    BOOST_TEST(!error.cause());
    BOOST_TEST(error.cause_message().empty());
}

BOOST_AUTO_TEST_CASE(with_cause_captures_the_current_exception) {
    // Arrange
    ApplicationException error;

    // Act
    try {
        throw std::invalid_argument("bad arg");
    } catch (...) {
        error.with_cause(std::current_exception());
    }

    // Assert
    BOOST_TEST(error.cause_message() == "bad arg");
}

BOOST_AUTO_TEST_CASE(with_correlation_id_sets_the_id) {
    // Arrange
    BadRequestException error("old");

    // Act
    auto& result = error.with_correlation_id("new-id");

    // Assert
    BOOST_TEST(&result == &error);
    BOOST_TEST(error.correlation_id() == "new-id");
}

BOOST_AUTO_TEST_CASE(base_builders_return_the_base) {
    static_assert(std::same_as<decltype(std::declval<ApplicationException&>().with_code("")), ApplicationException&>);
    static_assert(
        std::same_as<decltype(std::declval<ApplicationException&>().with_details("", "")), ApplicationException&>);
    BOOST_TEST(true);
}

BOOST_AUTO_TEST_CASE(builders_keep_the_thrown_type) {
    try {
        throw ConfigException("cid", "BAD", "bad config").with_details("key", "k1").with_status(400);
    } catch (const ConfigException& e) {
        BOOST_TEST(e.category() == "Misconfiguration");
        BOOST_TEST(e.code() == "BAD");
        BOOST_TEST(e.status() == 400);
        BOOST_TEST(e.details().at("key") == "k1");
        BOOST_TEST(e.correlation_id() == "cid");
        return;
    }
    BOOST_FAIL("ConfigException was sliced");
}

BOOST_AUTO_TEST_CASE(every_subclass_survives_a_builder_chain_throw) {
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<ConfigException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<InternalException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<ConnectionException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<BadRequestException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<UnauthorizedException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<NotFoundException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<ConflictException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<InvalidStateException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<InvocationException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<FileException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<UnknownException>());
    BOOST_TEST(thrown_through_builders_is_caught_as_itself<UnsupportedException>());
}

BOOST_AUTO_TEST_CASE(subclass_is_caught_as_application_exception) {
    try {
        throw NotFoundException("cid", "NO_SUCH", "no such thing").with_details("id", "42");
    } catch (const ApplicationException& e) {
        BOOST_TEST(e.category() == "NotFound");
        BOOST_TEST(e.status() == 404);
        BOOST_TEST(e.details().at("id") == "42");
        BOOST_TEST((typeid(e) == typeid(NotFoundException)));
        return;
    }
    BOOST_FAIL("not caught as ApplicationException");
}

BOOST_AUTO_TEST_CASE(caught_as_std_exception_what_is_the_message) {
    try {
        throw UnauthorizedException("cid", "DENIED", "access denied").with_code("DENIED2");
    } catch (const std::exception& e) {
        BOOST_TEST(std::string_view(e.what()) == "access denied");
        return;
    }
    BOOST_FAIL("not caught as std::exception");
}

BOOST_AUTO_TEST_CASE(default_message_is_what_when_caught_as_std_exception) {
    try {
        throw InternalException();
    } catch (const std::exception& e) {
        BOOST_TEST(std::string_view(e.what()) == "Unknown error");
        return;
    }
    BOOST_FAIL("not caught as std::exception");
}

BOOST_AUTO_TEST_CASE(copies_keep_every_field) {
    // Arrange
    ConflictException original("cid", "DUP", "duplicate");
    original.with_details("k", "v").with_cause(std::make_exception_ptr(std::runtime_error("root")));

    // Act
    const ConflictException copy = original;  // NOLINT(performance-unnecessary-copy-initialization)

    // Assert
    BOOST_TEST(copy.category() == "Conflict");
    BOOST_TEST(copy.status() == 409);
    BOOST_TEST(copy.code() == "DUP");
    BOOST_TEST(copy.message() == "duplicate");
    BOOST_TEST(copy.correlation_id() == "cid");
    BOOST_TEST(copy.details().at("k") == "v");
    BOOST_TEST(copy.cause_message() == "root");
}

BOOST_AUTO_TEST_CASE(long_and_binary_texts_are_kept_verbatim) {
    // Arrange
    const std::string long_message(100'000, 'x');
    const std::string binary_key("k\0ey", 4);
    const std::string binary_value("v\0al", 4);

    // Act
    ApplicationException error("", "", "", long_message);
    error.with_details(binary_key, binary_value);

    // Assert
    BOOST_TEST(error.message().size() == 100'000U);
    BOOST_TEST(error.details().at(binary_key) == binary_value);
    BOOST_TEST(error.details().at(binary_key).size() == 4U);
}

BOOST_AUTO_TEST_SUITE_END()
