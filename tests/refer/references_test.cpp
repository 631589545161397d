#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include <thread>
import pip.refer;

using namespace pip::refer;

namespace {

struct Named {
    explicit Named(std::string n) : name(std::move(n)) {}
    virtual ~Named() = default;
    std::string name;
};

struct ILogger {
    virtual ~ILogger() = default;
    [[nodiscard]] virtual std::string log_name() const = 0;
};
struct ConsoleLogger : Named, ILogger {  // ILogger at a non-zero offset
    using Named::Named;
    [[nodiscard]] std::string log_name() const override { return name; }
};
struct Counter : Named {
    using Named::Named;
};
struct Unrelated {
    virtual ~Unrelated() = default;
};

// component_test.cpp declares types of the same names in its own anonymous namespace, with another layout.
struct TwinBase {
    virtual ~TwinBase() = default;
    std::string text = "references";
};
struct Twin : TwinBase {};

/// A user locator compared with ==.
struct Key {
    int id = 0;
    friend bool operator==(const Key&, const Key&) = default;
};

std::shared_ptr<Named> make(std::string name) { return std::make_shared<Named>(std::move(name)); }

std::vector<std::string> names(const std::vector<std::shared_ptr<Named>>& components) {
    std::vector<std::string> result;
    for (const auto& c : components) result.push_back(c->name);
    return result;
}
std::vector<std::string> names(const std::vector<std::shared_ptr<void>>& components) {
    std::vector<std::string> result;
    for (const auto& c : components) result.push_back(static_cast<Named*>(c.get())->name);
    return result;
}
std::vector<std::string> names(const std::vector<AnyLocator>& locators) {
    std::vector<std::string> result;
    for (const auto& l : locators) result.push_back(l.to_string());
    return result;
}
using Names = std::vector<std::string>;

template <class Exception, class Action>
std::optional<Exception> thrown(Action&& action) {
    try {
        action();
    } catch (const Exception& error) {
        return error;
    }
    return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(references)

// --- the verified example ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(verified_example_newest_first) {
    auto c1 = std::make_shared<Named>("c1"), c2 = std::make_shared<Named>("c2");
    auto c3 = std::make_shared<Named>("c3"), c4 = std::make_shared<Named>("c4");
    auto refs = References::from_tuples("A", c1, "A", c2, Descriptor("g", "t", "k", "n1", "1.0"), c3,
                                        Descriptor("g", "t", "k", "n2", "1.0"), c4);

    BOOST_TEST(names(refs.find<Named>("A", false)) == (std::vector<std::string>{"c2", "c1"}),
               boost::test_tools::per_element());
    BOOST_TEST(refs.get_one_optional<Named>("A")->name == "c2");
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("g", "t", "*", "*", "*"))) ==
                   (std::vector<std::string>{"c4", "c3"}),
               boost::test_tools::per_element());
    BOOST_TEST(refs.get_one_optional<Named>(c3)->name == "c3");
    BOOST_TEST(std::static_pointer_cast<Named>(refs.remove("A"))->name == "c2");

    refs.put("A", std::make_shared<Named>("c6"));
    refs.put("A", std::make_shared<Named>("c7"));
    std::vector<std::string> removed;
    for (const auto& c : refs.remove_all("A")) removed.push_back(std::static_pointer_cast<Named>(c)->name);
    BOOST_TEST(removed == (std::vector<std::string>{"c7", "c6", "c1"}), boost::test_tools::per_element());
    BOOST_TEST(refs.size() == 2U);
}

BOOST_AUTO_TEST_CASE(literal_is_a_descriptor_locator) {
    References refs;
    refs.put("pip-services:logger:console:default:1.0"_descriptor, std::make_shared<Named>("log"));
    BOOST_TEST(refs.get_one_required<Named>(Descriptor("*", "logger", "*", "*", "*"))->name == "log");
    BOOST_TEST(refs.get_one_required<Named>("*:logger:console:*:*"_descriptor)->name == "log");
    BOOST_CHECK_THROW(static_cast<void>(refs.get_one_required<Named>("x:y:z:w:1.0"_descriptor)), ReferenceException);
}

