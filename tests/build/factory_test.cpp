#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.build;

using pip::build::CreateException;
using pip::build::Factory;
using pip::refer::AnyLocator;
using pip::refer::Descriptor;

namespace {

struct Logger {
    virtual ~Logger() = default;
    [[nodiscard]] virtual std::string name() const = 0;
};
struct ConsoleLogger final : Logger {
    [[nodiscard]] std::string name() const override { return "console"; }
};
struct Counter {
    int value = 0;
};

Descriptor console_logger() { return {"pip-services", "logger", "console", "*", "1.0"}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(factory)

// ---- registration -------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(register_as_type_creates_a_new_default_constructed_object_each_time) {
    // Arrange
    Factory factory;
    factory.register_as_type<Counter>("counter");

    // Act
    const auto first = factory.create<Counter>("counter");
    const auto second = factory.create<Counter>("counter");

    // Assert
    BOOST_REQUIRE(first);
    BOOST_REQUIRE(second);
    BOOST_TEST(first->value == 0);
    BOOST_TEST(first.get() != second.get());
}

BOOST_AUTO_TEST_CASE(register_factory_receives_the_requested_locator) {
    // Arrange
    Factory factory;
    std::string seen;
    factory.register_factory(Descriptor("g", "t", "*", "*", "*"), [&seen](const AnyLocator& locator) {
        seen = locator.to_string();
        return std::make_shared<Counter>();
    });

    // Act
    const auto component = factory.create(Descriptor("g", "t", "k", "n", "1.0"));

    // Assert
    BOOST_TEST(component != nullptr);
    BOOST_TEST(seen == "g:t:k:n:1.0");
}

BOOST_AUTO_TEST_CASE(null_factory_is_rejected) {
    // Arrange
    Factory factory;
    std::function<std::shared_ptr<Counter>(const AnyLocator&)> empty;
    std::shared_ptr<Counter> (*null_function)(const AnyLocator&) = nullptr;

    // Act / Assert
    BOOST_CHECK_EXCEPTION(factory.register_factory("a", empty), std::invalid_argument,
                          [](const auto& e) { return std::string(e.what()) == "Factory cannot be null"; });
    BOOST_CHECK_THROW(factory.register_factory("a", null_function), std::invalid_argument);
    BOOST_TEST(!factory.can_create("a").has_value());
}

// ---- can_create ---------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(can_create_returns_the_registered_locator_not_the_requested_one) {
    // Arrange
    Factory factory;
    factory.register_as_type<ConsoleLogger>(console_logger());

    // Act
    const auto found = factory.can_create(Descriptor("*", "logger", "console", "default", "*"));

    // Assert
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->to_string() == "pip-services:logger:console:*:1.0");
}

BOOST_AUTO_TEST_CASE(can_create_answers_nothing_for_unknown_locators_and_other_locator_types) {
    // Arrange
    Factory factory;
    factory.register_as_type<ConsoleLogger>(console_logger());
    factory.register_as_type<Counter>("counter");

    // Act / Assert
    BOOST_TEST(!factory.can_create(Descriptor("*", "logger", "file", "*", "*")).has_value());
    BOOST_TEST(!factory.can_create(111).has_value());
    BOOST_TEST(!factory.can_create("pip-services:logger:console:*:1.0").has_value());
    BOOST_TEST(factory.can_create("counter").has_value());
}

BOOST_AUTO_TEST_CASE(first_registration_in_registration_order_wins) {
    // Arrange
    Factory factory;
    factory.register_factory(Descriptor("g", "t", "*", "*", "*"), [](const AnyLocator&) {
        auto counter = std::make_shared<Counter>();
        counter->value = 1;
        return counter;
    });
    factory.register_factory(Descriptor("g", "t", "k", "*", "*"), [](const AnyLocator&) {
        auto counter = std::make_shared<Counter>();
        counter->value = 2;
        return counter;
    });

    // Act
    const auto created = factory.create<Counter>(Descriptor("g", "t", "k", "n", "1"));
    const auto locator = factory.can_create(Descriptor("g", "t", "k", "n", "1"));

    // Assert
    BOOST_TEST(created->value == 1);
    BOOST_TEST(locator->to_string() == "g:t:*:*:*");
}

