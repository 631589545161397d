// DependencyResolver configured with malformed descriptors: the text is kept as a plain string locator
// (contract in modules/refer/dependency_resolver.ipp), so configuring never throws and lookups fail only
// the way any missing dependency fails.
#include <boost/test/unit_test.hpp>
#include <memory>
#include <stdexcept>
#include <string>
import pip.refer;

using namespace pip::refer;
using pip::config::ConfigParams;

namespace {

ConfigParams malformed_dependencies() {
    return ConfigParams::from_tuples("dependencies.too_few", "a:b:c", "dependencies.too_many", "a:b:c:d:e:f",
                                     "dependencies.good", "g:t:k:n:1.0", "dependencies.blank", "",
                                     "dependencies.colons", "::::::::");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dependency_resolver_failure)

BOOST_AUTO_TEST_CASE(malformed_descriptors_become_string_locators) {
    // Act
    const DependencyResolver resolver(malformed_dependencies());
    // Assert
    for (const auto* name : {"too_few", "too_many", "colons"}) {
        const auto* locator = resolver.get_locator(name);
        BOOST_REQUIRE(locator != nullptr);
        BOOST_TEST(locator->descriptor() == nullptr);
        BOOST_TEST(locator->string() != nullptr);
    }
    BOOST_TEST(*resolver.get_locator("too_few")->string() == "a:b:c");
    BOOST_TEST(*resolver.get_locator("blank")->string() == "");
    BOOST_TEST(resolver.get_locator("good")->descriptor() != nullptr);
}

BOOST_AUTO_TEST_CASE(a_malformed_descriptor_finds_only_components_under_that_exact_string) {
    // Arrange
    References references;
    references.put(Descriptor("a", "b", "c", "*", "*"), std::make_shared<std::string>("descriptor-keyed"));
    references.put("a:b:c", std::make_shared<std::string>("string-keyed"));
    const DependencyResolver resolver(malformed_dependencies(), references);
    // Act
    const auto found = resolver.get_optional<std::string>("too_few");
    // Assert
    BOOST_REQUIRE(found.size() == 1U);
    BOOST_TEST(*found.front() == "string-keyed");
}

BOOST_AUTO_TEST_CASE(a_missing_malformed_dependency_is_a_reference_exception_naming_the_text) {
    // Arrange
    References references;
    const DependencyResolver resolver(malformed_dependencies(), references);
    // Act / Assert
    BOOST_TEST(resolver.get_one_optional("too_many") == nullptr);
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.get_one_required("too_many")), ReferenceException,
                          [](const ReferenceException& e) {
                              return e.code() == "REF_ERROR" && e.details().at("locator") == "a:b:c:d:e:f" &&
                                     e.message() == "Failed to obtain reference to a:b:c:d:e:f for dependency \"too_many\"";
                          });
    BOOST_CHECK_EXCEPTION(static_cast<void>(resolver.get_required("unknown")), ReferenceException,
                          [](const ReferenceException& e) { return e.details().at("locator") == "unknown"; });
}

BOOST_AUTO_TEST_CASE(lookups_before_set_references_are_a_logic_error) {
    const DependencyResolver resolver(malformed_dependencies());
    BOOST_CHECK_THROW(static_cast<void>(resolver.get_optional("too_few")), std::logic_error);
    BOOST_CHECK_THROW(static_cast<void>(resolver.get_one_required("good")), std::logic_error);
}

BOOST_AUTO_TEST_CASE(name_resolver_rejects_a_malformed_descriptor_with_bad_descriptor) {
    // NameResolver, unlike DependencyResolver, has no fallback: the malformed text is a configuration error.
    const auto config = ConfigParams::from_tuples("descriptor", "a:b:c");
    BOOST_CHECK_EXCEPTION(static_cast<void>(pip::config::NameResolver::resolve(config)), pip::errors::ConfigException,
                          [](const pip::errors::ConfigException& e) {
                              return e.code() == "BAD_DESCRIPTOR" && e.details().at("descriptor") == "a:b:c";
                          });
}

BOOST_AUTO_TEST_SUITE_END()
