#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.refer;

using namespace pip::refer;

// A named namespace: some operators below are only named by concepts, which an anonymous namespace would warn about.
namespace locator_test {

/// A user locator compared with ==.
struct Key {
    int id = 0;
    friend bool operator==(const Key&, const Key&) = default;
};

/// Another user locator with the same shape as Key: a different type, so never a match for Key.
struct OtherKey {
    int id = 0;
    friend bool operator==(const OtherKey&, const OtherKey&) = default;
};

/// A user locator with its own rule: the stored prefix matches any query starting with it.
struct Prefix {
    std::string text;
    [[nodiscard]] bool match(const Prefix& query) const { return query.text.starts_with(text); }
    friend bool operator==(const Prefix&, const Prefix&) = default;
};

/// A user locator with a readable text form.
struct Named {
    std::string name;
    [[nodiscard]] std::string to_string() const { return "named:" + name; }
    friend bool operator==(const Named&, const Named&) = default;
};

struct NotComparable {
    int id = 0;
};

bool matches(const AnyLocator& stored, const AnyLocator& query) { return stored.matches(query); }

}  // namespace locator_test

using namespace locator_test;

BOOST_AUTO_TEST_SUITE(locator)

// --- the concepts -----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(concepts_accept_locators_and_reject_the_rest) {
    static_assert(Locator<int>);
    static_assert(Locator<unsigned long long>);
    static_assert(Locator<std::string>);
    static_assert(Locator<std::string_view>);
    static_assert(Locator<const char*>);
    static_assert(Locator<decltype("literal")>);
    static_assert(Locator<Descriptor>);
    static_assert(Locator<DescriptorView>);
    static_assert(Locator<Key>);
    static_assert(Locator<Prefix>);
    static_assert(Locator<bool>);
    static_assert(Locator<char>);
    static_assert(!Locator<std::nullptr_t>);
    static_assert(!Locator<NotComparable>);

    static_assert(MatchableLocator<Descriptor>);
    static_assert(MatchableLocator<DescriptorView>);  // matched as the Descriptor it becomes
    static_assert(MatchableLocator<Prefix>);
    static_assert(!MatchableLocator<Key>);
    static_assert(!MatchableLocator<int>);
    static_assert(!MatchableLocator<std::string>);
    BOOST_TEST(true);
}

BOOST_AUTO_TEST_CASE(locator_keys_normalise_strings_integers_and_literals) {
    static_assert(std::same_as<locator_key_t<const char*>, std::string>);
    static_assert(std::same_as<locator_key_t<decltype("literal")>, std::string>);
    static_assert(std::same_as<locator_key_t<std::string_view>, std::string>);
    static_assert(std::same_as<locator_key_t<std::string>, std::string>);
    static_assert(std::same_as<locator_key_t<int>, IntegerKey>);
    static_assert(std::same_as<locator_key_t<short>, IntegerKey>);
    static_assert(std::same_as<locator_key_t<std::uint64_t>, IntegerKey>);
    static_assert(std::same_as<locator_key_t<bool>, bool>);
    static_assert(std::same_as<locator_key_t<char>, char>);
    static_assert(std::same_as<locator_key_t<char32_t>, char32_t>);
    static_assert(std::same_as<locator_key_t<DescriptorView>, Descriptor>);
    static_assert(std::same_as<locator_key_t<Key>, Key>);
    BOOST_TEST(true);
}

// --- strings ----------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(all_string_kinds_are_one_locator_type) {
    // Arrange
    char buffer[] = "name";
    const std::vector<AnyLocator> spellings{"name", std::string("name"), std::string_view("name"),
                                            static_cast<const char*>(buffer), buffer};

    // Act / Assert
    for (const auto& stored : spellings) {
        BOOST_TEST_REQUIRE(stored.string() != nullptr);
        BOOST_TEST(*stored.string() == "name");
        for (const auto& query : spellings) BOOST_TEST(matches(stored, query));
    }
}

