#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include <sstream>
#include <unordered_set>
#include "../config/print_optional.hpp"
import pip.refer;

using namespace pip::refer;
using pip::errors::ConfigException;

namespace {

using OptString = std::optional<std::string>;

template <class Exception, class Action>
std::optional<Exception> thrown(Action&& action) {
    try {
        action();
    } catch (const Exception& error) {
        return error;
    }
    return std::nullopt;
}

Descriptor parse(std::string_view text) {
    auto descriptor = Descriptor::from_string(text);
    BOOST_TEST_REQUIRE(descriptor.has_value(), "expected a descriptor from \"" << text << "\"");
    return *descriptor;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(descriptor)

// --- construction and getters -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(default_descriptor_is_all_wildcards) {
    // Arrange / Act
    const Descriptor descriptor;

    // Assert
    BOOST_TEST(descriptor.get_group() == OptString{});
    BOOST_TEST(descriptor.get_type() == OptString{});
    BOOST_TEST(descriptor.get_kind() == OptString{});
    BOOST_TEST(descriptor.get_name() == OptString{});
    BOOST_TEST(descriptor.get_version() == OptString{});
    BOOST_TEST(descriptor.to_string() == "*:*:*:*:*");
    BOOST_TEST(!descriptor.is_complete());
}

BOOST_AUTO_TEST_CASE(getters_return_the_given_fields) {
    // Arrange / Act
    const Descriptor descriptor("pip-services", "logger", "console", "default", "1.0");

    // Assert
    BOOST_TEST(descriptor.get_group() == OptString("pip-services"));
    BOOST_TEST(descriptor.get_type() == OptString("logger"));
    BOOST_TEST(descriptor.get_kind() == OptString("console"));
    BOOST_TEST(descriptor.get_name() == OptString("default"));
    BOOST_TEST(descriptor.get_version() == OptString("1.0"));
}

BOOST_AUTO_TEST_CASE(star_and_nullopt_are_wildcards_but_empty_is_a_value) {
    // Arrange / Act
    const Descriptor descriptor("", "*", std::nullopt, "n", "*");

    // Assert
    BOOST_TEST(descriptor.get_group() == OptString(""));
    BOOST_TEST(descriptor.get_type() == OptString{});
    BOOST_TEST(descriptor.get_kind() == OptString{});
    BOOST_TEST(descriptor.get_name() == OptString("n"));
    BOOST_TEST(descriptor.get_version() == OptString{});
    BOOST_TEST(descriptor == Descriptor("", std::nullopt, "*", "n", std::nullopt));
}

BOOST_AUTO_TEST_CASE(fields_may_come_from_owning_strings) {
    // Arrange
    const std::string group = "g";
    std::string type = "t";

    // Act
    const Descriptor descriptor(group, type, std::string("k"), std::string_view("n"), "1.0");
    type = "changed";

    // Assert: the descriptor owns copies
    BOOST_TEST(descriptor.to_string() == "g:t:k:n:1.0");
}

BOOST_AUTO_TEST_CASE(star_descriptor_equals_default_descriptor) {
    BOOST_TEST(Descriptor("*", "*", "*", "*", "*") == Descriptor());
    BOOST_TEST(Descriptor(std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt) == Descriptor());
}

BOOST_AUTO_TEST_CASE(copies_are_equal_and_independent) {
    // Arrange
    Descriptor original("g", "t", "k", "n", "1.0");

    // Act
    const Descriptor copy = original;
    Descriptor moved = std::move(original);
    original = Descriptor("other", "t", "k", "n", "1.0");

    // Assert
    BOOST_TEST(copy == moved);
    BOOST_TEST(copy.to_string() == "g:t:k:n:1.0");
    BOOST_TEST(original.to_string() == "other:t:k:n:1.0");
}

BOOST_AUTO_TEST_CASE(long_fields_are_kept_whole) {
    // Arrange
    const std::string long_name(5000, 'x');

    // Act
    const Descriptor descriptor("g", "t", "k", long_name, "1.0");

    // Assert
    BOOST_TEST(descriptor.get_name() == OptString(long_name));
    BOOST_TEST(descriptor.get_version() == OptString("1.0"));
    BOOST_TEST(descriptor.to_string() == "g:t:k:" + long_name + ":1.0");
}

// --- to_string and operator<< -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(to_string_writes_wildcards_as_star) {
    BOOST_TEST(Descriptor(std::nullopt, "t", std::nullopt, std::nullopt, std::nullopt).to_string() == "*:t:*:*:*");
    BOOST_TEST(Descriptor("g", "t", "k", "n", "1.0").to_string() == "g:t:k:n:1.0");
    BOOST_TEST(Descriptor("g", "*", "k", "*", "1.0").to_string() == "g:*:k:*:1.0");
}

