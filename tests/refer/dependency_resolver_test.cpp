#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.refer;

using namespace pip::refer;
using pip::config::ConfigParams;

namespace {

struct Named {
    explicit Named(std::string n) : name(std::move(n)) {}
    virtual ~Named() = default;
    std::string name;
};
struct IStore {
    virtual ~IStore() = default;
    [[nodiscard]] virtual std::string store_name() const = 0;
};
struct MemoryStore : Named, IStore {
    using Named::Named;
    [[nodiscard]] std::string store_name() const override { return name; }
};

std::shared_ptr<Named> make(std::string name) { return std::make_shared<Named>(std::move(name)); }

/// The configuration of the brief: a descriptor, a plain name and an empty value.
ConfigParams sample_config() {
    return ConfigParams::from_tuples("dependencies.a", "g:t:k:n:1.0", "dependencies.b", "Reference1",
                                     "dependencies.c", "");
}

/// Components for sample_config(): one per dependency, plus a second match for `a`.
References sample_references() {
    return References::from_tuples(Descriptor("g", "t", "k", "n", "1.0"), make("a-old"),
                                   Descriptor("g", "t", "*", "*", "*"), make("a-new"), "Reference1", make("b"), "",
                                   make("c"));
}

template <class Exception, class Action>
std::optional<Exception> thrown(Action&& action) {
    try {
        action();
    } catch (const Exception& error) {
        return error;
    }
    return std::nullopt;
}

std::vector<std::string> names(const std::vector<std::shared_ptr<Named>>& components) {
    std::vector<std::string> result;
    for (const auto& c : components) result.push_back(c->name);
    return result;
}
using Names = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(dependency_resolver)

// --- configure --------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(configure_parses_descriptors_and_keeps_other_text_as_strings) {
    // Arrange
    DependencyResolver resolver;

    // Act
    resolver.configure(sample_config());

    // Assert
    const auto* a = resolver.get_locator("a");
    const auto* b = resolver.get_locator("b");
    const auto* c = resolver.get_locator("c");
    BOOST_TEST_REQUIRE(a != nullptr);
    BOOST_TEST_REQUIRE(a->descriptor() != nullptr);
    BOOST_TEST(*a->descriptor() == Descriptor("g", "t", "k", "n", "1.0"));
    BOOST_TEST_REQUIRE(b != nullptr);
    BOOST_TEST_REQUIRE(b->string() != nullptr);
    BOOST_TEST(*b->string() == "Reference1");
    BOOST_TEST_REQUIRE(c != nullptr);
    BOOST_TEST_REQUIRE(c->string() != nullptr);
    BOOST_TEST(c->string()->empty());
    BOOST_TEST(resolver.get_locator("d") == nullptr);
}

BOOST_AUTO_TEST_CASE(configure_trims_descriptors_and_keeps_malformed_ones_as_text) {
    // Arrange
    DependencyResolver resolver;

    // Act
    resolver.configure(ConfigParams::from_tuples("dependencies.spaced", " g : t :* : n : 1.0 ", "dependencies.short",
                                                 "a:b:c:d", "dependencies.blank", " "));

    // Assert
    BOOST_TEST_REQUIRE(resolver.get_locator("spaced")->descriptor() != nullptr);
    BOOST_TEST(*resolver.get_locator("spaced")->descriptor() == Descriptor("g", "t", "*", "n", "1.0"));
    BOOST_TEST_REQUIRE(resolver.get_locator("short")->string() != nullptr);
    BOOST_TEST(*resolver.get_locator("short")->string() == "a:b:c:d");
    BOOST_TEST_REQUIRE(resolver.get_locator("blank")->string() != nullptr);
    BOOST_TEST(*resolver.get_locator("blank")->string() == " ");
}

BOOST_AUTO_TEST_CASE(configure_skips_keys_without_a_value_and_other_sections) {
    // Arrange
    DependencyResolver resolver;

    // Act
    resolver.configure(ConfigParams::from_tuples("dependencies.none", std::nullopt, "other.x", "g:t:k:n:1.0",
                                                 "dependencies_y", "z", "dependencies.kept", "k"));

    // Assert
    BOOST_TEST(resolver.get_locator("none") == nullptr);
    BOOST_TEST(resolver.get_locator("x") == nullptr);
    BOOST_TEST(resolver.get_locator("other.x") == nullptr);
    BOOST_TEST(resolver.get_locator("y") == nullptr);
    BOOST_TEST(resolver.get_locator("kept") != nullptr);
}