BOOST_AUTO_TEST_CASE(strings_compare_exactly) {
    BOOST_TEST(!matches("name", "Name"));
    BOOST_TEST(!matches("name", "name "));
    BOOST_TEST(!matches("name", ""));
    BOOST_TEST(matches("", std::string()));
}

BOOST_AUTO_TEST_CASE(a_string_view_locator_is_copied) {
    // Arrange
    std::string text = "first";
    const AnyLocator locator(std::string_view{text});

    // Act
    text = "other";

    // Assert
    BOOST_TEST(locator.to_string() == "first");
    BOOST_TEST(matches(locator, "first"));
}

BOOST_AUTO_TEST_CASE(a_descriptor_text_is_a_string_not_a_descriptor) {
    BOOST_TEST(!matches("g:t:k:n:1.0", Descriptor("g", "t", "k", "n", "1.0")));
    BOOST_TEST(!matches(Descriptor("g", "t", "k", "n", "1.0"), "g:t:k:n:1.0"));
    BOOST_TEST(!matches(Descriptor(), "anything"));
}

// --- integers ---------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(integers_of_different_types_compare_by_value) {
    // Arrange
    const std::vector<AnyLocator> sevens{7, 7L, 7LL, 7U, 7UL, 7ULL, static_cast<short>(7),
                                         static_cast<unsigned short>(7), std::int32_t{7}, std::uint64_t{7},
                                         std::size_t{7}, std::ptrdiff_t{7}};

    // Act / Assert
    for (const auto& stored : sevens) {
        BOOST_TEST_REQUIRE(stored.integer() != nullptr);
        for (const auto& query : sevens) BOOST_TEST(matches(stored, query));
        BOOST_TEST(!matches(stored, 8));
        BOOST_TEST(!matches(stored, -7));
    }
}

BOOST_AUTO_TEST_CASE(negative_integers_compare_by_value) {
    BOOST_TEST(matches(-1, -1LL));
    BOOST_TEST(matches(static_cast<short>(-5), std::int64_t{-5}));
    BOOST_TEST(!matches(-1, 1));
    BOOST_TEST(!matches(-1, std::numeric_limits<std::uint64_t>::max()));
    BOOST_TEST(!matches(-1, std::numeric_limits<unsigned>::max()));
    BOOST_TEST(!matches(std::numeric_limits<unsigned>::max(), -1));
}

BOOST_AUTO_TEST_CASE(integer_extremes_compare_by_value) {
    // Arrange
    constexpr auto int64_min = std::numeric_limits<std::int64_t>::min();
    constexpr auto int64_max = std::numeric_limits<std::int64_t>::max();
    constexpr auto uint64_max = std::numeric_limits<std::uint64_t>::max();
    constexpr auto above_int64 = static_cast<std::uint64_t>(int64_max) + 1;

    // Act / Assert
    BOOST_TEST(matches(int64_min, int64_min));
    BOOST_TEST(matches(int64_max, static_cast<std::uint64_t>(int64_max)));
    BOOST_TEST(matches(uint64_max, static_cast<unsigned long long>(uint64_max)));
    BOOST_TEST(matches(above_int64, above_int64));
    BOOST_TEST(!matches(above_int64, int64_min));  // same bits, different values
    BOOST_TEST(!matches(int64_min, above_int64));
    BOOST_TEST(!matches(uint64_max, -1LL));
    BOOST_TEST(!matches(int64_max, above_int64));
}

BOOST_AUTO_TEST_CASE(integer_key_keeps_sign_and_magnitude) {
    constexpr auto min = IntegerKey::of(std::numeric_limits<std::int64_t>::min());
    static_assert(min.negative && min.magnitude == (std::uint64_t{1} << 63));
    static_assert(IntegerKey::of(-1) == IntegerKey{true, 1});
    static_assert(IntegerKey::of(0U) == IntegerKey::of(0));
    static_assert(IntegerKey::of(std::numeric_limits<std::uint64_t>::max()) ==
                  IntegerKey{false, std::numeric_limits<std::uint64_t>::max()});
    BOOST_TEST(true);
}