// --- put and from_tuples ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(new_references_are_empty) {
    // Arrange
    const References refs;

    // Act / Assert
    BOOST_TEST(refs.empty());
    BOOST_TEST(refs.size() == 0U);
    BOOST_TEST(refs.get_all().empty());
    BOOST_TEST(refs.get_all_locators().empty());
    BOOST_TEST(refs.get_one_optional("A") == nullptr);
}

BOOST_AUTO_TEST_CASE(put_with_null_component_throws_invalid_argument) {
    // Arrange
    References refs;

    // Act
    const auto error = thrown<std::invalid_argument>([&] { refs.put("A", std::shared_ptr<Named>{}); });

    // Assert
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(std::string(error->what()) == "Component cannot be null");
    BOOST_TEST(refs.empty());
}

BOOST_AUTO_TEST_CASE(duplicated_locators_are_kept) {
    // Arrange
    References refs;
    const auto component = make("same");

    // Act
    refs.put("A", component);
    refs.put("A", component);
    refs.put("A", make("other"));

    // Assert
    BOOST_TEST(refs.size() == 3U);
    BOOST_TEST(names(refs.get_optional<Named>("A")) == (Names{"other", "same", "same"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(from_tuples_ignores_a_trailing_locator) {
    // Act
    const auto refs = References::from_tuples("A", make("a"), "B", make("b"), "C");

    // Assert
    BOOST_TEST(refs.size() == 2U);
    BOOST_TEST(names(refs.get_all_locators()) == (Names{"A", "B"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(from_tuples_of_nothing_is_empty) {
    BOOST_TEST(References::from_tuples().empty());
}

BOOST_AUTO_TEST_CASE(from_tuples_with_a_null_component_throws) {
    BOOST_CHECK_THROW(static_cast<void>(References::from_tuples("A", std::shared_ptr<Named>{})), std::invalid_argument);
}

// --- newest first -----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(lookups_return_the_newest_match_first) {
    // Arrange
    References refs;
    refs.put("A", make("old"));
    refs.put("B", make("b"));
    refs.put("A", make("new"));

    // Act / Assert
    BOOST_TEST(refs.get_one_optional<Named>("A")->name == "new");
    BOOST_TEST(refs.get_one_required<Named>("A")->name == "new");
    BOOST_TEST(names(refs.get_optional<Named>("A")) == (Names{"new", "old"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_required<Named>("A")) == (Names{"new", "old"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.find<Named>("A", true)) == (Names{"new", "old"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(get_all_and_get_all_locators_are_oldest_first) {
    // Arrange
    References refs;
    refs.put("first", make("1"));
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), make("2"));
    refs.put(3, make("3"));

    // Act
    const auto components = refs.get_all<Named>();
    const auto untyped = refs.get_all();
    const auto locators = refs.get_all_locators();

    // Assert
    BOOST_TEST(names(components) == (Names{"1", "2", "3"}), boost::test_tools::per_element());
    BOOST_TEST(names(untyped) == (Names{"1", "2", "3"}), boost::test_tools::per_element());
    BOOST_TEST(names(locators) == (Names{"first", "g:t:k:n:1.0", "3"}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(locators[1].descriptor() != nullptr);
    BOOST_TEST(*locators[1].descriptor() == Descriptor("g", "t", "k", "n", "1.0"));
    BOOST_TEST(locators[2].integer() != nullptr);
}

BOOST_AUTO_TEST_CASE(get_all_filters_by_type) {
    // Arrange
    References refs;
    refs.put("a", std::make_shared<ConsoleLogger>("console"));
    refs.put("b", std::make_shared<Counter>("counter"));
    refs.put("c", std::make_shared<ConsoleLogger>("console2"));

    // Act
    const auto loggers = refs.get_all<ILogger>();

    // Assert
    BOOST_TEST_REQUIRE(loggers.size() == 2U);
    BOOST_TEST(loggers[0]->log_name() == "console");
    BOOST_TEST(loggers[1]->log_name() == "console2");
    BOOST_TEST(refs.get_all<Named>().size() == 3U);
    BOOST_TEST(refs.get_all<Unrelated>().empty());
}

// --- misses -----------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(optional_getters_return_empty_on_a_miss) {
    // Arrange
    const auto refs = References::from_tuples("A", make("a"));

    // Act / Assert
    BOOST_TEST(refs.get_optional("B").empty());
    BOOST_TEST(refs.get_one_optional("B") == nullptr);
    BOOST_TEST(refs.find("B", false).empty());
    BOOST_TEST(refs.get_optional<Named>(Descriptor()).empty());
}

BOOST_AUTO_TEST_CASE(required_getters_throw_reference_exception_on_a_miss) {
    // Arrange
    const auto refs = References::from_tuples("A", make("a"));
    const Descriptor missing("g", "t", "*", "*", "1.0");

    // Act
    const auto one = thrown<ReferenceException>([&] { static_cast<void>(refs.get_one_required<Named>(missing)); });
    const auto all = thrown<ReferenceException>([&] { static_cast<void>(refs.get_required("B")); });
    const auto found = thrown<ReferenceException>([&] { static_cast<void>(refs.find(42, true)); });

    // Assert
    BOOST_TEST_REQUIRE(one.has_value());
    BOOST_TEST(one->code() == "REF_ERROR");
    BOOST_TEST(one->message() == "Failed to obtain reference to g:t:*:*:1.0");
    BOOST_TEST(one->details().at("locator") == "g:t:*:*:1.0");
    BOOST_TEST(!one->details().contains("expected_type"));
    BOOST_TEST_REQUIRE(all.has_value());
    BOOST_TEST(all->message() == "Failed to obtain reference to B");
    BOOST_TEST(all->details().at("locator") == "B");
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->details().at("locator") == "42");
}

// --- typed lookups ----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(typed_lookup_finds_a_component_through_a_base) {
    // Arrange
    References refs;
    const auto console = std::make_shared<ConsoleLogger>("console");
    refs.put(Descriptor("pip", "logger", "console", "default", "1.0"), console);

    // Act
    const auto logger = refs.get_one_required<ILogger>(Descriptor("*", "logger", "*", "*", "*"));
    const auto named = refs.get_one_required<Named>(Descriptor("*", "logger", "*", "*", "*"));

    // Assert
    BOOST_TEST(logger.get() == static_cast<ILogger*>(console.get()));
    BOOST_TEST(logger->log_name() == "console");
    BOOST_TEST(named.get() == static_cast<Named*>(console.get()));
}

BOOST_AUTO_TEST_CASE(optional_getters_skip_components_of_the_wrong_type) {
    // Arrange: the newest match is not a logger
    References refs;
    refs.put("log", std::make_shared<ConsoleLogger>("old-console"));
    refs.put("log", std::make_shared<Counter>("counter"));
    refs.put("log", std::make_shared<ConsoleLogger>("console"));
    refs.put("log", std::make_shared<Counter>("newest-counter"));

    // Act / Assert
    BOOST_TEST(refs.get_one_optional<ILogger>("log")->log_name() == "console");
    BOOST_TEST(refs.get_one_required<ILogger>("log")->log_name() == "console");
    const auto loggers = refs.get_optional<ILogger>("log");
    BOOST_TEST_REQUIRE(loggers.size() == 2U);
    BOOST_TEST(loggers[0]->log_name() == "console");
    BOOST_TEST(loggers[1]->log_name() == "old-console");
    const auto counters = refs.get_optional<Counter>("log");
    BOOST_TEST_REQUIRE(counters.size() == 2U);
    BOOST_TEST(counters[0]->name == "newest-counter");
    BOOST_TEST(counters[1]->name == "counter");
    BOOST_TEST(refs.get_optional<Named>("log").size() == 4U);
    BOOST_TEST(refs.get_optional("log").size() == 4U);
    BOOST_TEST(refs.get_one_optional<Unrelated>("log") == nullptr);
    BOOST_TEST(refs.get_optional<Unrelated>("log").empty());
}

BOOST_AUTO_TEST_CASE(same_named_types_of_another_file_are_found_with_their_own_layout) {
    // Arrange
    References refs;
    const auto twin = std::make_shared<Twin>();
    refs.put("twin", twin);

    // Act
    const auto base = refs.get_one_required<TwinBase>("twin");

    // Assert
    BOOST_TEST(base.get() == static_cast<TwinBase*>(twin.get()));
    BOOST_TEST(base->text == "references");
}

BOOST_AUTO_TEST_CASE(required_getters_report_components_of_the_wrong_type) {
    // Arrange
    References refs;
    refs.put("log", std::make_shared<Counter>("counter"));
    refs.put("log", std::make_shared<Counter>("counter2"));

    // Act
    const auto one = thrown<ReferenceException>([&] { static_cast<void>(refs.get_one_required<ILogger>("log")); });
    const auto all = thrown<ReferenceException>([&] { static_cast<void>(refs.get_required<ILogger>("log")); });

    // Assert
    for (const auto& error : {one, all}) {
        BOOST_TEST_REQUIRE(error.has_value());
        BOOST_TEST(error->code() == "REF_ERROR");
        BOOST_TEST(error->message() == "Failed to obtain reference to log: 2 components match but none is of type "
                                       "(anonymous namespace)::ILogger: (anonymous namespace)::Counter (2)");
        BOOST_TEST(error->details().at("locator") == "log");
        BOOST_TEST_REQUIRE(error->details().contains("expected_type"));
        BOOST_TEST(error->details().at("expected_type").find("ILogger") != std::string::npos);
        BOOST_TEST(error->details().at("components_of_other_types") == "2");
    }
}

BOOST_AUTO_TEST_CASE(const_components_are_found_only_as_const) {
    // Arrange
    References refs;
    refs.put("c", std::shared_ptr<const Named>(make("constant")));

    // Act / Assert
    BOOST_TEST(refs.get_one_optional<Named>("c") == nullptr);
    BOOST_TEST_REQUIRE(refs.get_one_optional<const Named>("c") != nullptr);
    BOOST_TEST(refs.get_one_optional<const Named>("c")->name == "constant");
    BOOST_TEST(refs.get_one_optional("c") != nullptr);
}

// --- lookup by component ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_component_is_found_by_itself) {
    // Arrange
    References refs;
    const auto component = make("c");
    refs.put("A", make("other"));
    refs.put("A", component);
    refs.put("B", make("newer"));

    // Act / Assert
    BOOST_TEST(refs.get_one_optional<Named>(component) == component);
    BOOST_TEST(refs.get_optional<Named>(component).size() == 1U);
    BOOST_TEST(refs.get_one_required(component).get() == static_cast<void*>(component.get()));
    BOOST_TEST(refs.get_one_optional<Named>(make("c")) == nullptr);  // another object with the same value
}

BOOST_AUTO_TEST_CASE(a_component_is_found_through_a_base_pointer) {
    // Arrange
    References refs;
    const auto console = std::make_shared<ConsoleLogger>("console");
    refs.put("log", console);

    // Act
    const std::shared_ptr<ILogger> as_interface = console;  // points at a non-zero offset
    const auto found = refs.get_one_optional<ConsoleLogger>(as_interface);

    // Assert
    BOOST_TEST(found == console);
    BOOST_TEST(refs.get_one_optional<Named>(std::shared_ptr<Named>(console)) != nullptr);
}

BOOST_AUTO_TEST_CASE(typed_lookups_find_a_component_through_any_interface_it_was_put_as) {
    // Arrange: the same ConsoleLogger put once as itself and once as one of its interfaces
    References refs;
    const auto console = std::make_shared<ConsoleLogger>("console");
    refs.put("concrete", console);
    refs.put("interface", std::shared_ptr<ILogger>(console));

    // Act
    const auto named_from_concrete = refs.get_one_optional<Named>("concrete");
    const auto named_from_interface = refs.get_one_optional<Named>("interface");

    // Assert: from ILogger to its sibling base Named is a cross-cast, as dynamic_cast makes it
    BOOST_TEST(named_from_concrete == std::shared_ptr<Named>(console));
    BOOST_TEST(named_from_interface == std::shared_ptr<Named>(console));
    BOOST_TEST(refs.get_one_optional<ILogger>("interface") == std::shared_ptr<ILogger>(console));
}

BOOST_AUTO_TEST_CASE(a_shared_ptr_locator_matches_as_locator_and_as_component) {
    // Arrange: `key` is both a component and the locator of another component
    References refs;
    const auto key = make("key");
    refs.put("K", key);
    refs.put(key, make("keyed"));

    // Act
    const auto found = refs.get_optional<Named>(key);

    // Assert
    BOOST_TEST(names(found) == (Names{"keyed", "key"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(remove_by_component_removes_that_component) {
    // Arrange
    References refs;
    const auto component = make("c");
    refs.put("A", make("a1"));
    refs.put("A", component);
    refs.put("A", make("a3"));

    // Act
    const auto removed = refs.remove(component);

    // Assert
    BOOST_TEST(removed.get() == static_cast<void*>(component.get()));
    BOOST_TEST(names(refs.get_optional<Named>("A")) == (Names{"a3", "a1"}), boost::test_tools::per_element());
}

// --- remove and remove_all --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(remove_takes_only_the_newest_match) {
    // Arrange
    References refs;
    refs.put(Descriptor("g", "t", "k", "n1", "1.0"), make("n1"));
    refs.put(Descriptor("g", "t", "k", "n2", "1.0"), make("n2"));
    refs.put("A", make("a"));

    // Act
    const auto removed = refs.remove(Descriptor("g", "t", "*", "*", "*"));

    // Assert
    BOOST_TEST(static_cast<Named*>(removed.get())->name == "n2");
    BOOST_TEST(names(refs.get_all<Named>()) == (Names{"n1", "a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(remove_of_a_missing_locator_returns_null) {
    // Arrange
    auto refs = References::from_tuples("A", make("a"));

    // Act / Assert
    BOOST_TEST(refs.remove("B") == nullptr);
    BOOST_TEST(refs.remove(1) == nullptr);
    BOOST_TEST(refs.size() == 1U);
}

BOOST_AUTO_TEST_CASE(remove_all_takes_every_match_newest_first) {
    // Arrange
    References refs;
    refs.put(Descriptor("g", "t", "k", "n1", "1.0"), make("n1"));
    refs.put("A", make("a"));
    refs.put(Descriptor("g", "t", "*", "*", "2.0"), make("wild"));
    refs.put(Descriptor("g", "x", "k", "n2", "1.0"), make("other-type"));
    refs.put(Descriptor("g", "t", "k", "n3", "1.0"), make("n3"));

    // Act
    const auto removed = refs.remove_all(Descriptor("g", "t", "*", "*", "*"));

    // Assert
    BOOST_TEST(names(removed) == (Names{"n3", "wild", "n1"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_all<Named>()) == (Names{"a", "other-type"}), boost::test_tools::per_element());
    BOOST_TEST(refs.remove_all(Descriptor("g", "t", "*", "*", "*")).empty());
}

BOOST_AUTO_TEST_CASE(removed_components_are_released) {
    // Arrange
    References refs;
    std::weak_ptr<Named> watch;
    {
        const auto component = make("c");
        watch = component;
        refs.put("A", component);
    }

    // Act
    static_cast<void>(refs.remove("A"));

    // Assert
    BOOST_TEST(watch.expired());
    BOOST_TEST(refs.get_one_optional("A") == nullptr);
    BOOST_TEST(refs.get_all().empty());
}

BOOST_AUTO_TEST_CASE(many_removals_keep_order_and_results) {
    // Arrange: enough removals to make References compact its storage
    References refs;
    for (int i = 0; i < 300; ++i) refs.put(i % 3 == 0 ? "keep" : "drop", make(std::to_string(i)));

    // Act
    const auto removed = refs.remove_all("drop");
    refs.put("keep", make("last"));

    // Assert
    BOOST_TEST(removed.size() == 200U);
    BOOST_TEST(refs.size() == 101U);
    const auto kept = refs.get_optional<Named>("keep");
    BOOST_TEST_REQUIRE(kept.size() == 101U);
    BOOST_TEST(kept.front()->name == "last");
    BOOST_TEST(kept[1]->name == "297");
    BOOST_TEST(kept.back()->name == "0");
    BOOST_TEST(refs.get_optional("drop").empty());
    BOOST_TEST(names(refs.get_all<Named>()).front() == "0");
}

BOOST_AUTO_TEST_CASE(removed_entries_stay_out_of_every_index) {
    // Arrange
    References refs;
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), make("complete"));
    refs.put(Descriptor("g", "*", "*", "*", "*"), make("partial"));
    refs.put(Key{1}, make("key"));
    refs.put(5, make("five"));

    // Act
    for (int i = 0; i < 2; ++i) static_cast<void>(refs.remove(refs.get_one_required<Named>(Descriptor())));
    static_cast<void>(refs.remove(Key{1}));
    static_cast<void>(refs.remove(5));

    // Assert
    BOOST_TEST(refs.empty());
    BOOST_TEST(refs.get_optional(Descriptor("g", "t", "k", "n", "1.0")).empty());
    BOOST_TEST(refs.get_optional(Key{1}).empty());
    BOOST_TEST(refs.get_optional(5).empty());
}

// --- get_one_before ---------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(get_one_before_returns_the_next_older_match) {
    // Arrange
    References refs;
    const auto a = make("a"), b = make("b"), c = make("c");
    refs.put("X", a);
    refs.put("X", b);
    refs.put("X", c);

    // Act / Assert
    BOOST_TEST(refs.get_one_before<Named>(c, "X") == b);
    BOOST_TEST(refs.get_one_before<Named>(b, "X") == a);
    BOOST_CHECK_THROW(static_cast<void>(refs.get_one_before<Named>(a, "X")), ReferenceException);
}

BOOST_AUTO_TEST_CASE(get_one_before_starts_below_a_reference_under_another_locator) {
    // Arrange: the starting component is registered under Y, between X components
    References refs;
    const auto older = make("older"), start = make("start"), newer = make("newer");
    refs.put("X", older);
    refs.put("Y", start);
    refs.put("X", newer);

    // Act
    const auto found = refs.get_one_before<Named>(start, "X");

    // Assert
    BOOST_TEST(found == older);
}

BOOST_AUTO_TEST_CASE(get_one_before_starts_at_the_newest_registration_of_the_reference) {
    // Arrange
    References refs;
    const auto start = make("start");
    refs.put("X", make("oldest"));
    refs.put("X", start);
    refs.put("X", make("middle"));
    refs.put("X", start);
    refs.put("X", make("newest"));

    // Act / Assert
    BOOST_TEST(refs.get_one_before<Named>(start, "X")->name == "middle");
}

BOOST_AUTO_TEST_CASE(get_one_before_skips_the_wrong_type) {
    // Arrange
    References refs;
    const auto wanted = std::make_shared<ConsoleLogger>("wanted");
    const auto start = make("start");
    refs.put("log", wanted);
    refs.put("log", std::make_shared<Counter>("counter"));
    refs.put("log", start);

    // Act
    const auto found = refs.get_one_before<ILogger>(start, "log");

    // Assert
    BOOST_TEST(found.get() == static_cast<ILogger*>(wanted.get()));
}

BOOST_AUTO_TEST_CASE(get_one_before_accepts_the_reference_through_a_base) {
    // Arrange
    References refs;
    const auto older = make("older");
    const auto start = std::make_shared<ConsoleLogger>("start");
    refs.put("X", older);
    refs.put("X", start);

    // Act
    const std::shared_ptr<ILogger> as_interface = start;
    const auto found = refs.get_one_before<Named>(as_interface, "X");

    // Assert
    BOOST_TEST(found == older);
}

BOOST_AUTO_TEST_CASE(get_one_before_of_an_unregistered_reference_throws) {
    // Arrange
    const auto refs = References::from_tuples("X", make("a"), "X", make("b"));

    // Act
    const auto error = thrown<ReferenceException>([&] { static_cast<void>(refs.get_one_before(make("z"), "X")); });

    // Assert
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->details().at("locator") == "X");
}

BOOST_AUTO_TEST_CASE(get_one_before_of_a_null_reference_throws) {
    // Arrange
    const auto refs = References::from_tuples("X", make("a"), "X", make("b"));

    // Act
    const auto error =
        thrown<ReferenceException>([&] { static_cast<void>(refs.get_one_before(std::shared_ptr<Named>{}, "X")); });

    // Assert: no entry holds a null component, so there is nothing before it
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->message() == "Failed to obtain reference to X");
}

// --- mixed locator kinds ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mixed_locator_kinds_live_side_by_side) {
    // Arrange
    References refs;
    refs.put(Descriptor("g", "t", "*", "*", "1.0"), make("wild-descriptor"));
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), make("descriptor"));
    refs.put("g:t:k:n:1.0", make("string"));
    refs.put(1, make("int"));
    refs.put(std::uint64_t{1} << 63, make("big"));
    refs.put(-1, make("negative"));
    refs.put(true, make("bool"));
    refs.put('1', make("char"));
    refs.put(Key{1}, make("key"));
    refs.put("1", make("string-one"));

    // Act / Assert
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("g", "t", "k", "n", "1.0"))) ==
                   (Names{"descriptor", "wild-descriptor"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("g", "*", "k", "*", "*"))) ==
                   (Names{"descriptor", "wild-descriptor"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("*", "*", "x", "*", "1.0"))) == (Names{"wild-descriptor"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("*", "*", "*", "*", "2.0"))).empty());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor())).size() == 2U);
    BOOST_TEST(names(refs.get_optional<Named>("g:t:k:n:1.0")) == (Names{"string"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(1LL)) == (Names{"int"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(static_cast<short>(1))) == (Names{"int"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(std::uint64_t{1} << 63)) == (Names{"big"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(std::numeric_limits<std::int64_t>::min())).empty());
    BOOST_TEST(names(refs.get_optional<Named>(-1L)) == (Names{"negative"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(std::numeric_limits<std::uint64_t>::max())).empty());
    BOOST_TEST(names(refs.get_optional<Named>(true)) == (Names{"bool"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>('1')) == (Names{"char"}), boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Key{1})) == (Names{"key"}), boost::test_tools::per_element());
    BOOST_TEST(refs.get_optional<Named>(Key{2}).empty());
    BOOST_TEST(names(refs.get_optional<Named>(std::string_view("1"))) == (Names{"string-one"}),
               boost::test_tools::per_element());
    BOOST_TEST(refs.get_optional<Named>(false).empty());
    BOOST_TEST(refs.get_optional<Named>(0).empty());
}

BOOST_AUTO_TEST_CASE(empty_fields_are_values_in_lookups) {
    // Arrange
    References refs;
    refs.put(*Descriptor::from_string("::::"), make("empty"));
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), make("normal"));

    // Act / Assert
    BOOST_TEST(names(refs.get_optional<Named>(*Descriptor::from_string("::::"))) == (Names{"empty"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("", "*", "*", "*", "*"))) == (Names{"empty"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("*", "*", "*", "*", "*"))) == (Names{"normal", "empty"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("g", "t", "k", "n", "*"))) == (Names{"normal"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(descriptor_lookups_are_case_sensitive) {
    // Arrange
    const auto refs = References::from_tuples(Descriptor("g", "t", "k", "n", "1.0"), make("lower"));

    // Act / Assert
    BOOST_TEST(refs.get_one_optional(Descriptor("G", "t", "k", "n", "1.0")) == nullptr);
    BOOST_TEST(refs.get_one_optional(Descriptor("*", "T", "*", "*", "*")) == nullptr);
}

BOOST_AUTO_TEST_CASE(partial_registrations_match_complete_queries_in_order) {
    // Arrange: complete and partial registrations interleaved
    References refs;
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), make("1"));
    refs.put(Descriptor("*", "t", "*", "*", "*"), make("2"));
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), make("3"));
    refs.put(Descriptor("g", "t", "k", "other", "1.0"), make("4"));
    refs.put(Descriptor(), make("5"));

    // Act / Assert
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("g", "t", "k", "n", "1.0"))) == (Names{"5", "3", "2", "1"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("*", "*", "*", "n", "*"))) == (Names{"5", "3", "2", "1"}),
               boost::test_tools::per_element());
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("x", "*", "*", "*", "*"))) == (Names{"5", "2"}),
               boost::test_tools::per_element());
    BOOST_TEST(refs.get_one_optional<Named>(Descriptor("g", "t", "k", "other", "*"))->name == "5");
}