BOOST_AUTO_TEST_CASE(reconfigure_overwrites_only_the_given_names) {
    // Arrange
    DependencyResolver resolver(sample_config());

    // Act
    resolver.configure(ConfigParams::from_tuples("dependencies.b", "x:y:z:w:2.0", "dependencies.d", "D"));

    // Assert
    BOOST_TEST(*resolver.get_locator("a")->descriptor() == Descriptor("g", "t", "k", "n", "1.0"));
    BOOST_TEST_REQUIRE(resolver.get_locator("b")->descriptor() != nullptr);
    BOOST_TEST(*resolver.get_locator("b")->descriptor() == Descriptor("x", "y", "z", "w", "2.0"));
    BOOST_TEST(resolver.get_locator("c")->string() != nullptr);
    BOOST_TEST(*resolver.get_locator("d")->string() == "D");
}

BOOST_AUTO_TEST_CASE(reconfigure_with_no_value_keeps_the_old_locator) {
    // Arrange
    DependencyResolver resolver(sample_config());

    // Act
    resolver.configure(ConfigParams::from_tuples("dependencies.a", std::nullopt));

    // Assert
    BOOST_TEST_REQUIRE(resolver.get_locator("a") != nullptr);
    BOOST_TEST(resolver.get_locator("a")->descriptor() != nullptr);
}

BOOST_AUTO_TEST_CASE(is_configurable_through_its_interfaces) {
    // Arrange
    DependencyResolver resolver;
    pip::config::IConfigurable& configurable = resolver;
    References refs = sample_references();
    IReferenceable& referenceable = resolver;

    // Act
    configurable.configure(sample_config());
    referenceable.set_references(refs);

    // Assert
    BOOST_TEST(resolver.get_one_required<Named>("b")->name == "b");
    static_assert(std::derived_from<DependencyResolver, pip::config::IReconfigurable>);
}

// --- lookups ----------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(finds_components_by_dependency_name) {
    // Arrange
    auto refs = sample_references();
    const DependencyResolver resolver(sample_config(), refs);

    // Act / Assert
    BOOST_TEST(resolver.get_one_required<Named>("a")->name == "a-new");
    BOOST_TEST(resolver.get_one_optional<Named>("a")->name == "a-new");
    BOOST_TEST(names(resolver.get_optional<Named>("a")) == (Names{"a-new", "a-old"}), boost::test_tools::per_element());
    BOOST_TEST(names(resolver.get_required<Named>("a")) == (Names{"a-new", "a-old"}), boost::test_tools::per_element());
    BOOST_TEST(names(resolver.find<Named>("a", true)) == (Names{"a-new", "a-old"}), boost::test_tools::per_element());
    BOOST_TEST(resolver.get_one_required<Named>("b")->name == "b");
    BOOST_TEST(resolver.get_one_required<Named>("c")->name == "c");
    BOOST_TEST(resolver.get_one_required("b") != nullptr);
}

BOOST_AUTO_TEST_CASE(typed_lookups_go_through_a_base_and_skip_other_types) {
    // Arrange
    auto refs = References::from_tuples(Descriptor("pip", "store", "memory", "default", "1.0"),
                                        std::make_shared<MemoryStore>("memory"),
                                        Descriptor("pip", "store", "file", "default", "1.0"), make("not-a-store"));
    const DependencyResolver resolver(ConfigParams::from_tuples("dependencies.store", "*:store:*:*:1.0"), refs);

    // Act
    const auto store = resolver.get_one_required<IStore>("store");
    const auto stores = resolver.get_optional<IStore>("store");

    // Assert
    BOOST_TEST(store->store_name() == "memory");
    BOOST_TEST(stores.size() == 1U);
    BOOST_TEST(resolver.get_optional<Named>("store").size() == 2U);
}

BOOST_AUTO_TEST_CASE(a_configured_dependency_with_no_component) {
    // Arrange
    References refs;
    const DependencyResolver resolver(sample_config(), refs);

    // Act
    const auto error = thrown<ReferenceException>([&] { static_cast<void>(resolver.get_one_required("a")); });

    // Assert: the message names the locator and the dependency
    BOOST_TEST(resolver.get_optional("a").empty());
    BOOST_TEST(resolver.get_one_optional("a") == nullptr);
    BOOST_TEST(resolver.find("a", false).empty());
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->message() == "Failed to obtain reference to g:t:k:n:1.0 for dependency \"a\"");
    BOOST_TEST(error->details().at("locator") == "g:t:k:n:1.0");
    BOOST_TEST(error->details().at("dependency") == "a");
    BOOST_CHECK_THROW(static_cast<void>(resolver.get_required("b")), ReferenceException);
    BOOST_CHECK_THROW(static_cast<void>(resolver.find("c", true)), ReferenceException);
}