BOOST_AUTO_TEST_CASE(to_string_writes_empty_fields_as_empty) {
    BOOST_TEST(Descriptor("", "", "", "", "").to_string() == "::::");
    BOOST_TEST(Descriptor("g", "", "*", "", "1.0").to_string() == "g::*::1.0");
}

BOOST_AUTO_TEST_CASE(stream_output_is_to_string) {
    // Arrange
    const Descriptor descriptor("g", "*", "k", "n", "1.0");
    std::ostringstream out;

    // Act
    out << descriptor;

    // Assert
    BOOST_TEST(out.str() == descriptor.to_string());
    BOOST_TEST(out.str() == "g:*:k:n:1.0");
}

BOOST_AUTO_TEST_CASE(to_string_round_trips_through_from_string) {
    for (const auto& descriptor : {Descriptor("g", "t", "k", "n", "1.0"), Descriptor(), Descriptor("", "", "", "", ""),
                                   Descriptor("g", "*", "", "n", "*")}) {
        BOOST_TEST(parse(descriptor.to_string()) == descriptor, descriptor.to_string());
    }
}

// --- from_string ------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(from_string_of_empty_text_gives_no_descriptor) {
    BOOST_TEST(!Descriptor::from_string("").has_value());
    BOOST_TEST(!Descriptor::from_string(std::string_view{}).has_value());
}

BOOST_AUTO_TEST_CASE(from_string_parses_five_fields) {
    // Act
    const auto descriptor = parse("pip-services:logger:console:default:1.0");

    // Assert
    BOOST_TEST(descriptor == Descriptor("pip-services", "logger", "console", "default", "1.0"));
}

BOOST_AUTO_TEST_CASE(from_string_of_wrong_format_throws_bad_descriptor) {
    for (const std::string value : {"xxx", " ", "a:b:c:d", "a:b:c:d:e:f", ":", "a:b:c:d:e:", "::::::"}) {
        // Act
        const auto error = thrown<ConfigException>([&] { static_cast<void>(Descriptor::from_string(value)); });

        // Assert
        BOOST_TEST_REQUIRE(error.has_value(), "no ConfigException for \"" << value << "\"");
        BOOST_TEST(error->code() == "BAD_DESCRIPTOR");
        BOOST_TEST(std::string(error->what()) == "Descriptor " + value + " is in wrong format");
        BOOST_TEST(error->message() == "Descriptor " + value + " is in wrong format");
        BOOST_TEST(error->details().at("descriptor") == value);
        BOOST_TEST(error->category() == "Misconfiguration");
        BOOST_TEST(error->status() == 500);
        BOOST_TEST(error->correlation_id().empty());
    }
}

BOOST_AUTO_TEST_CASE(bad_descriptor_is_catchable_as_application_exception) {
    BOOST_CHECK_THROW(static_cast<void>(Descriptor::from_string("a:b")), pip::errors::ApplicationException);
    BOOST_CHECK_THROW(static_cast<void>(Descriptor::from_string("a:b")), std::exception);
}

