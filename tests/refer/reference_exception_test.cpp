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

struct ILogger {
    virtual ~ILogger() = default;
};
struct IWriter {
    virtual ~IWriter() = default;
};
struct FileWriter : IWriter {};
struct ConsoleLogger : ILogger {};

template <class Action>
std::optional<ReferenceException> thrown(Action&& action) {
    try {
        action();
    } catch (const ReferenceException& error) {
        return error;
    }
    return std::nullopt;
}

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

// --- what a failed lookup saw ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_lookup_that_matched_other_types_lists_them_once_each_with_counts) {
    // Arrange: the types a lookup saw, newest first; the third kind is a const component
    const AnyLocator locator("log");
    const std::vector<MatchedComponent> matched{{&typeid(FileWriter), &typeid(IWriter)},
                                                {&typeid(int), &typeid(int)},
                                                {&typeid(FileWriter), &typeid(IWriter)},
                                                {&typeid(ConsoleLogger), &typeid(ConsoleLogger), true}};

    // Act
    const ReferenceException error({}, LookupFailure{.locator = locator, .wanted = typeid(ILogger), .matched = matched});

    // Assert
    BOOST_TEST(error.message() ==
               "Failed to obtain reference to log: 4 components match but none is of type "
               "reference_exception_test::ILogger: reference_exception_test::FileWriter put as "
               "reference_exception_test::IWriter (2), int, reference_exception_test::ConsoleLogger put as const "
               "reference_exception_test::ConsoleLogger");
    BOOST_TEST(error.code() == "REF_ERROR");
    BOOST_TEST(error.details().at("locator") == "log");
    BOOST_TEST(error.details().at("expected_type") == "reference_exception_test::ILogger");
    BOOST_TEST(error.details().at("components_of_other_types") == "4");
}

BOOST_AUTO_TEST_CASE(a_long_list_of_other_types_is_cut_after_five_kinds) {
    // Arrange
    const AnyLocator locator(7);
    const std::vector<MatchedComponent> matched{
        {&typeid(int), &typeid(int)},       {&typeid(long), &typeid(long)},     {&typeid(short), &typeid(short)},
        {&typeid(char), &typeid(char)},     {&typeid(float), &typeid(float)},   {&typeid(double), &typeid(double)},
        {&typeid(bool), &typeid(bool)},     {&typeid(int), &typeid(int)}};

    // Act
    const auto message = lookup_failure_message({.locator = locator, .wanted = typeid(ILogger), .matched = matched});

    // Assert
    BOOST_TEST(message == "Failed to obtain reference to 7: 8 components match but none is of type "
                          "reference_exception_test::ILogger: int (2), long, short, char, float and 2 more");
}

BOOST_AUTO_TEST_CASE(a_lookup_of_the_wrong_type_says_what_matched) {
    // Arrange
    References references;
    references.put("log", std::shared_ptr<IWriter>(std::make_shared<FileWriter>()));

    // Act
    const auto error = thrown([&] { static_cast<void>(references.get_one_required<ILogger>("log")); });

    // Assert
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->message() == "Failed to obtain reference to log: 1 component matches but none is of type "
                                   "reference_exception_test::ILogger: reference_exception_test::FileWriter put as "
                                   "reference_exception_test::IWriter");
}

BOOST_AUTO_TEST_CASE(get_one_before_names_only_the_older_matches) {
    // Arrange
    References references;
    const auto newest = std::make_shared<ConsoleLogger>();
    references.put("log", std::make_shared<FileWriter>());
    references.put("log", newest);

    // Act
    const auto error = thrown([&] { static_cast<void>(references.get_one_before<ILogger>(newest, "log")); });

    // Assert
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->message() == "Failed to obtain reference to log: 1 component matches but none is of type "
                                   "reference_exception_test::ILogger: reference_exception_test::FileWriter");
}

