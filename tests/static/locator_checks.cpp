// Compile-time behaviour of the locator concepts and key normalisation: this file passes by compiling.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
import pip.refer;

using namespace pip::refer;

namespace locator_checks {  // named: types only used inside static_asserts would warn in an unnamed one

struct NoEquality {
    int id = 0;
};
struct MoveOnlyKey {
    std::unique_ptr<int> id;
    friend bool operator==(const MoveOnlyKey&, const MoveOnlyKey&) = default;
};
struct PlainKey {
    int id = 0;
    friend bool operator==(const PlainKey&, const PlainKey&) = default;
};
// A user locator with its own matching rule: major version 0 matches any major version.
struct VersionedKey {
    std::string name;
    int major = 0;
    [[nodiscard]] bool match(const VersionedKey& query) const {
        return name == query.name && (major == 0 || query.major == 0 || major == query.major);
    }
    friend bool operator==(const VersionedKey&, const VersionedKey&) = default;
};
// match() must answer a bool: one returning nothing is not a matching rule.
struct VoidMatchKey {
    int id = 0;
    void match(const VoidMatchKey&) const {}
    friend bool operator==(const VoidMatchKey&, const VoidMatchKey&) = default;
};
struct Component {};

// Locator: copyable and equality-comparable once normalised; null is never a locator.
static_assert(Locator<int>);
static_assert(Locator<std::string>);
static_assert(Locator<std::string_view>);
static_assert(Locator<const char*>);
static_assert(Locator<const char (&)[3]>);
static_assert(Locator<Descriptor>);
static_assert(Locator<DescriptorView>);
static_assert(Locator<PlainKey>);
static_assert(Locator<std::shared_ptr<Component>>);  // a lookup by the component itself
static_assert(!Locator<NoEquality>);
static_assert(!Locator<MoveOnlyKey>);
static_assert(!Locator<std::nullptr_t>);

// MatchableLocator: a Locator whose key has `bool match(key)`.
static_assert(MatchableLocator<Descriptor>);
static_assert(MatchableLocator<DescriptorView>);  // matched as the Descriptor it normalises to
static_assert(MatchableLocator<VersionedKey>);
static_assert(!MatchableLocator<int>);
static_assert(!MatchableLocator<std::string>);
static_assert(!MatchableLocator<PlainKey>);
static_assert(!MatchableLocator<VoidMatchKey>);
static_assert(!MatchableLocator<NoEquality>);

// Normalisation: string-likes are one key type, a descriptor view is a Descriptor, other types are themselves.
static_assert(std::same_as<locator_key_t<const char (&)[3]>, std::string>);
static_assert(std::same_as<locator_key_t<const char*>, std::string>);
static_assert(std::same_as<locator_key_t<char*>, std::string>);
static_assert(std::same_as<locator_key_t<std::string_view>, std::string>);
static_assert(std::same_as<locator_key_t<const std::string&>, std::string>);
static_assert(std::same_as<locator_key_t<DescriptorView>, Descriptor>);
static_assert(std::same_as<locator_key_t<Descriptor>, Descriptor>);
static_assert(std::same_as<locator_key_t<PlainKey>, PlainKey>);

// Integers of any integral type are one key compared by value; bool and character types are not integers.
static_assert(std::same_as<locator_key_t<int>, IntegerKey>);
static_assert(std::same_as<locator_key_t<short>, IntegerKey>);
static_assert(std::same_as<locator_key_t<unsigned long long>, IntegerKey>);
static_assert(std::same_as<locator_key_t<const long&>, IntegerKey>);
static_assert(std::same_as<locator_key_t<bool>, bool>);
static_assert(std::same_as<locator_key_t<char>, char>);
static_assert(std::same_as<locator_key_t<char32_t>, char32_t>);
static_assert(!std::same_as<locator_key_t<bool>, IntegerKey>);

template <class T>
concept HasIntegerKey = requires(T value) { IntegerKey::of(value); };
static_assert(HasIntegerKey<int> && HasIntegerKey<std::uint64_t> && HasIntegerKey<std::int16_t>);
static_assert(!HasIntegerKey<bool>);
static_assert(!HasIntegerKey<char>);
static_assert(!HasIntegerKey<std::int8_t>);  // it is signed char: a character type, so its own locator type
static_assert(!HasIntegerKey<double>);

static_assert(IntegerKey::of(42) == IntegerKey::of(42ULL));
static_assert(IntegerKey::of(short{-5}) == IntegerKey::of(-5LL));
static_assert(IntegerKey::of(-1) != IntegerKey::of(1));
static_assert(IntegerKey::of(-1) != IntegerKey::of(std::numeric_limits<std::uint64_t>::max()));
static_assert(IntegerKey::of(std::numeric_limits<std::int64_t>::min()) ==
              IntegerKey{true, std::uint64_t{1} << 63U});  // no overflow at the most negative value

// The references API takes exactly the Locators, for puts and lookups alike.
template <class L>
concept Puttable = requires(References& references, const L& locator, std::shared_ptr<Component> component) {
    references.put(locator, component);
};
template <class L>
concept Findable = requires(const References& references, const L& locator) {
    references.template get_one_optional<Component>(locator);
};
static_assert(Puttable<Descriptor> && Puttable<const char*> && Puttable<int> && Puttable<VersionedKey>);
static_assert(Puttable<DescriptorView>);
static_assert(!Puttable<NoEquality> && !Puttable<std::nullptr_t> && !Puttable<MoveOnlyKey>);
static_assert(Findable<Descriptor> && Findable<std::string> && Findable<long>);
static_assert(!Findable<NoEquality> && !Findable<std::nullptr_t>);
static_assert(std::constructible_from<AnyLocator, VersionedKey>);
static_assert(!std::constructible_from<AnyLocator, NoEquality>);
static_assert(!std::constructible_from<AnyLocator, std::nullptr_t>);

// Queries view their locator: a LocatorView is made from any locator (or an AnyLocator) without throwing, and
// from nothing else.
static_assert(std::is_nothrow_constructible_v<LocatorView, const Descriptor&>);
static_assert(std::is_nothrow_constructible_v<LocatorView, const DescriptorView&>);
static_assert(std::is_nothrow_constructible_v<LocatorView, const std::string&>);
static_assert(std::is_nothrow_constructible_v<LocatorView, const int&>);
static_assert(std::is_nothrow_constructible_v<LocatorView, const AnyLocator&>);
static_assert(std::is_nothrow_constructible_v<LocatorView, const VersionedKey&>);
static_assert(!std::constructible_from<LocatorView, NoEquality> && !std::constructible_from<LocatorView, std::nullptr_t>);

}  // namespace locator_checks