BOOST_AUTO_TEST_CASE(from_string_trims_every_field) {
    // Act
    const auto descriptor = parse(" a : b :* : d :1.0 ");

    // Assert
    BOOST_TEST(descriptor.get_group() == OptString("a"));
    BOOST_TEST(descriptor.get_type() == OptString("b"));
    BOOST_TEST(descriptor.get_kind() == OptString{});
    BOOST_TEST(descriptor.get_name() == OptString("d"));
    BOOST_TEST(descriptor.get_version() == OptString("1.0"));
    BOOST_TEST(descriptor.to_string() == "a:b:*:d:1.0");
}

BOOST_AUTO_TEST_CASE(from_string_trims_a_spaced_star_into_a_wildcard) {
    BOOST_TEST(parse(" * :\t*\t: * : * : * ") == Descriptor());
}

BOOST_AUTO_TEST_CASE(from_string_of_only_colons_gives_five_empty_fields) {
    // Act
    const auto descriptor = parse("::::");

    // Assert
    BOOST_TEST(descriptor.get_group() == OptString(""));
    BOOST_TEST(descriptor.get_type() == OptString(""));
    BOOST_TEST(descriptor.get_kind() == OptString(""));
    BOOST_TEST(descriptor.get_name() == OptString(""));
    BOOST_TEST(descriptor.get_version() == OptString(""));
    BOOST_TEST(descriptor.is_complete());
    BOOST_TEST(descriptor.to_string() == "::::");
    BOOST_TEST(!descriptor.match(Descriptor("g", "t", "k", "n", "1.0")));
}

BOOST_AUTO_TEST_CASE(from_string_of_spaces_between_colons_gives_empty_fields) {
    BOOST_TEST(parse(" : : : : ") == parse("::::"));
}

BOOST_AUTO_TEST_CASE(from_string_of_stars_is_all_wildcards) {
    BOOST_TEST(parse("*:*:*:*:*") == Descriptor());
}

// --- match ------------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(match_of_identical_descriptors) {
    BOOST_TEST(Descriptor("g", "t", "k", "n", "1.0").match(Descriptor("g", "t", "k", "n", "1.0")));
}

BOOST_AUTO_TEST_CASE(match_treats_a_wildcard_on_either_side_as_anything) {
    // Arrange
    const Descriptor complete("g", "t", "k", "n", "1.0");
    const Descriptor partial("g", "t", "*", "*", "*");

    // Act / Assert
    BOOST_TEST(complete.match(partial));
    BOOST_TEST(partial.match(complete));
    BOOST_TEST(Descriptor().match(complete));
    BOOST_TEST(complete.match(Descriptor()));
}

BOOST_AUTO_TEST_CASE(match_fails_on_any_differing_value) {
    // Arrange
    const Descriptor base("g", "t", "k", "n", "1.0");

    // Act / Assert: one differing field at a time
    BOOST_TEST(!base.match(Descriptor("x", "t", "k", "n", "1.0")));
    BOOST_TEST(!base.match(Descriptor("g", "x", "k", "n", "1.0")));
    BOOST_TEST(!base.match(Descriptor("g", "t", "x", "n", "1.0")));
    BOOST_TEST(!base.match(Descriptor("g", "t", "k", "x", "1.0")));
    BOOST_TEST(!base.match(Descriptor("g", "t", "k", "n", "2.0")));
    BOOST_TEST(!base.match(Descriptor("*", "*", "*", "*", "2.0")));
}

BOOST_AUTO_TEST_CASE(match_is_case_sensitive) {
    BOOST_TEST(!Descriptor("G", "t", "k", "n", "1.0").match(Descriptor("g", "t", "k", "n", "1.0")));
}

BOOST_AUTO_TEST_CASE(match_treats_empty_as_a_value_not_a_wildcard) {
    // Arrange
    const Descriptor empty_group("", "t", "k", "n", "1.0");

    // Act / Assert
    BOOST_TEST(!empty_group.match(Descriptor("g", "t", "k", "n", "1.0")));
    BOOST_TEST(empty_group.match(Descriptor("*", "t", "k", "n", "1.0")));
    BOOST_TEST(empty_group.match(Descriptor("", "t", "k", "n", "1.0")));
}