BOOST_AUTO_TEST_CASE(unknown_names_give_empty_results_from_optional_getters) {
    // Arrange
    auto refs = sample_references();
    const DependencyResolver resolver(sample_config(), refs);

    // Act / Assert
    BOOST_TEST(resolver.get_optional("unknown").empty());
    BOOST_TEST(resolver.get_one_optional("unknown") == nullptr);
    BOOST_TEST(resolver.find("unknown", false).empty());
}

BOOST_AUTO_TEST_CASE(unknown_names_throw_from_required_getters_naming_the_dependency) {
    // Arrange
    auto refs = sample_references();
    const DependencyResolver resolver(sample_config(), refs);

    // Act
    const auto one = thrown<ReferenceException>([&] { static_cast<void>(resolver.get_one_required("unknown")); });
    const auto all = thrown<ReferenceException>([&] { static_cast<void>(resolver.get_required("unknown")); });
    const auto found = thrown<ReferenceException>([&] { static_cast<void>(resolver.find("unknown", true)); });

    // Assert
    for (const auto& error : {one, all, found}) {
        BOOST_TEST_REQUIRE(error.has_value());
        BOOST_TEST(error->code() == "REF_ERROR");
        BOOST_TEST(error->message() ==
                   "Failed to obtain reference to unknown for dependency \"unknown\": no locator is configured for it");
        BOOST_TEST(error->details().at("locator") == "unknown");
        BOOST_TEST(error->details().at("dependency") == "unknown");
    }
}

BOOST_AUTO_TEST_CASE(required_getters_name_the_dependency_the_wanted_type_and_what_matched) {
    // Arrange: `a` finds two Named components, neither of them an IStore
    auto refs = sample_references();
    const DependencyResolver resolver(sample_config(), refs);

    // Act
    const auto one = thrown<ReferenceException>([&] { static_cast<void>(resolver.get_one_required<IStore>("a")); });
    const auto all = thrown<ReferenceException>([&] { static_cast<void>(resolver.get_required<IStore>("a")); });
    const auto unknown =
        thrown<ReferenceException>([&] { static_cast<void>(resolver.get_one_required<IStore>("unknown")); });

    // Assert
    for (const auto& error : {one, all}) {
        BOOST_TEST_REQUIRE(error.has_value());
        BOOST_TEST(error->code() == "REF_ERROR");
        BOOST_TEST(error->message() ==
                   "Failed to obtain reference to g:t:k:n:1.0 for dependency \"a\" (wanted type "
                   "(anonymous namespace)::IStore): 2 components match but none is of type "
                   "(anonymous namespace)::IStore: (anonymous namespace)::Named (2)");
        BOOST_TEST(error->details().at("components_of_other_types") == "2");
    }
    BOOST_TEST_REQUIRE(unknown.has_value());
    BOOST_TEST(unknown->message() == "Failed to obtain reference to unknown for dependency \"unknown\" (wanted type "
                                     "(anonymous namespace)::IStore): no locator is configured for it");
}

BOOST_AUTO_TEST_CASE(required_getters_find_a_component_through_a_sibling_interface) {
    // Arrange: MemoryStore put as Named is still an IStore
    References refs;
    const auto store = std::make_shared<MemoryStore>("memory");
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), std::shared_ptr<Named>(store));
    const DependencyResolver resolver(sample_config(), refs);

    // Act
    const auto found = resolver.get_one_required<IStore>("a");

    // Assert
    BOOST_TEST(found.get() == static_cast<IStore*>(store.get()));
    BOOST_TEST(resolver.get_required<IStore>("a").size() == 1U);
}

BOOST_AUTO_TEST_CASE(using_the_resolver_before_set_references_throws_logic_error) {
    // Arrange
    const DependencyResolver resolver(sample_config());
    const std::vector<std::function<void()>> uses{
        [&] { static_cast<void>(resolver.get_optional("a")); },
        [&] { static_cast<void>(resolver.get_one_optional("a")); },
        [&] { static_cast<void>(resolver.get_required("a")); },
        [&] { static_cast<void>(resolver.get_one_required("a")); },
        [&] { static_cast<void>(resolver.find("a", false)); },
        [&] { static_cast<void>(resolver.find("a", true)); },
        [&] { static_cast<void>(resolver.get_optional("unknown")); },
        [&] { static_cast<void>(resolver.get_one_optional("unknown")); },
        [&] { static_cast<void>(resolver.get_one_required("unknown")); },
    };

    // Act / Assert
    for (std::size_t i = 0; i < uses.size(); ++i) {
        const auto error = thrown<std::logic_error>(uses[i]);
        BOOST_TEST_REQUIRE(error.has_value(), "use " << i << " did not throw std::logic_error");
        BOOST_TEST(std::string(error->what()) == "References shall be set", "use " << i);
    }
}

