#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.connect;

using pip::connect::DefaultDiscoveryFactory;
using pip::connect::IDiscovery;
using pip::connect::MemoryDiscovery;
using pip::refer::Descriptor;

BOOST_AUTO_TEST_SUITE(default_discovery_factory)

BOOST_AUTO_TEST_CASE(descriptors) {
    // Arrange / Act / Assert
    BOOST_TEST(DefaultDiscoveryFactory::descriptor().to_string() == "pip-services:factory:discovery:default:1.0");
    BOOST_TEST(DefaultDiscoveryFactory::memory_discovery_descriptor().to_string() ==
               "pip-services:discovery:memory:*:1.0");
}

BOOST_AUTO_TEST_CASE(can_create_memory_discovery_returns_the_registered_descriptor) {
    // Arrange: [verified] can_create(*:discovery:memory:*:*) -> pip-services:discovery:memory:*:1.0
    const DefaultDiscoveryFactory factory;

    // Act
    const auto locator = factory.can_create(Descriptor("*", "discovery", "memory", "*", "*"));

    // Assert
    BOOST_REQUIRE(locator.has_value());
    BOOST_TEST(locator->to_string() == "pip-services:discovery:memory:*:1.0");
}

BOOST_AUTO_TEST_CASE(can_create_other_discoveries_is_empty) {
    // Arrange: [verified] can_create(*:discovery:redis:*:*) -> None
    const DefaultDiscoveryFactory factory;

    // Act / Assert
    BOOST_TEST(!factory.can_create(Descriptor("*", "discovery", "redis", "*", "*")).has_value());
    BOOST_TEST(!factory.can_create(Descriptor("pip-services", "discovery", "memory", "default", "2.0")).has_value());
}

BOOST_AUTO_TEST_CASE(create_makes_a_new_memory_discovery) {
    // Arrange: [verified] create(pip-services:discovery:memory:default:1.0) -> a new MemoryDiscovery
    const DefaultDiscoveryFactory factory;
    const Descriptor locator("pip-services", "discovery", "memory", "default", "1.0");

    // Act
    const auto first = factory.create<MemoryDiscovery>(locator);
    const auto second = factory.create<IDiscovery>(locator);
    const auto untyped = factory.create(locator);

    // Assert
    BOOST_REQUIRE(first);
    BOOST_REQUIRE(second);
    BOOST_TEST(untyped != nullptr);
    BOOST_TEST(static_cast<IDiscovery*>(first.get()) != second.get());
    BOOST_TEST(!second->resolve_one("", "any").has_value());
}

BOOST_AUTO_TEST_CASE(create_of_an_unknown_locator_is_null) {
    // Arrange: [verified] unknown -> None
    const DefaultDiscoveryFactory factory;

    // Act / Assert
    BOOST_TEST(factory.create(Descriptor("*", "discovery", "redis", "*", "*")) == nullptr);
    BOOST_TEST(factory.create<IDiscovery>("memory") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