BOOST_AUTO_TEST_CASE(integers_never_match_strings) {
    BOOST_TEST(!matches(111, "111"));
    BOOST_TEST(!matches("111", 111));
}

BOOST_AUTO_TEST_CASE(bool_is_not_an_integer) {
    // Arrange
    const AnyLocator yes = true;

    // Act / Assert
    BOOST_TEST(yes.integer() == nullptr);
    BOOST_TEST(yes.custom_type().has_value());
    BOOST_TEST(matches(yes, true));
    BOOST_TEST(!matches(yes, false));
    BOOST_TEST(!matches(yes, 1));
    BOOST_TEST(!matches(1, yes));
    BOOST_TEST(!matches(false, 0));
}

BOOST_AUTO_TEST_CASE(characters_are_not_integers) {
    // Arrange
    const AnyLocator letter = 'A';

    // Act / Assert
    BOOST_TEST(letter.integer() == nullptr);
    BOOST_TEST(letter.string() == nullptr);
    BOOST_TEST(matches(letter, 'A'));
    BOOST_TEST(!matches(letter, 65));
    BOOST_TEST(!matches(65, letter));
    BOOST_TEST(!matches(letter, "A"));
    BOOST_TEST(!matches(letter, U'A'));  // char and char32_t are different types
    BOOST_TEST(!matches(U'A', 65));
}

// --- descriptors ------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(descriptors_match_with_wildcards_both_ways) {
    // Arrange
    const AnyLocator stored_partial = Descriptor("g", "t", "*", "*", "1.0");
    const AnyLocator stored_complete = Descriptor("g", "t", "k", "n", "1.0");

    // Act / Assert
    BOOST_TEST(matches(stored_partial, Descriptor("g", "t", "k", "n", "1.0")));
    BOOST_TEST(matches(stored_complete, Descriptor("g", "t", "*", "*", "*")));
    BOOST_TEST(!matches(stored_complete, Descriptor("g", "t", "k", "n", "2.0")));
    BOOST_TEST(!matches(stored_partial, Descriptor("*", "*", "*", "*", "2.0")));
}

BOOST_AUTO_TEST_CASE(a_descriptor_literal_is_a_descriptor_locator) {
    // Arrange
    const AnyLocator literal = "g:t:k:n:1.0"_descriptor;

    // Act / Assert
    BOOST_TEST_REQUIRE(literal.descriptor() != nullptr);
    BOOST_TEST(*literal.descriptor() == Descriptor("g", "t", "k", "n", "1.0"));
    BOOST_TEST(literal.get_if<DescriptorView>() == literal.descriptor());
    BOOST_TEST(matches(literal, Descriptor("g", "*", "*", "*", "*")));
    BOOST_TEST(matches(Descriptor("g", "*", "*", "*", "*"), "g:t:k:n:1.0"_descriptor));
    BOOST_TEST(!matches(literal, "g:t:k:n:1.0"));
}

// --- user locator types -----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(user_type_is_compared_with_equality) {
    BOOST_TEST(matches(Key{1}, Key{1}));
    BOOST_TEST(!matches(Key{1}, Key{2}));
}

BOOST_AUTO_TEST_CASE(user_type_with_match_is_matched_by_the_stored_side) {
    // Arrange
    const AnyLocator stored = Prefix{"pip."};

    // Act / Assert: stored.match(query) decides, so the rule is one-way
    BOOST_TEST(matches(stored, Prefix{"pip.refer"}));
    BOOST_TEST(matches(stored, Prefix{"pip."}));
    BOOST_TEST(!matches(stored, Prefix{"other"}));
    BOOST_TEST(!matches(Prefix{"pip.refer"}, Prefix{"pip."}));
}

