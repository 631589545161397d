// Single-result lookups do not allocate: by Descriptor, `_descriptor` literal, string, integer and a stored
// AnyLocator, hit or miss, exact or by one field, typed or not. This executable replaces the global operator new
// with one that counts this thread's allocations; each test warms the path up once (a first typed lookup caches
// its cast, a thread's first lookup registers it), then asserts that the counted lookups allocated nothing.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <new>

#include "pip_std.hpp"
import pip.refer;

using namespace pip::refer;

namespace {

thread_local std::size_t allocations = 0;

void* counted_allocation(std::size_t size) {
    ++allocations;
    if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
    throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return counted_allocation(size); }
void* operator new[](std::size_t size) { return counted_allocation(size); }
void operator delete(void* block) noexcept { std::free(block); }
void operator delete[](void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }
void operator delete[](void* block, std::size_t) noexcept { std::free(block); }

namespace {

struct IService {
    virtual ~IService() = default;
};
struct Padding {
    std::int64_t padding = 0;
};
struct Service final : Padding, IService {};

/// The allocations `lookups` makes, after running it once to warm its path up.
template <class Lookups>
std::size_t allocations_of(Lookups&& lookups) {
    lookups();
    const auto before = allocations;
    lookups();
    return allocations - before;
}

/// Counts the lookups that answered as expected, without allocating (Boost.Test's assertions may allocate, so
/// they run after the counted lookups).
struct Answers {
    void expect(bool answered) noexcept { wrong += answered ? 0 : 1; }
    std::size_t wrong = 0;
};

struct Registry {
    Registry() {
        for (int i = 0; i < 100; ++i) {
            const auto name = "service" + std::to_string(i) + "-with-a-name-longer-than-short-strings";
            references.put(Descriptor("app", "service", "default", name, "1.0"), std::make_shared<Service>());
            references.put(name, std::make_shared<Service>());
            references.put(i, std::make_shared<Service>());
        }
        references.put(Descriptor("app", "wildcard", "*", "*", "1.0"), std::make_shared<Service>());
    }
    References references;
    const Descriptor hit{"app", "service", "default", "service42-with-a-name-longer-than-short-strings", "1.0"};
    const Descriptor miss{"app", "service", "default", "absent-service-with-a-name-longer-than-short", "1.0"};
    const std::string text = "service42-with-a-name-longer-than-short-strings";
    const AnyLocator stored{Descriptor("app", "service", "default", "service7-with-a-name-longer-than-short-strings",
                                       "1.0")};
};

}  // namespace

BOOST_AUTO_TEST_SUITE(lookup_allocations)

BOOST_AUTO_TEST_CASE(the_counter_counts) {
    // Arrange, Act: a lookup that builds an owning locator does allocate
    const auto counted = allocations_of([] { static_cast<void>(AnyLocator(std::string(100, 'x'))); });

    // Assert
    BOOST_TEST(counted >= 1U);
}

BOOST_AUTO_TEST_CASE(by_descriptor) {
    // Arrange
    const Registry registry;
    const auto& references = registry.references;

    // Act
    Answers answers;
    const auto counted = allocations_of([&] {
        answers.expect(references.get_one_optional(registry.hit) != nullptr);
        answers.expect(references.get_one_required<IService>(registry.hit) != nullptr);
        answers.expect(references.get_one_optional(registry.miss) == nullptr);
        answers.expect(references.get_one_optional<IService>(registry.stored) != nullptr);
    });

    // Assert
    BOOST_TEST(counted == 0U);
    BOOST_TEST(answers.wrong == 0U);
}

BOOST_AUTO_TEST_CASE(by_literal) {
    // Arrange
    const Registry registry;
    const auto& references = registry.references;

    // Act
    Answers answers;
    const auto counted = allocations_of([&] {
        answers.expect(references.get_one_optional(
                       "app:service:default:service42-with-a-name-longer-than-short-strings:1.0"_descriptor) !=
                   nullptr);
        answers.expect(references.get_one_required<IService>(
                       "*:*:*:service42-with-a-name-longer-than-short-strings:*"_descriptor) != nullptr);
        answers.expect(references.get_one_optional("app:wildcard:k:n:1.0"_descriptor) != nullptr);
        answers.expect(references.get_one_optional("app:absent:k:n:1.0"_descriptor) == nullptr);
    });

    // Assert
    BOOST_TEST(counted == 0U);
    BOOST_TEST(answers.wrong == 0U);
}

BOOST_AUTO_TEST_CASE(by_string_and_integer) {
    // Arrange
    const Registry registry;
    const auto& references = registry.references;

    // Act
    Answers answers;
    const auto counted = allocations_of([&] {
        answers.expect(references.get_one_optional(registry.text) != nullptr);
        answers.expect(references.get_one_required<IService>(std::string_view(registry.text)) != nullptr);
        answers.expect(references.get_one_optional("service7-with-a-name-longer-than-short-strings") != nullptr);
        answers.expect(references.get_one_optional(42) != nullptr);
        answers.expect(references.get_one_required<IService>(std::int64_t{42}) != nullptr);
        answers.expect(references.get_one_optional(1000) == nullptr);
    });

    // Assert
    BOOST_TEST(counted == 0U);
    BOOST_TEST(answers.wrong == 0U);
}

BOOST_AUTO_TEST_CASE(through_the_interface) {
    // Arrange
    const Registry registry;
    const IReferences& references = registry.references;

    // Act
    Answers answers;
    const auto counted = allocations_of([&] {
        answers.expect(references.get_one_optional(registry.hit) != nullptr);
        answers.expect(references.get_one_required<IService>(registry.text) != nullptr);
        answers.expect(references.get_one_optional(7) != nullptr);
    });

    // Assert
    BOOST_TEST(counted == 0U);
    BOOST_TEST(answers.wrong == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
