#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.config;

using pip::config::ConfigParams;
using pip::config::NameResolver;
using pip::config::OptionsResolver;
using pip::errors::ConfigException;
using namespace std::string_literals;

namespace {

using OptString = std::optional<std::string>;

// Runs NameResolver on `config`, expecting a BAD_DESCRIPTOR ConfigException about `descriptor`.
void check_bad_descriptor(const ConfigParams& config, const std::string& descriptor) {
    try {
        (void)NameResolver::resolve(config, "default");
    } catch (const ConfigException& e) {
        BOOST_TEST(e.code() == "BAD_DESCRIPTOR");
        BOOST_TEST(e.category() == "Misconfiguration");
        BOOST_TEST(e.status() == 500);
        BOOST_TEST(e.message() == "Descriptor " + descriptor + " is in wrong format");
        BOOST_TEST(e.details().contains("descriptor"));
        if (e.details().contains("descriptor")) BOOST_TEST(e.details().at("descriptor") == descriptor);
        return;
    } catch (...) {
        BOOST_FAIL("a different exception was thrown for " << descriptor);
    }
    BOOST_FAIL("no exception for " << descriptor);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(name_resolver)

BOOST_AUTO_TEST_CASE(name_key_comes_first) {
    // Arrange
    const auto config = ConfigParams::from_tuples("id", "the-id", "descriptor", "g:t:k:desc-name:1.0", "name", "the-name");

    // Act
    const auto name = NameResolver::resolve(config, "default");

    // Assert
    BOOST_TEST(name == "the-name"s);
}

BOOST_AUTO_TEST_CASE(id_key_when_there_is_no_name) {
    // Arrange
    const auto config = ConfigParams::from_tuples("descriptor", "g:t:k:desc-name:1.0", "id", "the-id");

    // Act
    const auto name = NameResolver::resolve(config, "default");

    // Assert
    BOOST_TEST(name == "the-id"s);
}

BOOST_AUTO_TEST_CASE(descriptor_name_when_there_is_no_name_or_id) {
    // Arrange
    const auto config = ConfigParams::from_tuples("descriptor", "myservice:connector:aws:connector1:1.0",
                                                  "param1", "ABC", "param2", 123);

    // Act
    const auto name = NameResolver::resolve(config);

    // Assert
    BOOST_TEST(name == "connector1"s);
}

BOOST_AUTO_TEST_CASE(descriptor_fields_are_trimmed) {
    // Arrange
    const auto config = ConfigParams::from_tuples("descriptor", " g : t : k :  spaced  : 1.0 ");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config) == "spaced"s);
}

BOOST_AUTO_TEST_CASE(wildcard_descriptor_name_gives_the_default) {
    // Arrange
    const auto config = ConfigParams::from_tuples("descriptor", "g:t:k:*:1.0");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config, "default") == "default"s);
    BOOST_TEST(NameResolver::resolve(config) == OptString());
}

BOOST_AUTO_TEST_CASE(nothing_to_resolve_gives_the_default) {
    // Arrange
    const auto config = ConfigParams::from_tuples("param1", "ABC");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config, "default") == "default"s);
    BOOST_TEST(NameResolver::resolve(config) == OptString());
    BOOST_TEST(NameResolver::resolve(ConfigParams()) == OptString());
}

BOOST_AUTO_TEST_CASE(keys_with_no_value_are_skipped) {
    // Arrange
    const auto config = ConfigParams::from_string("name;id;descriptor");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config, "default") == "default"s);
}

BOOST_AUTO_TEST_CASE(name_with_no_value_falls_back_to_id) {
    // Arrange
    const auto config = ConfigParams::from_string("name;id=the-id");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config, "default") == "the-id"s);
}

BOOST_AUTO_TEST_CASE(empty_descriptor_gives_the_default) {
    // Arrange (Descriptor.from_string("") is null in the originals)
    const auto config = ConfigParams::from_tuples("descriptor", "");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config, "default") == "default"s);
}

BOOST_AUTO_TEST_CASE(empty_name_is_a_name) {
    // Arrange (Python tests `is None`, so a present "" is returned as is)
    const auto config = ConfigParams::from_tuples("name", "", "id", "the-id");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config, "default") == ""s);
}

BOOST_AUTO_TEST_CASE(keys_are_case_sensitive) {
    // Arrange (.NET would find these; Python/Node do not)
    const auto config = ConfigParams::from_tuples("Name", "upper", "ID", "upper-id");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(config, "default") == "default"s);
}

