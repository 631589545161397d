#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.config;

using pip::config::ConfigParams;
using namespace std::string_literals;

namespace {

using OptString = std::optional<std::string>;

// One entry as text, so that "missing", "present with no value" and "" are all told apart in failures.
std::string entry(const ConfigParams& config, std::string_view key) {
    if (!config.contains(key)) return "<missing>";
    const auto value = config.get(key);
    return value ? "=" + *value : "<no value>";
}

std::vector<std::string> keys(const ConfigParams& config) { return config.get_keys(); }

std::vector<std::string> list(std::initializer_list<std::string> items) { return items; }

}  // namespace

BOOST_AUTO_TEST_SUITE(config_params)

// ---- construction and basic map behaviour ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(default_constructed_is_empty) {
    // Arrange / Act
    const ConfigParams config;

    // Assert
    BOOST_TEST(config.empty());
    BOOST_TEST(config.size() == 0U);
    BOOST_TEST(config.get_keys().empty());
    BOOST_TEST(config.to_string() == "");
    BOOST_TEST((config.begin() == config.end()));
}

BOOST_AUTO_TEST_CASE(initializer_list_keeps_entries_in_order) {
    // Arrange / Act
    const ConfigParams config{{"b", "2"}, {"a", "1"}, {"c", std::nullopt}};

    // Assert
    BOOST_TEST(config.size() == 3U);
    BOOST_TEST(keys(config) == list({"b", "a", "c"}), boost::test_tools::per_element());
    BOOST_TEST(entry(config, "c") == "<no value>");
}

BOOST_AUTO_TEST_CASE(initializer_list_duplicate_key_keeps_first_position_last_value) {
    // Arrange / Act
    const ConfigParams config{{"a", "1"}, {"b", "2"}, {"a", "3"}};

    // Assert
    BOOST_TEST(config.to_string() == "a=3;b=2");
}

BOOST_AUTO_TEST_CASE(put_appends_new_keys_in_insertion_order) {
    // Arrange
    ConfigParams config;

    // Act
    config.put("zeta", "1");
    config.put("alpha", "2");
    config.put("10", "3");
    config.put("mid", "4");

    // Assert
    BOOST_TEST(keys(config) == list({"zeta", "alpha", "10", "mid"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(put_existing_key_keeps_its_position) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1", "b", "2", "c", "3");

    // Act
    config.put("a", "changed");

    // Assert
    BOOST_TEST(config.to_string() == "a=changed;b=2;c=3");
    BOOST_TEST(config.size() == 3U);
}

BOOST_AUTO_TEST_CASE(keys_are_case_sensitive) {
    // Arrange
    ConfigParams config;

    // Act
    config.put("Key", "upper");
    config.put("key", "lower");

    // Assert
    BOOST_TEST(config.size() == 2U);
    BOOST_TEST(config.get("Key") == "upper"s);
    BOOST_TEST(config.get("key") == "lower"s);
    BOOST_TEST(!config.contains("KEY"));
}

BOOST_AUTO_TEST_CASE(key_may_be_present_with_no_value) {
    // Arrange
    ConfigParams config;

    // Act
    config.put("k", std::nullopt);

    // Assert
    BOOST_TEST(config.contains("k"));
    BOOST_TEST(config.size() == 1U);
    BOOST_TEST(config.get("k") == OptString());
    BOOST_TEST(entry(config, "k") == "<no value>");
}

BOOST_AUTO_TEST_CASE(no_value_empty_string_and_missing_are_distinct) {
    // Arrange
    ConfigParams config;
    config.put("none", std::nullopt);
    config.put("empty", "");

    // Act / Assert
    BOOST_TEST(entry(config, "none") == "<no value>");
    BOOST_TEST(entry(config, "empty") == "=");
    BOOST_TEST(entry(config, "missing") == "<missing>");
    BOOST_TEST(config.get("empty") == ""s);
    BOOST_TEST(!config.get("missing").has_value());
}

BOOST_AUTO_TEST_CASE(put_stringifies_numbers_and_booleans) {
    // Arrange
    ConfigParams config;

    // Act
    config.put("int", 3000);
    config.put("negative", -42);
    config.put("long", std::int64_t{9'000'000'000});
    config.put("double", 3.5);
    config.put("small", 0.1);
    config.put("yes", true);
    config.put("no", false);
    config.put("null", nullptr);
    config.put("opt", OptString("o"));

    // Assert
    BOOST_TEST(entry(config, "int") == "=3000");
    BOOST_TEST(entry(config, "negative") == "=-42");
    BOOST_TEST(entry(config, "long") == "=9000000000");
    BOOST_TEST(entry(config, "double") == "=3.5");
    BOOST_TEST(entry(config, "small") == "=0.1");
    BOOST_TEST(entry(config, "yes") == "=true");
    BOOST_TEST(entry(config, "no") == "=false");
    BOOST_TEST(entry(config, "null") == "<no value>");
    BOOST_TEST(entry(config, "opt") == "=o");
}

BOOST_AUTO_TEST_CASE(set_as_object_with_no_value_stores_the_key_and_keeps_the_map) {
    // Arrange (Python would clear the whole map here; decisions.md: never clear on a null value)
    auto config = ConfigParams::from_tuples("a", "1", "b", "2");

    // Act
    config.set_as_object("k", std::nullopt);
    config.set_as_object("n", 7);

    // Assert
    BOOST_TEST(config.to_string() == "a=1;b=2;k;n=7");
}

BOOST_AUTO_TEST_CASE(remove_deletes_only_that_key) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1", "b", "2", "c", "3");

    // Act
    config.remove("b");

    // Assert
    BOOST_TEST(config.to_string() == "a=1;c=3");
    BOOST_TEST(!config.contains("b"));
}

BOOST_AUTO_TEST_CASE(remove_missing_key_is_a_no_op) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1");

    // Act
    config.remove("zzz");
    config.remove("A");

    // Assert
    BOOST_TEST(config.to_string() == "a=1");
}

BOOST_AUTO_TEST_CASE(removed_key_is_appended_again_at_the_end) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1", "b", "2");

    // Act
    config.remove("a");
    config.put("a", "3");

    // Assert
    BOOST_TEST(config.to_string() == "b=2;a=3");
}

BOOST_AUTO_TEST_CASE(remove_keeps_the_order_and_every_lookup_consistent) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1", "b", "2", "c", "3", "d", "4", "e", "5");

    // Act
    config.remove("b");
    config.remove("e");
    config.put("c", "30");
    config.put("f", "6");
    config.remove("a");

    // Assert
    BOOST_TEST(config.to_string() == "c=30;d=4;f=6");
    BOOST_TEST(entry(config, "c") == "=30");
    BOOST_TEST(entry(config, "d") == "=4");
    BOOST_TEST(entry(config, "f") == "=6");
    for (const auto* key : {"a", "b", "e"}) BOOST_TEST(entry(config, key) == "<missing>", key);
    BOOST_TEST(config == ConfigParams::from_string("c=30;d=4;f=6"));
}

BOOST_AUTO_TEST_CASE(a_hundred_thousand_keys_are_each_found_after_parsing_and_removals) {
    // Arrange: the size that made parsing quadratic (issue #12); the time is measured in parse_benchmark.
    // A removal moves the later entries up a place (linear), so a hundred spread over the map are enough here.
    constexpr int count = 100'000;
    constexpr int removal_step = 1'000;
    std::string text;
    for (int i = 0; i < count; ++i) text += "key" + std::to_string(i) + "=" + std::to_string(i) + ";";

    // Act
    auto config = ConfigParams::from_string(text);
    for (int i = 0; i < count; i += removal_step) config.remove("key" + std::to_string(i));

    // Assert
    BOOST_TEST(config.size() == static_cast<std::size_t>(count - count / removal_step));
    int found = 0;
    for (int i = 0; i < count; ++i) {
        const auto value = config.get_as_nullable_integer("key" + std::to_string(i));
        if (i % removal_step == 0 ? !value.has_value() : value == std::optional<int>(i)) ++found;
    }
    BOOST_TEST(found == count);
    BOOST_TEST(config.begin()->first == "key1");
    BOOST_TEST(std::prev(config.end())->first == "key99999");
}

BOOST_AUTO_TEST_CASE(reserve_changes_no_entry) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1", "b", "2");

    // Act
    config.reserve(1000);
    config.put("c", "3");
    config.reserve(0);

    // Assert
    BOOST_TEST(config.to_string() == "a=1;b=2;c=3");
    BOOST_TEST(entry(config, "b") == "=2");
}