BOOST_AUTO_TEST_CASE(lookups_accept_the_locators_it_returns) {
    // Arrange
    const auto refs = References::from_tuples(Descriptor("g", "t", "k", "n", "1.0"), make("d"), Key{3}, make("k"));

    // Act / Assert: each stored locator finds its own component
    for (const auto& locator : refs.get_all_locators()) BOOST_TEST(refs.get_one_optional(locator) != nullptr);
}

// --- the visitor primitive --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(visit_stops_when_the_visitor_returns_false) {
    // Arrange
    const auto refs = References::from_tuples("A", make("1"), "A", make("2"), "A", make("3"));
    Names visited;

    // Act
    refs.visit("A", nullptr, [&](const Reference& reference) {
        visited.push_back(reference.get_component().as<Named>()->name);
        return visited.size() < 2;
    });

    // Assert
    BOOST_TEST(visited == (Names{"3", "2"}), boost::test_tools::per_element());
}

// --- IReferences interface, moving, threads --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(works_through_the_interface) {
    // Arrange
    References concrete;
    IReferences& refs = concrete;

    // Act
    refs.put("A", make("a"));

    // Assert
    BOOST_TEST(refs.get_one_required<Named>("A")->name == "a");
    BOOST_TEST(concrete.size() == 1U);
}