BOOST_AUTO_TEST_CASE(locators_of_different_types_never_match) {
    // Arrange
    const std::vector<AnyLocator> locators{Key{1}, OtherKey{1}, Prefix{""}, 1, "1", true, '1',
                                           Descriptor(), Named{"1"}};

    // Act / Assert: each matches itself only
    for (std::size_t i = 0; i < locators.size(); ++i)
        for (std::size_t j = 0; j < locators.size(); ++j)
            BOOST_TEST(matches(locators[i], locators[j]) == (i == j), "stored " << i << ", query " << j);
}

BOOST_AUTO_TEST_CASE(get_if_returns_the_original_type_only) {
    // Arrange
    const AnyLocator key = Key{42};

    // Act / Assert
    BOOST_TEST_REQUIRE(key.get_if<Key>() != nullptr);
    BOOST_TEST(key.get_if<Key>()->id == 42);
    BOOST_TEST(key.get_if<OtherKey>() == nullptr);
    BOOST_TEST(key.get_if<int>() == nullptr);
    BOOST_TEST(key.get_if<std::string>() == nullptr);
    BOOST_TEST(key.descriptor() == nullptr);
    BOOST_TEST(key.string() == nullptr);
    BOOST_TEST(key.integer() == nullptr);
    BOOST_TEST((key.custom_type() == std::optional<std::type_index>(typeid(Key))));

    BOOST_TEST(AnyLocator(5L).get_if<int>() != nullptr);
    BOOST_TEST(AnyLocator("x").get_if<std::string_view>() != nullptr);
    BOOST_TEST(!AnyLocator(5).custom_type().has_value());
}

BOOST_AUTO_TEST_CASE(copies_keep_the_locator) {
    // Arrange
    const AnyLocator original = Prefix{"a"};

    // Act
    const AnyLocator copy = original;  // NOLINT(performance-unnecessary-copy-initialization)

    // Assert
    BOOST_TEST(matches(copy, Prefix{"abc"}));
    BOOST_TEST(matches(original, Prefix{"abc"}));
}

// --- component identity -----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(shared_ptr_locator_carries_the_object_identity) {
    // Arrange
    struct Base {
        virtual ~Base() = default;
    };
    struct Derived : Base {};
    const auto derived = std::make_shared<Derived>();
    const std::shared_ptr<Base> base = derived;

    // Act / Assert
    BOOST_TEST(AnyLocator(derived).identity() == static_cast<const void*>(derived.get()));
    BOOST_TEST(AnyLocator(base).identity() == AnyLocator(derived).identity());
    BOOST_TEST(AnyLocator(1).identity() == nullptr);
    BOOST_TEST(AnyLocator("x").identity() == nullptr);
    BOOST_TEST(AnyLocator(std::shared_ptr<Base>{}).identity() == nullptr);
}

// --- text form --------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(to_string_gives_a_readable_form) {
    BOOST_TEST(AnyLocator(Descriptor("g", "*", "k", "n", "1.0")).to_string() == "g:*:k:n:1.0");
    BOOST_TEST(AnyLocator("g:t:k:n:1.0"_descriptor).to_string() == "g:t:k:n:1.0");
    BOOST_TEST(AnyLocator("Reference1").to_string() == "Reference1");
    BOOST_TEST(AnyLocator(42).to_string() == "42");
    BOOST_TEST(AnyLocator(-42).to_string() == "-42");
    BOOST_TEST(AnyLocator(std::numeric_limits<std::int64_t>::min()).to_string() == "-9223372036854775808");
    BOOST_TEST(AnyLocator(std::numeric_limits<std::uint64_t>::max()).to_string() == "18446744073709551615");
    BOOST_TEST(AnyLocator(Named{"db"}).to_string() == "named:db");
}

BOOST_AUTO_TEST_CASE(to_string_of_a_type_without_text_names_the_type) {
    // Act
    const auto text = AnyLocator(Key{1}).to_string();

    // Assert: the demangled name
    BOOST_TEST(text == "<locator of type locator_test::Key>");
}

BOOST_AUTO_TEST_SUITE_END()