BOOST_AUTO_TEST_CASE(copies_and_moves_keep_the_index) {
    // Arrange
    auto original = ConfigParams::from_tuples("a", "1", "b", "2");

    // Act
    auto copy = original;
    auto moved = std::move(original);
    copy.put("a", "10");
    moved.remove("a");
    original = copy;  // reassigned after the move
    original.put("c", "3");

    // Assert
    BOOST_TEST(copy.to_string() == "a=10;b=2");
    BOOST_TEST(moved.to_string() == "b=2");
    BOOST_TEST(entry(moved, "b") == "=2");
    BOOST_TEST(original.to_string() == "a=10;b=2;c=3");
    BOOST_TEST(entry(original, "c") == "=3");
}

BOOST_AUTO_TEST_CASE(contains_tells_present_keys) {
    // Arrange
    const auto config = ConfigParams::from_string("a=1;b;c=");

    // Act / Assert
    BOOST_TEST(config.contains("a"));
    BOOST_TEST(config.contains("b"));
    BOOST_TEST(config.contains("c"));
    BOOST_TEST(!config.contains("d"));
    BOOST_TEST(!config.contains(""));
    BOOST_TEST(!config.contains("a=1"));
}

BOOST_AUTO_TEST_CASE(append_puts_every_entry_of_the_other_map) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1", "b", "2");
    const auto other = ConfigParams::from_tuples("b", "X", "c", std::nullopt);

    // Act
    config.append(other);

    // Assert
    BOOST_TEST(config.to_string() == "a=1;b=X;c");
    BOOST_TEST(other.to_string() == "b=X;c");
}

BOOST_AUTO_TEST_CASE(clear_empties_the_map) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1", "b", "2");

    // Act
    config.clear();

    // Assert
    BOOST_TEST(config.empty());
    BOOST_TEST(!config.contains("a"));
}

BOOST_AUTO_TEST_CASE(iteration_visits_entries_in_order) {
    // Arrange
    const auto config = ConfigParams::from_string("x=1;y;z=3");

    // Act
    std::string visited;
    for (const auto& [key, value] : config) visited += key + ":" + value.value_or("-") + ",";

    // Assert
    BOOST_TEST(visited == "x:1,y:-,z:3,");
}

// ---- from_tuples ------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(from_tuples_pairs_keys_and_values) {
    // Arrange / Act
    const auto config = ConfigParams::from_tuples("k1", "v1", "k2", "v2");

    // Assert
    BOOST_TEST(config.size() == 2U);
    BOOST_TEST(config.to_string() == "k1=v1;k2=v2");
}

BOOST_AUTO_TEST_CASE(from_tuples_ignores_a_trailing_odd_element) {
    // Arrange / Act
    const auto config = ConfigParams::from_tuples("k1", "v1", "dangling");

    // Assert
    BOOST_TEST(config.size() == 1U);
    BOOST_TEST(!config.contains("dangling"));
}

BOOST_AUTO_TEST_CASE(from_tuples_single_element_or_none_is_empty) {
    BOOST_TEST(ConfigParams::from_tuples().empty());
    BOOST_TEST(ConfigParams::from_tuples("only").empty());
}