BOOST_AUTO_TEST_CASE(a_string_spelling_a_registered_descriptor_hints_at_it) {
    // Arrange
    References references;
    references.put(Descriptor("pip", "logger", "console", "default", "1.0"), std::make_shared<ConsoleLogger>());

    // Act
    const auto one = thrown([&] { static_cast<void>(references.get_one_required<ILogger>("pip:logger:*:*:1.0")); });
    const auto all = thrown([&] { static_cast<void>(references.get_required("pip:logger:*:*:1.0")); });
    const auto other = thrown([&] { static_cast<void>(references.get_one_required("pip:store:*:*:1.0")); });
    const auto plain = thrown([&] { static_cast<void>(references.get_one_required("logger")); });

    // Assert: a hint only when the descriptor the string spells finds something
    for (const auto& error : {one, all}) {
        BOOST_TEST_REQUIRE(error.has_value());
        BOOST_TEST(error->message() ==
                   "Failed to obtain reference to pip:logger:*:*:1.0: no component is registered under this string, "
                   "but 1 is under the descriptor it spells (look it up with Descriptor::from_string or a "
                   "_descriptor literal)");
        BOOST_TEST(error->details().at("locator") == "pip:logger:*:*:1.0");
    }
    BOOST_TEST_REQUIRE(other.has_value());
    BOOST_TEST(other->message() == "Failed to obtain reference to pip:store:*:*:1.0");
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->message() == "Failed to obtain reference to logger");
}

BOOST_AUTO_TEST_CASE(a_lookup_that_matched_nothing_keeps_pips_message) {
    // Arrange
    References references;
    references.put("other", std::make_shared<ConsoleLogger>());

    // Act
    const auto error = thrown([&] { static_cast<void>(references.get_one_required<ILogger>("g:t:*:*:1.0"_descriptor)); });

    // Assert
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->message() == "Failed to obtain reference to g:t:*:*:1.0");
    BOOST_TEST(error->details().size() == 1U);
}

// --- a component that failed to take or drop its references ------------------------------------------------------

BOOST_AUTO_TEST_CASE(component_failed_names_the_component_and_keeps_the_cause) {
    // Arrange
    const auto cause = std::make_exception_ptr(std::runtime_error("disk full"));
    const AnyLocator locator(Descriptor("pip", "logger", "file", "default", "1.0"));

    // Act
    const auto error = ReferenceException::component_failed("set_references", &locator, typeid(FileWriter), cause);

    // Assert
    BOOST_TEST(error.message() == "set_references failed for component pip:logger:file:default:1.0 of type "
                                  "reference_exception_test::FileWriter: disk full");
    BOOST_TEST(error.code() == "REF_ERROR");
    BOOST_TEST(error.details().at("component") == "pip:logger:file:default:1.0");
    BOOST_TEST(error.details().at("component_type") == "reference_exception_test::FileWriter");
    BOOST_TEST((error.cause() == cause));
}

BOOST_AUTO_TEST_CASE(component_failed_carries_a_pip_causes_correlation_id_and_details) {
    // Arrange
    const auto cause = std::make_exception_ptr(
        pip::errors::ConfigException("cid-9", "NO_TABLE", "no table").with_details("table", "users"));

    // Act
    const auto error = ReferenceException::component_failed("unset_references", nullptr, typeid(int), cause);

    // Assert
    BOOST_TEST(error.message() == "unset_references failed for a component of type int: no table");
    BOOST_TEST(error.correlation_id() == "cid-9");
    BOOST_TEST(error.details().at("table") == "users");
    BOOST_TEST(!error.details().contains("component"));
    BOOST_TEST(error.cause_message() == "no table");
}

BOOST_AUTO_TEST_CASE(component_failed_with_a_cause_that_is_not_a_std_exception) {
    // Act
    const auto error = ReferenceException::component_failed("set_references", nullptr, typeid(int),
                                                            std::make_exception_ptr(42));

    // Assert
    BOOST_TEST(error.message() ==
               "set_references failed for a component of type int: an exception that is not a std::exception");
}

BOOST_AUTO_TEST_SUITE_END()