// ---- create -------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(create_of_an_unknown_locator_returns_null) {
    // Arrange
    Factory factory;
    factory.register_as_type<ConsoleLogger>(console_logger());

    // Act / Assert
    BOOST_TEST(factory.create("123") == nullptr);
    BOOST_TEST(factory.create<Logger>(Descriptor("*", "logger", "file", "*", "*")) == nullptr);
}

BOOST_AUTO_TEST_CASE(typed_create_finds_the_object_through_its_interface) {
    // Arrange
    Factory factory;
    factory.register_as_type<ConsoleLogger>(console_logger());

    // Act
    const auto logger = factory.create<Logger>(Descriptor("pip-services", "logger", "console", "default", "1.0"));

    // Assert
    BOOST_REQUIRE(logger);
    BOOST_TEST(logger->name() == "console");
}

BOOST_AUTO_TEST_CASE(typed_create_of_the_wrong_type_throws_create_exception) {
    // Arrange
    Factory factory;
    factory.register_as_type<Counter>("counter");

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(factory.create<Logger>("counter")), CreateException, [](const auto& e) {
        return e.code() == "CANNOT_CREATE" && e.details().at("locator") == "counter";
    });
}

BOOST_AUTO_TEST_CASE(create_exception_from_a_factory_passes_through_unchanged) {
    // Arrange
    Factory factory;
    factory.register_factory("broken", [](const AnyLocator&) -> std::shared_ptr<Counter> {
        throw CreateException("cid", "original message");
    });

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(factory.create("broken")), CreateException, [](const auto& e) {
        return e.message() == "original message" && e.correlation_id() == "cid" && !e.cause();
    });
}

BOOST_AUTO_TEST_CASE(other_exceptions_are_wrapped_with_the_cause_kept) {
    // Arrange
    Factory factory;
    factory.register_factory(Descriptor("g", "t", "*", "*", "*"), [](const AnyLocator&) -> std::shared_ptr<Counter> {
        throw std::runtime_error("disk full");
    });

    // Act / Assert
    BOOST_CHECK_EXCEPTION(static_cast<void>(factory.create(Descriptor("g", "t", "k", "n", "1"))), CreateException,
                          [](const CreateException& e) {
                              return e.message() == "Failed to create object for g:t:k:n:1" &&
                                     e.code() == "CANNOT_CREATE" && e.cause_message() == "disk full";
                          });
}

BOOST_AUTO_TEST_CASE(a_factory_returning_null_creates_nothing) {
    // Arrange
    Factory factory;
    factory.register_factory("nothing", [](const AnyLocator&) { return std::shared_ptr<Counter>(); });

    // Act / Assert
    BOOST_TEST(factory.can_create("nothing").has_value());
    BOOST_TEST(factory.create("nothing") == nullptr);
    BOOST_TEST(factory.create<Counter>("nothing") == nullptr);
}

BOOST_AUTO_TEST_CASE(a_creator_returning_shared_ptr_to_void_is_available_untyped_only) {
    // Arrange
    Factory factory;
    const std::function<std::shared_ptr<void>(const AnyLocator&)> creator = [](const AnyLocator&) {
        return std::make_shared<Counter>();
    };
    factory.register_factory("opaque", creator);

    // Act
    const auto untyped = factory.create("opaque");

    // Assert
    BOOST_TEST(untyped != nullptr);
    BOOST_CHECK_THROW(static_cast<void>(factory.create<Counter>("opaque")), CreateException);
}

BOOST_AUTO_TEST_CASE(works_through_the_ifactory_interface) {
    // Arrange
    auto factory = std::make_shared<Factory>();
    factory->register_as_type<ConsoleLogger>(console_logger());
    const std::shared_ptr<const pip::build::IFactory> interface = factory;

    // Act
    const auto logger = interface->create<Logger>(Descriptor("pip-services", "logger", "console", "x", "1.0"));

    // Assert
    BOOST_REQUIRE(logger);
    BOOST_TEST(logger->name() == "console");
}

BOOST_AUTO_TEST_SUITE_END()