BOOST_AUTO_TEST_CASE(malformed_descriptor_throws_bad_descriptor) {
    check_bad_descriptor(ConfigParams::from_tuples("descriptor", "a:b:c"), "a:b:c");
    check_bad_descriptor(ConfigParams::from_tuples("descriptor", "just-a-name"), "just-a-name");
    check_bad_descriptor(ConfigParams::from_tuples("descriptor", "g:t:k:n:1.0:extra"), "g:t:k:n:1.0:extra");
    check_bad_descriptor(ConfigParams::from_tuples("descriptor", "::::::"), "::::::");
}

BOOST_AUTO_TEST_CASE(malformed_descriptor_is_also_a_std_exception) {
    // Arrange
    const auto config = ConfigParams::from_tuples("descriptor", "bad");

    // Act / Assert
    BOOST_CHECK_THROW((void)NameResolver::resolve(config), pip::errors::ApplicationException);
    BOOST_CHECK_THROW((void)NameResolver::resolve(config), std::exception);
}

BOOST_AUTO_TEST_CASE(malformed_descriptor_is_ignored_when_name_or_id_is_set) {
    // Arrange
    const auto with_name = ConfigParams::from_tuples("name", "n", "descriptor", "bad");
    const auto with_id = ConfigParams::from_tuples("id", "i", "descriptor", "bad");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(with_name) == "n"s);
    BOOST_TEST(NameResolver::resolve(with_id) == "i"s);
}

BOOST_AUTO_TEST_CASE(empty_fields_are_allowed_in_descriptor) {
    // Arrange (five fields, so well formed; an empty name field is not the wildcard)
    const auto named = ConfigParams::from_tuples("descriptor", "::k:n:");
    const auto unnamed = ConfigParams::from_tuples("descriptor", "::::");

    // Act / Assert
    BOOST_TEST(NameResolver::resolve(named, "default") == "n"s);
    BOOST_TEST(NameResolver::resolve(unnamed, "default") == ""s);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(options_resolver)

BOOST_AUTO_TEST_CASE(returns_the_options_section) {
    // Arrange
    const auto config = ConfigParams::from_tuples("options.timeout", 1000, "options.retries", 3, "name", "n",
                                                  "connection.host", "h");

    // Act
    const auto options = OptionsResolver::resolve(config);

    // Assert
    BOOST_TEST(options.to_string() == "timeout=1000;retries=3");
    BOOST_TEST(options.get_as_integer("timeout") == 1000);
}

BOOST_AUTO_TEST_CASE(no_options_section_gives_an_empty_map) {
    // Arrange
    const auto config = ConfigParams::from_tuples("name", "n", "optionsx.a", "1", "options", "not-a-section");

    // Act
    const auto options = OptionsResolver::resolve(config);

    // Assert
    BOOST_TEST(options.empty());
}

BOOST_AUTO_TEST_CASE(config_as_default_returns_the_whole_config_when_there_are_no_options) {
    // Arrange
    const auto config = ConfigParams::from_tuples("name", "n", "timeout", 5);

    // Act
    const auto options = OptionsResolver::resolve(config, true);

    // Assert
    BOOST_TEST((options == config));
    BOOST_TEST(options.to_string() == "name=n;timeout=5");
}

BOOST_AUTO_TEST_CASE(config_as_default_is_ignored_when_options_exist) {
    // Arrange
    const auto config = ConfigParams::from_tuples("name", "n", "options.timeout", 5);

    // Act
    const auto options = OptionsResolver::resolve(config, true);

    // Assert
    BOOST_TEST(options.to_string() == "timeout=5");
}

BOOST_AUTO_TEST_CASE(config_as_default_false_gives_an_empty_map) {
    // Arrange
    const auto config = ConfigParams::from_tuples("name", "n");

    // Act / Assert
    BOOST_TEST(OptionsResolver::resolve(config, false).empty());
}

BOOST_AUTO_TEST_CASE(empty_config_gives_an_empty_map_either_way) {
    BOOST_TEST(OptionsResolver::resolve(ConfigParams()).empty());
    BOOST_TEST(OptionsResolver::resolve(ConfigParams(), true).empty());
}

BOOST_AUTO_TEST_CASE(options_keep_nested_keys_and_no_values) {
    // Arrange
    const auto config = ConfigParams::from_string("options.a.b=1;options.flag;Options.c=2");

    // Act
    const auto options = OptionsResolver::resolve(config);

    // Assert
    BOOST_TEST(options.to_string() == "a.b=1;flag");
}

BOOST_AUTO_TEST_SUITE_END()