BOOST_AUTO_TEST_CASE(match_is_symmetric) {
    // Arrange
    const std::vector<Descriptor> descriptors{
        Descriptor(),
        Descriptor("g", "t", "k", "n", "1.0"),
        Descriptor("g", "t", "*", "*", "*"),
        Descriptor("*", "*", "k", "n", "*"),
        Descriptor("g", "x", "k", "n", "1.0"),
        Descriptor("", "", "", "", ""),
        Descriptor("G", "t", "k", "n", "1.0"),
    };

    // Act / Assert
    for (const auto& a : descriptors)
        for (const auto& b : descriptors) BOOST_TEST(a.match(b) == b.match(a), a << " vs " << b);
}

BOOST_AUTO_TEST_CASE(match_is_not_transitive) {
    // Arrange
    const Descriptor first("g", "t", "k", "n1", "1.0");
    const Descriptor wildcard("g", "t", "*", "*", "*");
    const Descriptor second("g", "t", "k", "n2", "1.0");

    // Act / Assert
    BOOST_TEST(first.match(wildcard));
    BOOST_TEST(wildcard.match(second));
    BOOST_TEST(!first.match(second));
}

BOOST_AUTO_TEST_CASE(match_accepts_a_view) {
    BOOST_TEST(Descriptor("g", "t", "k", "n", "1.0").match("g:t:*:*:1.0"_descriptor));
    BOOST_TEST(!Descriptor("g", "t", "k", "n", "1.0").match("g:t:*:*:2.0"_descriptor));
}

BOOST_AUTO_TEST_CASE(equals_is_the_wildcard_match) {
    // Arrange
    const Descriptor partial("g", "t", "*", "*", "*");
    const Descriptor complete("g", "t", "k", "n", "1.0");

    // Act / Assert
    BOOST_TEST(partial.equals(complete));
    BOOST_TEST(complete.equals(partial));
    BOOST_TEST(!complete.equals(Descriptor("g", "t", "k", "n", "2.0")));
}

// --- exact_match, operator==, is_complete ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exact_match_compares_wildcardness_and_values) {
    // Arrange
    const Descriptor complete("g", "t", "k", "n", "1.0");

    // Act / Assert
    BOOST_TEST(complete.exact_match(Descriptor("g", "t", "k", "n", "1.0")));
    BOOST_TEST(!complete.exact_match(Descriptor("g", "t", "*", "*", "*")));
    BOOST_TEST(!Descriptor("g", "t", "*", "*", "*").exact_match(complete));
    BOOST_TEST(!complete.exact_match(Descriptor("g", "t", "k", "n", "2.0")));
    BOOST_TEST(Descriptor(std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt)
                   .exact_match(Descriptor("*", "*", "*", "*", "*")));
}

BOOST_AUTO_TEST_CASE(exact_match_tells_empty_from_wildcard) {
    BOOST_TEST(!Descriptor("", "t", "k", "n", "1.0").exact_match(Descriptor("*", "t", "k", "n", "1.0")));
    BOOST_TEST(parse("::::").exact_match(Descriptor("", "", "", "", "")));
}

BOOST_AUTO_TEST_CASE(equality_operator_is_exact_not_wildcard_match) {
    // Arrange
    const Descriptor partial("g", "t", "*", "*", "*");
    const Descriptor complete("g", "t", "k", "n", "1.0");

    // Act / Assert
    BOOST_TEST(partial.equals(complete));
    BOOST_TEST(!(partial == complete));
    BOOST_TEST(partial != complete);
    BOOST_TEST(complete == Descriptor("g", "t", "k", "n", "1.0"));
    BOOST_TEST(Descriptor("", "t", "k", "n", "1.0") != Descriptor("*", "t", "k", "n", "1.0"));
}