BOOST_AUTO_TEST_CASE(from_tuples_stringifies_numbers_and_booleans) {
    // Arrange / Act
    const auto config = ConfigParams::from_tuples("port", 3000, "ssl", true, "debug", false, "ratio", 3.5, 7, "seven");

    // Assert
    BOOST_TEST(config.get("port") == "3000"s);
    BOOST_TEST(config.get("ssl") == "true"s);
    BOOST_TEST(config.get("debug") == "false"s);
    BOOST_TEST(config.get("ratio") == "3.5"s);
    BOOST_TEST(config.get("7") == "seven"s);
    BOOST_TEST(config.to_string() == "port=3000;ssl=true;debug=false;ratio=3.5;7=seven");
}

BOOST_AUTO_TEST_CASE(from_tuples_accepts_strings_and_no_values) {
    // Arrange
    const std::string key = "name";
    const std::string_view value = "value";

    // Act
    const auto config = ConfigParams::from_tuples(key, value, "none", std::nullopt, "null", nullptr);

    // Assert
    BOOST_TEST(config.to_string() == "name=value;none;null");
}

BOOST_AUTO_TEST_CASE(from_tuples_repeated_key_later_wins) {
    // Arrange / Act
    const auto config = ConfigParams::from_tuples("a", "1", "b", "2", "a", "3");

    // Assert
    BOOST_TEST(config.to_string() == "a=3;b=2");
}

// ---- from_string (the Node rule: first '=' past position 0, trimmed key and value) ---------------------

BOOST_AUTO_TEST_CASE(from_string_parses_the_verified_node_example) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("k1=v1;;k2; =v3; k4 = v4 ;k5=a=b");

    // Assert
    BOOST_TEST(config.size() == 5U);
    BOOST_TEST(keys(config) == list({"k1", "k2", "", "k4", "k5"}), boost::test_tools::per_element());
    BOOST_TEST(entry(config, "k1") == "=v1");
    BOOST_TEST(entry(config, "k2") == "<no value>");
    BOOST_TEST(entry(config, "") == "=v3");
    BOOST_TEST(entry(config, "k4") == "=v4");
    BOOST_TEST(entry(config, "k5") == "=a=b");
}

BOOST_AUTO_TEST_CASE(from_string_leading_equals_is_part_of_the_key) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("=v3;a= ;b");

    // Assert
    BOOST_TEST(keys(config) == list({"=v3", "a", "b"}), boost::test_tools::per_element());
    BOOST_TEST(entry(config, "=v3") == "<no value>");
    BOOST_TEST(entry(config, "a") == "=");
    BOOST_TEST(entry(config, "b") == "<no value>");
}

BOOST_AUTO_TEST_CASE(from_string_empty_is_empty) {
    BOOST_TEST(ConfigParams::from_string("").empty());
    BOOST_TEST(ConfigParams::from_string(std::string_view{}).empty());
}

BOOST_AUTO_TEST_CASE(from_string_only_separators_is_empty) {
    BOOST_TEST(ConfigParams::from_string(";").empty());
    BOOST_TEST(ConfigParams::from_string(";;;").empty());
}

BOOST_AUTO_TEST_CASE(from_string_whitespace_token_is_an_empty_key_with_no_value) {
    // Arrange / Act (Node: the token "  " is not empty, so its trimmed text "" becomes a key)
    const auto config = ConfigParams::from_string(";  ;");

    // Assert
    BOOST_TEST(config.size() == 1U);
    BOOST_TEST(entry(config, "") == "<no value>");
}

BOOST_AUTO_TEST_CASE(from_string_trims_all_whitespace) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("\tk\t=\t v \t;  host  =  localhost  ");

    // Assert
    BOOST_TEST(config.to_string() == "k=v;host=localhost");
}

BOOST_AUTO_TEST_CASE(from_string_value_keeps_inner_spaces) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("msg = hello  world ");

    // Assert
    BOOST_TEST(config.get("msg") == "hello  world"s);
}

BOOST_AUTO_TEST_CASE(from_string_splits_at_the_first_equals) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("uri=http://h:8080/p?a=1&b=2;k==v");

    // Assert
    BOOST_TEST(config.get("uri") == "http://h:8080/p?a=1&b=2"s);
    BOOST_TEST(config.get("k") == "=v"s);
}

BOOST_AUTO_TEST_CASE(from_string_repeated_key_later_wins_at_first_position) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("a=1;b=2;a=3");

    // Assert
    BOOST_TEST(config.to_string() == "a=3;b=2");
}

BOOST_AUTO_TEST_CASE(from_string_trailing_separator_is_ignored) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("a=1;b=2;");

    // Assert
    BOOST_TEST(config.to_string() == "a=1;b=2");
}

BOOST_AUTO_TEST_CASE(from_string_keeps_dotted_keys) {
    // Arrange / Act
    const auto config = ConfigParams::from_string("connection.host=localhost;connection.port=8080");

    // Assert
    BOOST_TEST(config.get_as_integer("connection.port") == 8080);
    BOOST_TEST(config.get("connection.host") == "localhost"s);
}

// ---- to_string -------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(to_string_writes_no_value_as_bare_key) {
    // Arrange
    const auto config = ConfigParams::from_tuples("a.b.c", "1", "top", "v", "b", std::nullopt);

    // Act
    const auto text = config.to_string();

    // Assert
    BOOST_TEST(text == "a.b.c=1;top=v;b");
}

BOOST_AUTO_TEST_CASE(to_string_writes_empty_value_with_equals) {
    // Arrange
    const auto config = ConfigParams::from_tuples("e", "", "n", std::nullopt);

    // Act / Assert
    BOOST_TEST(config.to_string() == "e=;n");
}