BOOST_AUTO_TEST_CASE(references_are_movable) {
    // Arrange
    auto source = References::from_tuples("A", make("a"));

    // Act
    References moved(std::move(source));
    References assigned;
    assigned.put("B", make("b"));
    assigned = std::move(moved);

    // Assert
    BOOST_TEST(assigned.size() == 1U);
    BOOST_TEST(assigned.get_one_required<Named>("A")->name == "a");
    BOOST_TEST(assigned.get_one_optional("B") == nullptr);
}

BOOST_AUTO_TEST_CASE(a_moved_from_references_is_empty_and_usable) {
    // Arrange
    auto source = References::from_tuples("A", make("a"));
    auto assigned_from = References::from_tuples("B", make("b"));
    References target(std::move(source));
    References assigned;

    // Act
    assigned = std::move(assigned_from);
    source.put("C", make("c"));
    assigned_from.put("D", make("d"));

    // Assert
    BOOST_TEST(source.size() == 1U);
    BOOST_TEST(source.get_one_optional("A") == nullptr);
    BOOST_TEST(source.get_one_required<Named>("C")->name == "c");
    BOOST_TEST(assigned_from.size() == 1U);
    BOOST_TEST(assigned_from.get_one_optional("B") == nullptr);
    BOOST_TEST(assigned.get_one_required<Named>("B")->name == "b");
    BOOST_TEST(target.get_one_required<Named>("A")->name == "a");
}