BOOST_AUTO_TEST_CASE(equality_respects_field_boundaries) {
    // The same characters split differently are different descriptors.
    BOOST_TEST(Descriptor("ab", "c", "k", "n", "v") != Descriptor("a", "bc", "k", "n", "v"));
    BOOST_TEST(Descriptor("ab", "*", "k", "n", "v") != Descriptor("a", "b", "k", "n", "v"));
    BOOST_TEST(Descriptor("a", "", "k", "n", "v") != Descriptor("a", "*", "k", "n", "v"));
    BOOST_TEST(!Descriptor("ab", "c", "k", "n", "v").match(Descriptor("a", "bc", "k", "n", "v")));
}

BOOST_AUTO_TEST_CASE(is_complete_means_no_wildcard) {
    BOOST_TEST(Descriptor("g", "t", "k", "n", "1.0").is_complete());
    BOOST_TEST(Descriptor("", "", "", "", "").is_complete());
    BOOST_TEST(!Descriptor("g", "t", "k", "n", "*").is_complete());
    BOOST_TEST(!Descriptor("*", "t", "k", "n", "1.0").is_complete());
    BOOST_TEST(!Descriptor("g", "t", std::nullopt, "n", "1.0").is_complete());
}

// --- hashing ----------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(equal_descriptors_hash_equally) {
    // Arrange: the same descriptor built four ways
    const std::hash<Descriptor> hash;
    const Descriptor built("g", "t", "*", "n", "1.0");
    const Descriptor parsed = parse(" g : t : * : n : 1.0 ");
    const Descriptor from_literal = "g:t:*:n:1.0"_descriptor;
    const Descriptor from_nullopt("g", "t", std::nullopt, "n", "1.0");

    // Act / Assert
    BOOST_TEST(built == parsed);
    BOOST_TEST(built == from_literal);
    BOOST_TEST(built == from_nullopt);
    BOOST_TEST(hash(built) == hash(parsed));
    BOOST_TEST(hash(built) == hash(from_literal));
    BOOST_TEST(hash(built) == hash(from_nullopt));
    BOOST_TEST(hash(built) == built.hash());
}

BOOST_AUTO_TEST_CASE(descriptor_is_an_unordered_set_key) {
    // Arrange
    std::unordered_set<Descriptor> set;

    // Act
    set.insert(Descriptor("g", "t", "k", "n", "1.0"));
    set.insert(parse("g:t:k:n:1.0"));
    set.insert(Descriptor("g", "t", "*", "*", "*"));
    set.insert(Descriptor("g", "t", "", "", ""));
    set.insert(Descriptor());
    set.insert(parse("*:*:*:*:*"));

    // Assert: exact equality decides membership, wildcard matching does not
    BOOST_TEST(set.size() == 4U);
    BOOST_TEST(set.contains(Descriptor("g", "t", "k", "n", "1.0")));
    BOOST_TEST(set.contains(Descriptor("g", "t", "*", "*", "*")));
    BOOST_TEST(set.contains(Descriptor("g", "t", "", "", "")));
    BOOST_TEST(!set.contains(Descriptor("g", "t", "k", "*", "*")));
    BOOST_TEST(!set.contains(Descriptor("g", "t", "k", "n", "2.0")));
}

// --- view and the _descriptor literal -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(view_exposes_the_fields) {
    // Arrange
    const Descriptor descriptor("g", "*", "", "n", "1.0");

    // Act
    const auto view = descriptor.view();

    // Assert
    BOOST_TEST((view.group() == std::optional<std::string_view>("g")));
    BOOST_TEST(!view.type().has_value());
    BOOST_TEST((view.kind() == std::optional<std::string_view>("")));
    BOOST_TEST((view.name() == std::optional<std::string_view>("n")));
    BOOST_TEST((view.version() == std::optional<std::string_view>("1.0")));
    BOOST_TEST(Descriptor(view) == descriptor);
}