BOOST_AUTO_TEST_CASE(to_string_round_trips_through_from_string) {
    // Arrange
    const auto original = ConfigParams::from_tuples("k1", "v1", "k2", std::nullopt, "k3", "", "a.b", "x=y");

    // Act
    const auto parsed = ConfigParams::from_string(original.to_string());

    // Assert
    BOOST_TEST(parsed.to_string() == original.to_string());
    BOOST_TEST((parsed == original));
}

// ---- typed getters ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(string_getters) {
    // Arrange
    const auto config = ConfigParams::from_tuples("s", "text", "e", "", "n", std::nullopt);

    // Act / Assert
    BOOST_TEST(config.get_as_string("s") == "text");
    BOOST_TEST(config.get_as_string("e") == "");
    BOOST_TEST(config.get_as_string("n") == "");
    BOOST_TEST(config.get_as_string("missing") == "");

    BOOST_TEST(config.get_as_nullable_string("s") == "text"s);
    BOOST_TEST(config.get_as_nullable_string("e") == ""s);
    BOOST_TEST(config.get_as_nullable_string("n") == OptString());
    BOOST_TEST(config.get_as_nullable_string("missing") == OptString());

    BOOST_TEST(config.get_as_string_with_default("s", "d") == "text");
    BOOST_TEST(config.get_as_string_with_default("e", "d") == "");
    BOOST_TEST(config.get_as_string_with_default("n", "d") == "d");
    BOOST_TEST(config.get_as_string_with_default("missing", "d") == "d");
}

BOOST_AUTO_TEST_CASE(integer_getters_parse_decimal_text) {
    // Arrange
    const auto config = ConfigParams::from_tuples("i", "123", "neg", "-7", "zero", "0", "spaced", " 42 ", "n", 3000);

    // Act / Assert
    BOOST_TEST(config.get_as_integer("i") == 123);
    BOOST_TEST(config.get_as_integer("neg") == -7);
    BOOST_TEST(config.get_as_integer("zero") == 0);
    BOOST_TEST(config.get_as_integer("spaced") == 42);
    BOOST_TEST(config.get_as_integer("n") == 3000);
    BOOST_TEST(config.get_as_nullable_integer("i") == std::optional<int>(123));
    BOOST_TEST(config.get_as_integer_with_default("i", 5) == 123);
}

BOOST_AUTO_TEST_CASE(integer_getters_truncate_decimal_text) {
    // Arrange
    const auto config = ConfigParams::from_tuples("f", "3.5", "nf", "-3.9", "exp", "1e3");

    // Act / Assert
    BOOST_TEST(config.get_as_integer("f") == 3);
    BOOST_TEST(config.get_as_integer("nf") == -3);
    BOOST_TEST(config.get_as_integer("exp") == 1000);
    BOOST_TEST(config.get_as_nullable_integer("f") == std::optional<int>(3));
    BOOST_TEST(config.get_as_long("f") == 3);
}

BOOST_AUTO_TEST_CASE(integer_getters_fall_back_when_not_a_number) {
    // Arrange
    const auto config = ConfigParams::from_tuples("abc", "abc", "mixed", "12abc", "e", "", "n", std::nullopt,
                                                  "ws", "   ", "two", "1 2");

    // Act / Assert
    for (const auto* key : {"abc", "mixed", "e", "n", "ws", "two", "missing"}) {
        BOOST_TEST_CONTEXT("key " << key) {
            BOOST_TEST(config.get_as_integer(key) == 0);
            BOOST_TEST(config.get_as_integer_with_default(key, 77) == 77);
            BOOST_TEST(config.get_as_nullable_integer(key) == std::optional<int>());
            BOOST_TEST(config.get_as_long(key) == 0);
            BOOST_TEST(config.get_as_long_with_default(key, -5) == -5);
            BOOST_TEST(config.get_as_nullable_long(key) == std::optional<std::int64_t>());
        }
    }
}

BOOST_AUTO_TEST_CASE(integer_limits_are_read_exactly) {
    // Arrange
    const auto config = ConfigParams::from_tuples("imax", "2147483647", "imin", "-2147483648",
                                                  "lmax", "9223372036854775807", "lmin", "-9223372036854775808");

    // Act / Assert
    BOOST_TEST(config.get_as_integer("imax") == std::numeric_limits<int>::max());
    BOOST_TEST(config.get_as_integer("imin") == std::numeric_limits<int>::min());
    BOOST_TEST(config.get_as_long("lmax") == std::numeric_limits<std::int64_t>::max());
    BOOST_TEST(config.get_as_long("lmin") == std::numeric_limits<std::int64_t>::min());
}