BOOST_AUTO_TEST_CASE(set_references_may_replace_the_references) {
    // Arrange
    auto first = References::from_tuples("Reference1", make("first"));
    auto second = References::from_tuples("Reference1", make("second"));
    DependencyResolver resolver(sample_config(), first);

    // Act
    resolver.set_references(second);

    // Assert
    BOOST_TEST(resolver.get_one_required<Named>("b")->name == "second");
}

BOOST_AUTO_TEST_CASE(sees_components_registered_after_set_references) {
    // Arrange
    References refs;
    const DependencyResolver resolver(sample_config(), refs);

    // Act
    refs.put("Reference1", make("late"));

    // Assert
    BOOST_TEST(resolver.get_one_required<Named>("b")->name == "late");
}

BOOST_AUTO_TEST_CASE(is_wired_by_the_referencer) {
    // Arrange
    auto resolver = std::make_shared<DependencyResolver>(sample_config());
    auto refs = sample_references();
    refs.put("resolver", resolver);

    // Act
    Referencer::set_references(refs);

    // Assert
    BOOST_TEST(resolver->get_one_required<Named>("b")->name == "b");
}

// --- put and from_tuples ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(from_tuples_stores_a_descriptor_looking_string_as_a_string) {
    // Arrange: the component is registered under the Descriptor
    auto refs = References::from_tuples(Descriptor("pip-services-commons", "reference", "k", "n", "1.0"), make("x"));

    // Act
    auto resolver = DependencyResolver::from_tuples("x", "pip-services-commons:reference:*:*:*");
    resolver.set_references(refs);

    // Assert: the plain string does not match the Descriptor
    BOOST_TEST(resolver.get_one_optional("x") == nullptr);
    BOOST_TEST_REQUIRE(resolver.get_locator("x")->string() != nullptr);
    BOOST_TEST(*resolver.get_locator("x")->string() == "pip-services-commons:reference:*:*:*");
}

BOOST_AUTO_TEST_CASE(from_tuples_stores_locators_of_any_kind) {
    // Arrange
    struct Key {
        int id = 0;
        bool operator==(const Key&) const = default;
    };
    auto refs = References::from_tuples(Descriptor("pip-services-commons", "reference", "k", "n", "1.0"), make("d"),
                                        7, make("seven"), Key{1}, make("key"), "name", make("named"));

    // Act
    auto resolver = DependencyResolver::from_tuples("d", Descriptor("pip-services-commons", "reference", "*", "*", "*"),
                                                    "lit", "*:reference:k:*:*"_descriptor, "i", 7LL, "k", Key{1},
                                                    std::string("s"), std::string_view("name"), "trailing");
    resolver.set_references(refs);

    // Assert
    BOOST_TEST(resolver.get_one_required<Named>("d")->name == "d");
    BOOST_TEST(resolver.get_one_required<Named>("lit")->name == "d");
    BOOST_TEST(resolver.get_one_required<Named>("i")->name == "seven");
    BOOST_TEST(resolver.get_one_required<Named>("k")->name == "key");
    BOOST_TEST(resolver.get_one_required<Named>("s")->name == "named");
    BOOST_TEST(resolver.get_locator("trailing") == nullptr);
}

BOOST_AUTO_TEST_CASE(put_replaces_a_locator) {
    // Arrange
    auto refs = sample_references();
    DependencyResolver resolver(sample_config(), refs);

    // Act
    resolver.put("b", "");
    resolver.put("new", Descriptor("g", "t", "k", "n", "1.0"));

    // Assert
    BOOST_TEST(resolver.get_one_required<Named>("b")->name == "c");
    BOOST_TEST(resolver.get_one_required<Named>("new")->name == "a-new");
}

BOOST_AUTO_TEST_CASE(dependency_names_are_case_sensitive) {
    // Arrange
    auto refs = sample_references();
    const DependencyResolver resolver(sample_config(), refs);

    // Act / Assert
    BOOST_TEST(resolver.get_locator("A") == nullptr);
    BOOST_TEST(resolver.get_one_optional("B") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