BOOST_AUTO_TEST_CASE(literal_is_checked_and_matched_at_compile_time) {
    // Assert: everything below is evaluated by the compiler
    static_assert("g:t:*:*:1.0"_descriptor.match("g:t:k:n:1.0"_descriptor));
    static_assert("g:t:k:n:1.0"_descriptor.match("g:t:*:*:1.0"_descriptor));
    static_assert(!"g:t:k:n:1.0"_descriptor.match("g:t:k:n:2.0"_descriptor));
    static_assert(!"G:t:k:n:1.0"_descriptor.match("g:t:k:n:1.0"_descriptor));
    static_assert("g:t:k:n:1.0"_descriptor.exact_match(" g : t : k : n : 1.0 "_descriptor));
    static_assert(!"g:t:*:n:1.0"_descriptor.exact_match("g:t:k:n:1.0"_descriptor));
    static_assert("g:t:k:n:1.0"_descriptor.is_complete());
    static_assert(!"g:t:*:n:1.0"_descriptor.is_complete());
    static_assert("::::"_descriptor.is_complete());
    static_assert(!"::::"_descriptor.match("g:t:k:n:1.0"_descriptor));
    static_assert(!"g:t:*:n:1.0"_descriptor.kind().has_value());
    static_assert("g:t:*:n:1.0"_descriptor.group() == "g");
    static_assert(DescriptorView::parse("a:b:c:d").has_value() == false);
    BOOST_TEST(true);
}

BOOST_AUTO_TEST_CASE(literal_converts_to_the_parsed_descriptor) {
    // Act
    const Descriptor from_literal = " a : b :* : d :1.0 "_descriptor;

    // Assert
    BOOST_TEST(from_literal == parse(" a : b :* : d :1.0 "));
    BOOST_TEST(from_literal.to_string() == "a:b:*:d:1.0");
}

BOOST_AUTO_TEST_CASE(literal_prints_as_its_fields) {
    // Arrange
    constexpr auto literal = " pip-services : logger :*: default : 1.0 "_descriptor;
    std::ostringstream out;

    // Act
    out << literal;

    // Assert: trimmed, wildcards as `*`, like Descriptor
    BOOST_TEST(out.str() == "pip-services:logger:*:default:1.0");
    BOOST_TEST(literal.to_string() == Descriptor(literal).to_string());
    BOOST_TEST(DescriptorView{}.to_string() == "*:*:*:*:*");
}

BOOST_AUTO_TEST_CASE(literal_carries_field_and_key_hashes_computed_at_compile_time) {
    // Arrange
    constexpr auto literal = "g:t:k:n:1.0"_descriptor;
    constexpr auto partial = "g:*:k:*:1.0"_descriptor;

    // Assert: the compiler computed the hashes, and they are those the run time computes from the text
    constexpr DescriptorView unhashed{{"g", "t", "k", "n", "1.0"}};
    static_assert(literal.hashed && partial.hashed && !unhashed.hashed);
    static_assert(literal.field_hashes == unhashed.with_hashes().field_hashes);
    static_assert(partial.field_hash(1) == DescriptorView{}.field_hash(1));  // a wildcard's
    static_assert(literal.hash() == unhashed.hash() && literal.hash() != partial.hash());
    static_assert(literal.combined_hash == unhashed.hash() && partial.combined_hash == partial.hash());  // combined too
    constexpr auto spelled = DescriptorView{{"g", "*", "k", "*", "1.0"}}.with_hashes();  // "*" becomes a wildcard
    static_assert(!spelled.type() && !spelled.name() && spelled.hash() == partial.hash());
    BOOST_TEST(unhashed.hash() == literal.hash());
    BOOST_TEST(parse("g:t:k:n:1.0").hash() == literal.hash());
    BOOST_TEST(parse("g:*:k:*:1.0").hash() == partial.hash());
    BOOST_TEST(parse("g:t:k:n:2.0").hash() != literal.hash());
}

BOOST_AUTO_TEST_SUITE_END()