BOOST_AUTO_TEST_CASE(integer_out_of_range_reads_as_missing) {
    // Arrange
    const auto config = ConfigParams::from_tuples(
        "i_over", "2147483648", "i_under", "-2147483649", "l_over", "9223372036854775808", "l_under",
        "-9223372036854775809", "huge", "99999999999999999999999999999999", "huge_real", "1e30", "l_real_over",
        "9223372036854775808.0", "l_real_edge", "9223372036854775807.5", "overflow_double", "1e400", "nan", "nan",
        "inf", "inf", "minus_inf", "-inf");

    // Act / Assert
    BOOST_TEST(config.get_as_integer("i_over") == 0);
    BOOST_TEST(config.get_as_nullable_integer("i_over") == std::optional<int>());
    BOOST_TEST(config.get_as_integer("i_under") == 0);
    BOOST_TEST(config.get_as_integer_with_default("huge", 9) == 9);
    BOOST_TEST(config.get_as_nullable_integer("huge_real") == std::optional<int>());
    BOOST_TEST(config.get_as_long("i_over") == 2147483648LL);  // fits a long
    BOOST_TEST(config.get_as_long("i_under") == -2147483649LL);

    for (const auto* key : {"l_over", "l_under", "huge", "huge_real", "l_real_over", "l_real_edge",
                            "overflow_double", "nan", "inf", "minus_inf"}) {
        BOOST_TEST_CONTEXT("key " << key) {
            BOOST_TEST(config.get_as_nullable_long(key) == std::optional<std::int64_t>());
            BOOST_TEST(config.get_as_long(key) == 0);
            BOOST_TEST(config.get_as_nullable_integer(key) == std::optional<int>());
            BOOST_TEST(config.get_as_integer(key) == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(long_getters_read_values_beyond_int) {
    // Arrange
    const auto config = ConfigParams::from_tuples("big", "3000000000", "put_long", std::int64_t{-9'000'000'000});

    // Act / Assert
    BOOST_TEST(config.get_as_long("big") == 3'000'000'000LL);
    BOOST_TEST(config.get_as_nullable_long("big") == std::optional<std::int64_t>(3'000'000'000LL));
    BOOST_TEST(config.get_as_integer("big") == 0);
    BOOST_TEST(config.get_as_long("put_long") == -9'000'000'000LL);
    BOOST_TEST(config.get_as_long_with_default("missing", 12) == 12);
}

BOOST_AUTO_TEST_CASE(double_getters) {
    // Arrange
    const auto config = ConfigParams::from_tuples("d", "3.5", "i", "7", "exp", "1e3", "neg", "-0.25", "bad", "abc",
                                                  "spaced", " 2.5 ", "n", std::nullopt, "put", 0.1);

    // Act / Assert
    BOOST_TEST(config.get_as_double("d") == 3.5);
    BOOST_TEST(config.get_as_double("i") == 7.0);
    BOOST_TEST(config.get_as_double("exp") == 1000.0);
    BOOST_TEST(config.get_as_double("neg") == -0.25);
    BOOST_TEST(config.get_as_double("spaced") == 2.5);
    BOOST_TEST(config.get_as_double("put") == 0.1);
    BOOST_TEST(config.get_as_double("bad") == 0.0);
    BOOST_TEST(config.get_as_double("n") == 0.0);
    BOOST_TEST(config.get_as_double("missing") == 0.0);
    BOOST_TEST(config.get_as_double_with_default("bad", 1.5) == 1.5);
    BOOST_TEST(config.get_as_double_with_default("d", 1.5) == 3.5);
    BOOST_TEST(config.get_as_nullable_double("bad") == std::optional<double>());
    BOOST_TEST(config.get_as_nullable_double("d") == std::optional<double>(3.5));
}

BOOST_AUTO_TEST_CASE(boolean_getters_read_true_words_case_insensitively) {
    // Arrange
    const auto config = ConfigParams::from_tuples("a", "1", "b", "true", "c", "TRUE", "d", "t", "e", "T", "f", "yes",
                                                  "g", "Yes", "h", "y", "i", "Y", "j", true);

    // Act / Assert
    for (const auto* key : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}) {
        BOOST_TEST_CONTEXT("key " << key) {
            BOOST_TEST(config.get_as_boolean(key) == true);
            BOOST_TEST(config.get_as_boolean_with_default(key, false) == true);
            BOOST_TEST(config.get_as_nullable_boolean(key) == std::optional<bool>(true));
        }
    }
}

BOOST_AUTO_TEST_CASE(boolean_getters_read_false_words_case_insensitively) {
    // Arrange
    const auto config = ConfigParams::from_tuples("a", "0", "b", "false", "c", "False", "d", "f", "e", "F", "f", "no",
                                                  "g", "NO", "h", "n", "i", "N", "j", false);

    // Act / Assert
    for (const auto* key : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}) {
        BOOST_TEST_CONTEXT("key " << key) {
            BOOST_TEST(config.get_as_boolean(key) == false);
            BOOST_TEST(config.get_as_boolean_with_default(key, true) == false);
            BOOST_TEST(config.get_as_nullable_boolean(key) == std::optional<bool>(false));
        }
    }
}

BOOST_AUTO_TEST_CASE(boolean_getters_fall_back_for_other_text) {
    // Arrange
    const auto config = ConfigParams::from_tuples("abc", "abc", "two", "2", "e", "", "n", std::nullopt, "tr", "tru",
                                                  "yesno", "yesno");

    // Act / Assert
    for (const auto* key : {"abc", "two", "e", "n", "tr", "yesno", "missing"}) {
        BOOST_TEST_CONTEXT("key " << key) {
            BOOST_TEST(config.get_as_boolean(key) == false);
            BOOST_TEST(config.get_as_boolean_with_default(key, true) == true);
            BOOST_TEST(config.get_as_nullable_boolean(key) == std::optional<bool>());
        }
    }
}

BOOST_AUTO_TEST_CASE(boolean_text_is_not_trimmed_as_in_the_originals) {
    // Arrange: issue #13, the originals give no value for padded words
    const auto config = ConfigParams::from_tuples("n", " n ", "t", " true", "y", "yes\t", "nbsp", "y\xC2\xA0");

    // Act / Assert
    for (const auto* key : {"n", "t", "y", "nbsp"}) {
        BOOST_TEST_CONTEXT("key " << key) {
            BOOST_TEST(config.get_as_nullable_boolean(key) == std::optional<bool>());
            BOOST_TEST(config.get_as_boolean_with_default(key, true) == true);
        }
    }
}

BOOST_AUTO_TEST_CASE(numbers_accept_one_leading_plus) {
    // Arrange: issue #13, `a=+5` reads 5 in the originals
    const auto config = ConfigParams::from_string("a=+5;r=+3.5;d=+2.25;l=+3000000000;padded= +7 ;twice=++5;"
                                                  "signs=+-5;alone=+;inner=5+1");

    // Act / Assert
    BOOST_TEST(config.get_as_nullable_integer("a") == std::optional<int>(5));
    BOOST_TEST(config.get_as_integer("r") == 3);
    BOOST_TEST(config.get_as_nullable_double("d") == std::optional<double>(2.25));
    BOOST_TEST(config.get_as_long("l") == 3'000'000'000LL);
    BOOST_TEST(config.get_as_integer("padded") == 7);
    for (const auto* key : {"twice", "signs", "alone", "inner"}) {
        BOOST_TEST_CONTEXT("key " << key) {
            BOOST_TEST(config.get_as_nullable_integer(key) == std::optional<int>());
            BOOST_TEST(config.get_as_nullable_long(key) == std::optional<std::int64_t>());
            BOOST_TEST(config.get_as_nullable_double(key) == std::optional<double>());
        }
    }
}

BOOST_AUTO_TEST_CASE(trimming_is_ascii_only) {
    // Arrange: U+00A0 (no-break space) is not ASCII white space, so it stays in keys, values and numbers
    const std::string nbsp = "\xC2\xA0";

    // Act
    const auto config = ConfigParams::from_string(nbsp + "k" + nbsp + "=" + nbsp + "v" + nbsp + "; \t\r\nw\f\v= 5\t");

    // Assert
    BOOST_TEST(config.get_keys() == list({nbsp + "k" + nbsp, "w"}), boost::test_tools::per_element());
    BOOST_TEST(entry(config, nbsp + "k" + nbsp) == "=" + nbsp + "v" + nbsp);
    BOOST_TEST(config.get_as_integer("w") == 5);
    BOOST_TEST(ConfigParams::from_tuples("n", nbsp + "5").get_as_nullable_integer("n") == std::optional<int>());
}

// ---- sections --------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(get_section_names_verified_example) {
    // Arrange
    const auto config = ConfigParams::from_tuples("a.b.c", "1", "a.x", "2", "top", "3", ".dot", "4", "sec.", "5",
                                                  "b", "6", "n", std::nullopt);

    // Act
    const auto names = config.get_section_names();

    // Assert
    BOOST_TEST(names == list({"a", "top", ".dot", "sec", "b", "n"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(get_section_names_of_empty_map_is_empty) {
    BOOST_TEST(ConfigParams().get_section_names().empty());
}

BOOST_AUTO_TEST_CASE(get_section_names_are_case_sensitive_and_ordered_by_first_use) {
    // Arrange
    const auto config = ConfigParams::from_string("S.a=1;s.b=2;x.c=3;S.d=4");

    // Act
    const auto names = config.get_section_names();

    // Assert
    BOOST_TEST(names == list({"S", "s", "x"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(get_section_strips_the_prefix) {
    // Arrange
    const auto config = ConfigParams::from_tuples("a.b.c", "1", "a.x", "2", "top", "3", "ab.c", "4", "a", "5");

    // Act
    const auto section = config.get_section("a");

    // Assert
    BOOST_TEST(section.to_string() == "b.c=1;x=2");
}

BOOST_AUTO_TEST_CASE(get_section_nested_prefix) {
    // Arrange
    const auto config = ConfigParams::from_tuples("a.b.c", "1", "a.b.d", "2", "a.x", "3");

    // Act
    const auto section = config.get_section("a.b");

    // Assert
    BOOST_TEST(section.to_string() == "c=1;d=2");
    BOOST_TEST((section == config.get_section("a").get_section("b")));
}

BOOST_AUTO_TEST_CASE(get_section_trailing_dot_key_becomes_empty_key) {
    // Arrange
    const auto config = ConfigParams::from_tuples("sec.", "5", "sec.k", "6");

    // Act
    const auto section = config.get_section("sec");

    // Assert
    BOOST_TEST(keys(section) == list({"", "k"}), boost::test_tools::per_element());
    BOOST_TEST(section.get("") == "5"s);
}

BOOST_AUTO_TEST_CASE(get_section_keeps_values_as_they_are) {
    // Arrange
    const auto config = ConfigParams::from_tuples("s.none", std::nullopt, "s.empty", "");

    // Act
    const auto section = config.get_section("s");

    // Assert
    BOOST_TEST(entry(section, "none") == "<no value>");
    BOOST_TEST(entry(section, "empty") == "=");
}

BOOST_AUTO_TEST_CASE(get_section_missing_or_case_mismatch_is_empty) {
    // Arrange
    const auto config = ConfigParams::from_tuples("Section1.k", "v", "top", "t");

    // Act / Assert
    BOOST_TEST(config.get_section("missing").empty());
    BOOST_TEST(config.get_section("section1").empty());
    BOOST_TEST(config.get_section("top").empty());
    BOOST_TEST(config.get_section("Section1").size() == 1U);
}

BOOST_AUTO_TEST_CASE(get_section_empty_name_takes_leading_dot_keys) {
    // Arrange
    const auto config = ConfigParams::from_tuples(".dot", "1", "plain", "2");

    // Act
    const auto section = config.get_section("");

    // Assert
    BOOST_TEST(section.to_string() == "dot=1");
}

BOOST_AUTO_TEST_CASE(add_section_prefixes_keys) {
    // Arrange
    auto config = ConfigParams::from_tuples("top", "t");

    // Act
    config.add_section("S", ConfigParams::from_tuples("k1", "v1", "k2", std::nullopt));

    // Assert
    BOOST_TEST(config.to_string() == "top=t;S.k1=v1;S.k2");
}

BOOST_AUTO_TEST_CASE(add_section_shadow_keys_verified_example) {
    // Arrange
    ConfigParams config;
    const auto section = ConfigParams::from_tuples("k1", "v1", "", "root", "#hid", "h", "!x", "y");

    // Act
    config.add_section("S", section);

    // Assert
    BOOST_TEST(config.size() == 2U);
    BOOST_TEST(keys(config) == list({"S.k1", "S"}), boost::test_tools::per_element());
    BOOST_TEST(config.get("S.k1") == "v1"s);
    BOOST_TEST(config.get("S") == "y"s);
}

BOOST_AUTO_TEST_CASE(add_section_shadow_section_name_verified_example) {
    // Arrange
    ConfigParams config;

    // Act
    config.add_section("#S", ConfigParams::from_tuples("k1", "v1"));

    // Assert
    BOOST_TEST(config.to_string() == "k1=v1");
}

BOOST_AUTO_TEST_CASE(add_section_empty_or_bang_section_puts_keys_at_top_level) {
    // Arrange
    ConfigParams config;

    // Act
    config.add_section("", ConfigParams::from_tuples("a", "1"));
    config.add_section("!hidden", ConfigParams::from_tuples("b", "2"));

    // Assert
    BOOST_TEST(config.to_string() == "a=1;b=2");
}

BOOST_AUTO_TEST_CASE(add_section_shadow_section_and_shadow_key_give_the_empty_key) {
    // Arrange
    ConfigParams config;

    // Act
    config.add_section("#S", ConfigParams::from_tuples("#k", "v"));

    // Assert
    BOOST_TEST(config.size() == 1U);
    BOOST_TEST(entry(config, "") == "=v");
}

BOOST_AUTO_TEST_CASE(add_section_only_leading_hash_or_bang_is_shadow) {
    // Arrange
    ConfigParams config;

    // Act
    config.add_section("S#", ConfigParams::from_tuples("k!", "v", "a#b", "w"));

    // Assert
    BOOST_TEST(config.to_string() == "S#.k!=v;S#.a#b=w");
}

BOOST_AUTO_TEST_CASE(add_section_overwrites_existing_keys_in_place) {
    // Arrange
    auto config = ConfigParams::from_tuples("S.k1", "old", "other", "o");

    // Act
    config.add_section("S", ConfigParams::from_tuples("k1", "new", "k2", "v2"));

    // Assert
    BOOST_TEST(config.to_string() == "S.k1=new;other=o;S.k2=v2");
}

BOOST_AUTO_TEST_CASE(add_section_with_empty_params_is_a_no_op) {
    // Arrange
    auto config = ConfigParams::from_tuples("a", "1");

    // Act
    config.add_section("S", ConfigParams());

    // Assert
    BOOST_TEST(config.to_string() == "a=1");
}

BOOST_AUTO_TEST_CASE(add_section_then_get_section_round_trips) {
    // Arrange
    ConfigParams config;
    const auto section = ConfigParams::from_tuples("host", "localhost", "port", 8080, "ssl", std::nullopt);

    // Act
    config.add_section("connection", section);

    // Assert
    BOOST_TEST((config.get_section("connection") == section));
    BOOST_TEST(config.get_section_names() == list({"connection"}), boost::test_tools::per_element());
}

// ---- override / set_defaults / merge_configs -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(override_lets_the_other_map_win) {
    // Arrange
    const auto config = ConfigParams::from_tuples("k1", "A1", "k2", "A2");
    const auto overrides = ConfigParams::from_tuples("k2", "B2", "k3", "B3");

    // Act
    const auto result = config.override(overrides);

    // Assert
    BOOST_TEST(result.to_string() == "k1=A1;k2=B2;k3=B3");
    BOOST_TEST(config.to_string() == "k1=A1;k2=A2");  // the original is untouched
    BOOST_TEST(overrides.to_string() == "k2=B2;k3=B3");
}

BOOST_AUTO_TEST_CASE(override_with_no_value_replaces_the_value) {
    // Arrange
    const auto config = ConfigParams::from_tuples("k", "v");

    // Act
    const auto result = config.override(ConfigParams::from_tuples("k", std::nullopt));

    // Assert
    BOOST_TEST(entry(result, "k") == "<no value>");
}

BOOST_AUTO_TEST_CASE(override_with_empty_is_a_copy) {
    // Arrange
    const auto config = ConfigParams::from_string("a=1;b");

    // Act / Assert
    BOOST_TEST((config.override(ConfigParams()) == config));
    BOOST_TEST((ConfigParams().override(config) == config));
}

BOOST_AUTO_TEST_CASE(set_defaults_keeps_own_values_after_defaults_keys) {
    const auto config = ConfigParams::from_tuples("k1", "A1", "k2", "A2");
    const auto result = config.set_defaults(ConfigParams::from_tuples("k2", "B2", "k3", "B3"));
    BOOST_TEST(result.to_string() == "k2=A2;k3=B3;k1=A1");
}

BOOST_AUTO_TEST_CASE(set_defaults_verified_example_entries) {
    // Arrange
    const auto config = ConfigParams::from_tuples("k1", "A1", "k2", "A2");
    const auto defaults = ConfigParams::from_tuples("k2", "B2", "k3", "B3");

    // Act
    const auto result = config.set_defaults(defaults);

    // Assert
    BOOST_TEST(result.size() == 3U);
    BOOST_TEST(keys(result) == list({"k2", "k3", "k1"}), boost::test_tools::per_element());
    BOOST_TEST(result.get("k1") == "A1"s);
    BOOST_TEST(result.get("k2") == "A2"s);
    BOOST_TEST(result.get("k3") == "B3"s);
    BOOST_TEST(config.to_string() == "k1=A1;k2=A2");
    BOOST_TEST(defaults.to_string() == "k2=B2;k3=B3");
}

BOOST_AUTO_TEST_CASE(set_defaults_with_empty_defaults_is_a_copy) {
    // Arrange
    const auto config = ConfigParams::from_string("x=1;y");

    // Act / Assert
    BOOST_TEST((config.set_defaults(ConfigParams()) == config));
    BOOST_TEST((ConfigParams().set_defaults(config) == config));
}

BOOST_AUTO_TEST_CASE(merge_configs_later_wins) {
    // Arrange
    const auto first = ConfigParams::from_tuples("a", "1", "b", "1");
    const auto second = ConfigParams::from_tuples("b", "2", "c", "2");
    const auto third = ConfigParams::from_tuples("c", "3", "d", std::nullopt);

    // Act
    const auto result = ConfigParams::merge_configs(first, second, third);

    // Assert
    BOOST_TEST(result.to_string() == "a=1;b=2;c=3;d");
}

BOOST_AUTO_TEST_CASE(merge_configs_initializer_list_form) {
    // Arrange
    const auto first = ConfigParams::from_tuples("a", "1");
    const auto second = ConfigParams::from_tuples("a", "2");

    // Act
    const auto result = ConfigParams::merge_configs({std::cref(first), std::cref(second)});

    // Assert
    BOOST_TEST(result.to_string() == "a=2");
}

BOOST_AUTO_TEST_CASE(merge_configs_of_nothing_or_one_map) {
    // Arrange
    const auto only = ConfigParams::from_string("a=1;b");

    // Act / Assert
    BOOST_TEST(ConfigParams::merge_configs().empty());
    BOOST_TEST((ConfigParams::merge_configs(only) == only));
}

BOOST_AUTO_TEST_CASE(merge_configs_no_value_overrides_earlier_value) {
    // Arrange
    const auto first = ConfigParams::from_tuples("k", "v");
    const auto second = ConfigParams::from_tuples("k", std::nullopt);

    // Act
    const auto result = ConfigParams::merge_configs(first, second);

    // Assert
    BOOST_TEST(entry(result, "k") == "<no value>");
}

// ---- equality --------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(equal_when_entries_are_equal) {
    // Arrange
    const auto a = ConfigParams::from_string("k1=v1;k2;k3=");
    const auto b = ConfigParams::from_tuples("k1", "v1", "k2", std::nullopt, "k3", "");

    // Act / Assert
    BOOST_TEST((a == b));
    BOOST_TEST(!(a != b));
    BOOST_TEST((ConfigParams() == ConfigParams()));
}

BOOST_AUTO_TEST_CASE(not_equal_when_values_keys_or_sizes_differ) {
    // Arrange
    const auto base = ConfigParams::from_tuples("k", "v");

    // Act / Assert
    BOOST_TEST((base != ConfigParams::from_tuples("k", "w")));
    BOOST_TEST((base != ConfigParams::from_tuples("K", "v")));
    BOOST_TEST((base != ConfigParams::from_tuples("k", "v", "x", "y")));
    BOOST_TEST((base != ConfigParams()));
    BOOST_TEST((ConfigParams::from_tuples("k", "") != ConfigParams::from_tuples("k", std::nullopt)));
}

BOOST_AUTO_TEST_CASE(copies_are_independent) {
    // Arrange
    const auto original = ConfigParams::from_tuples("a", "1");
    auto copy = original;

    // Act
    copy.put("a", "2");
    copy.put("b", "3");

    // Assert
    BOOST_TEST(original.to_string() == "a=1");
    BOOST_TEST(copy.to_string() == "a=2;b=3");
    BOOST_TEST((original != copy));
}

// ---- edge cases ------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(very_long_values_and_keys_survive) {
    // Arrange
    const std::string long_value(1'000'000, 'v');
    const std::string long_key(10'000, 'k');

    // Act
    const auto config = ConfigParams::from_string(long_key + "=" + long_value + ";short=1");

    // Assert
    BOOST_TEST(config.size() == 2U);
    BOOST_TEST(config.get(long_key).value_or("").size() == 1'000'000U);
    BOOST_TEST(config.get_as_integer("short") == 1);
    BOOST_TEST(config.to_string().size() == long_key.size() + 1 + long_value.size() + std::string_view(";short=1").size());
}

BOOST_AUTO_TEST_CASE(many_entries_keep_order) {
    // Arrange
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "key" + std::to_string(i) + "=" + std::to_string(i * 2) + ";";

    // Act
    const auto config = ConfigParams::from_string(text);

    // Assert
    BOOST_TEST(config.size() == 2000U);
    BOOST_TEST(config.get_keys().front() == "key0");
    BOOST_TEST(config.get_keys().back() == "key1999");
    BOOST_TEST(config.get_as_integer("key1234") == 2468);
    BOOST_TEST(config.to_string() + ";" == text);
}

BOOST_AUTO_TEST_CASE(embedded_nul_in_keys_and_values_is_kept) {
    // Arrange
    const std::string key("k\0ey", 4);
    const std::string value("v\0al", 4);
    ConfigParams config;

    // Act
    config.put(key, value);
    config.put("k", "short");

    // Assert
    BOOST_TEST(config.size() == 2U);
    BOOST_TEST(config.get(key) == value);
    BOOST_TEST(config.get(key).value_or("").size() == 4U);
    BOOST_TEST(config.get("k") == "short"s);
    BOOST_TEST(config.to_string() == key + "=" + value + ";k=short");
}

BOOST_AUTO_TEST_CASE(embedded_nul_in_from_string_does_not_split) {
    // Arrange
    const std::string text("a\0b=1\0;c=\0", 10);

    // Act
    const auto config = ConfigParams::from_string(text);

    // Assert
    BOOST_TEST(config.size() == 2U);
    BOOST_TEST(config.get(std::string("a\0b", 3)) == std::string("1\0", 2));
    BOOST_TEST(config.get("c") == std::string("\0", 1));
    BOOST_TEST(config.get_as_integer(std::string("a\0b", 3)) == 0);  // "1\0" is not a number
}

BOOST_AUTO_TEST_CASE(embedded_nul_in_sections) {
    // Arrange
    const std::string section("s\0x", 3);
    ConfigParams config;

    // Act
    config.add_section(section, ConfigParams::from_tuples("k", "v"));

    // Assert
    BOOST_TEST(config.get_section_names() == list({section}), boost::test_tools::per_element());
    BOOST_TEST(config.get_section(section).get("k") == "v"s);
    BOOST_TEST(config.get_section("s").empty());
}

BOOST_AUTO_TEST_SUITE_END()