BOOST_AUTO_TEST_CASE(a_moved_from_references_can_be_assigned_again) {
    // Arrange
    auto source = References::from_tuples("A", make("a"));
    References target(std::move(source));

    // Act
    source = References::from_tuples("B", make("b"));

    // Assert
    BOOST_TEST(source.get_one_required<Named>("B")->name == "b");
    BOOST_TEST(target.get_one_required<Named>("A")->name == "a");
}

BOOST_AUTO_TEST_CASE(concurrent_puts_and_lookups_are_safe) {
    // Arrange
    References refs;
    refs.put("seed", make("seed"));
    constexpr int per_thread = 300;
    std::atomic<int> misses{0};

    // Act
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i)
                refs.put(Descriptor("g", "t", "k", std::to_string(t), "1.0"), make("w"));
        });
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < per_thread; ++i) {
                if (!refs.get_one_optional<Named>("seed")) ++misses;
                static_cast<void>(refs.get_optional<Named>(Descriptor("g", "t", "*", "*", "*")));
            }
        });
    for (auto& thread : threads) thread.join();

    // Assert
    BOOST_TEST(misses.load() == 0);
    BOOST_TEST(refs.size() == 2U * per_thread + 1U);
    BOOST_TEST(refs.get_optional(Descriptor("g", "t", "k", "0", "1.0")).size() == std::size_t{per_thread});
}

BOOST_AUTO_TEST_CASE(a_hand_made_view_spelling_a_wildcard_matches_as_a_wildcard) {
    // Arrange
    References refs;
    const auto logger = make("logger");
    refs.put(Descriptor("pip", "logger", "console", "default", "1.0"), logger);
    const DescriptorView spelled{{"pip", "*", "console", "default", "1.0"}};

    // Act, Assert: as a Descriptor would read it, with or without precomputed hashes
    BOOST_TEST(refs.get_one_optional<Named>(spelled) == logger);
    BOOST_TEST(refs.get_one_optional<Named>(spelled.with_hashes()) == logger);
}

BOOST_AUTO_TEST_SUITE_END()
