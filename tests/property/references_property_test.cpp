// Property: References, with all its indexes, answers exactly as Pip's plain scan does. A reference model keeps
// the registrations in a vector and scans it newest first with Reference::match (the one match rule); random
// registries (wildcard registrations, duplicates, descriptors, strings, integers of several types, custom and
// matchable locators, components as locators, interleaved remove / remove_all) must give the same components in
// the same order for every query.
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <cstdint>
#include <array>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>
import pip.refer;

using namespace pip::refer;

namespace {

struct Base {
    virtual ~Base() = default;
};
struct Padding {
    std::int64_t padding = 0;
};
/// A Base, at a non-zero offset.
struct Service final : Padding, Base {};
/// Not a Base: typed lookups skip it.
struct Other final {
    int value = 0;
};

/// A custom locator compared with ==.
struct Key {
    int value = 0;
    friend bool operator==(const Key&, const Key&) = default;
};
/// A custom locator with its own match: 0 is a wildcard on either side.
struct Pattern {
    int value = 0;
    [[nodiscard]] bool match(const Pattern& query) const {
        return value == 0 || query.value == 0 || value == query.value;
    }
    bool operator==(const Pattern&) const = default;
};

/// One registered component and what a lookup returns for it, as the address of its complete object.
struct Component {
    std::shared_ptr<Service> service;
    std::shared_ptr<Other> other;

    [[nodiscard]] const void* address() const {
        return service ? static_cast<const void*>(service.get()) : static_cast<const void*>(other.get());
    }
    [[nodiscard]] bool is_base() const { return service != nullptr; }
};

const void* address_of(const std::shared_ptr<void>& component) { return component.get(); }
const void* address_of(const std::shared_ptr<Base>& component) { return dynamic_cast<const void*>(component.get()); }

template <class Pointer>
std::vector<const void*> addresses(const std::vector<Pointer>& components) {
    std::vector<const void*> result;
    for (const auto& component : components) result.push_back(address_of(component));
    return result;
}

/// Pip's algorithm: registrations oldest first, every lookup a newest-first scan with Reference::match.
class ScanModel {
public:
    void put(const AnyLocator& locator, const Component& component) {
        auto held = component.service ? AnyComponent(component.service) : AnyComponent(component.other);
        entries_.push_back(std::make_unique<Entry>(Entry{Reference(locator, std::move(held)), component}));
    }

    /// Matching components newest first (only Bases when `bases_only`), starting after the newest entry holding
    /// `older_than` when it is given.
    [[nodiscard]] std::vector<const void*> find(const AnyLocator& query, bool bases_only,
                                                const void* older_than = nullptr) const {
        std::vector<const void*> found;
        auto entry = entries_.rbegin();
        if (older_than != nullptr) {
            while (entry != entries_.rend() && (*entry)->component.address() != older_than) ++entry;
            if (entry != entries_.rend()) ++entry;
        }
        for (; entry != entries_.rend(); ++entry)
            if ((*entry)->reference.match(query) && (!bases_only || (*entry)->component.is_base()))
                found.push_back((*entry)->component.address());
        return found;
    }
    std::vector<const void*> remove(const AnyLocator& query, bool all) {
        std::vector<const void*> removed;
        for (auto entry = entries_.end(); entry != entries_.begin();) {
            --entry;
            if (!(*entry)->reference.match(query)) continue;
            removed.push_back((*entry)->component.address());
            entry = entries_.erase(entry);
            if (!all) break;
        }
        return removed;
    }
    [[nodiscard]] std::vector<const void*> all_components() const {
        std::vector<const void*> all;
        for (const auto& entry : entries_) all.push_back(entry->component.address());
        return all;
    }
    [[nodiscard]] std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        Reference reference;
        Component component;
    };
    std::vector<std::unique_ptr<Entry>> entries_;  // Reference is not assignable: the vector moves pointers
};

/// Random locators from small pools, so that queries, wildcards and duplicates collide often.
class LocatorSource {
public:
    explicit LocatorSource(std::uint32_t seed) : random_(seed) {}

    /// Calls `use` with a locator of a random kind, typed as a caller would pass it; `for_query` makes descriptor
    /// wildcards likelier.
    template <class Use>
    void with_random_locator(bool for_query, const std::vector<Component>& components, Use&& use) {
        switch (pick(10)) {
            case 0:
            case 1:
            case 2:
            case 3:
                return use(descriptor(for_query));
            case 4:
                return use(string());
            case 5:
                return use(std::string_view(string()));
            case 6:
                return integer(use);
            case 7:
                return use(Key{static_cast<int>(pick(3))});
            case 8:
                return use(Pattern{static_cast<int>(pick(4))});
            default:
                if (components.empty()) return use(descriptor(for_query));
                const auto& component = components[pick(components.size())];
                if (component.service) return use(component.service);
                return use(component.other);
        }
    }

    std::size_t pick(std::size_t count) { return std::uniform_int_distribution<std::size_t>(0, count - 1)(random_); }
    bool chance(double probability) { return std::bernoulli_distribution(probability)(random_); }

private:
    Descriptor descriptor(bool for_query) {
        // A name too long for the index's inline copy of a key exercises its fallback to the descriptor itself.
        static const std::vector<std::vector<std::string>> values{
            {"pip", "acme", ""},
            {"logger", "counter", "cache", "*"},
            {"console", "memory"},
            {"default", "a", "b", "c", "a-name-too-long-to-be-held-inline-by-the-index"},
            {"1.0", "2.0"}};
        const double wildcard = for_query ? 0.45 : 0.12;
        std::array<DescriptorField, 5> fields{};
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (!chance(wildcard)) fields[i] = values[i][pick(values[i].size())];  // "*" also spells a wildcard
        return {fields[0], fields[1], fields[2], fields[3], fields[4]};
    }
    std::string string() {
        static const std::vector<std::string> texts{"a", "b", "logger", "pip:logger:console:default:1.0", ""};
        return texts[pick(texts.size())];
    }
    template <class Use>
    void integer(Use&& use) {
        const auto value = static_cast<int>(pick(7)) - 3;
        switch (pick(5)) {
            case 0:
                return use(value);
            case 1:
                return use(static_cast<long long>(value));
            case 2:
                return use(static_cast<short>(value));
            case 3:
                return use(static_cast<std::int64_t>(value));
            default:
                return use(static_cast<unsigned>(value < 0 ? -value : value));
        }
    }

    std::mt19937 random_;
};

/// Runs `steps` random operations on a References and the model; every answer must be the same.
/// Returns the number of queries compared.
std::size_t run_property(std::uint32_t seed, std::size_t steps) {
    LocatorSource source(seed);
    References references;
    ScanModel model;
    std::vector<Component> components;  // ever registered, removed or not: queries may name any of them
    std::size_t queries = 0;
    // Phases of growth and shrinking, so removals pile up tombstones past the rebuild threshold.
    bool growing = true;

    for (std::size_t step = 0; step < steps; ++step) {
        if (model.size() > 250) growing = false;
        if (model.size() < 20) growing = true;
        const auto operation = source.pick(100);
        const bool put = operation < (growing ? 45U : 15U);
        const bool remove = !put && operation < (growing ? 55U : 50U);

        if (put) {
            if (components.empty() || source.chance(0.7)) {  // otherwise a duplicate component
                Component component;
                if (source.chance(0.75))
                    component.service = std::make_shared<Service>();
                else
                    component.other = std::make_shared<Other>();
                components.push_back(component);
            }
            const auto component = components[source.pick(components.size())];
            source.with_random_locator(false, components, [&](const auto& locator) {
                model.put(AnyLocator(locator), component);
                if (component.service)
                    references.put(locator, component.service);
                else
                    references.put(locator, component.other);
            });
        } else if (remove) {
            const bool all = source.chance(0.3);
            source.with_random_locator(true, components, [&](const auto& locator) {
                const auto expected = model.remove(AnyLocator(locator), all);
                const auto removed = all ? addresses(references.remove_all(locator))
                                         : std::vector<const void*>{address_of(references.remove(locator))};
                BOOST_TEST_REQUIRE(
                    (removed == (all || !expected.empty() ? expected : std::vector<const void*>{nullptr})),
                    "seed " << seed << " step " << step << ": " << (all ? "remove_all " : "remove ")
                            << AnyLocator(locator).to_string());
            });
        } else {
            source.with_random_locator(true, components, [&](const auto& locator) {
                const AnyLocator query(locator);
                const auto context = [&] {
                    return "seed " + std::to_string(seed) + " step " + std::to_string(step) + ": " + query.to_string();
                };
                const auto all = model.find(query, false);
                const auto bases = model.find(query, true);
                BOOST_TEST_REQUIRE((addresses(references.get_optional(locator)) == all), context() << " get_optional");
                BOOST_TEST_REQUIRE((addresses(references.get_optional<Base>(locator)) == bases),
                                   context() << " get_optional<Base>");
                BOOST_TEST_REQUIRE(
                    (address_of(references.get_one_optional(locator)) == (all.empty() ? nullptr : all.front())),
                    context() << " get_one_optional");
                BOOST_TEST_REQUIRE((address_of(references.get_one_optional<Base>(locator)) ==
                                    (bases.empty() ? nullptr : bases.front())),
                                   context() << " get_one_optional<Base>");
                // The lazy query yields what get_optional returns, and so does the interface's virtual path.
                std::vector<const void*> queried;
                for (const auto& component : references.query(locator)) queried.push_back(address_of(component));
                BOOST_TEST_REQUIRE((queried == all), context() << " query");
                std::vector<const void*> queried_bases;
                for (const auto& component : references.query<Base>(locator))
                    queried_bases.push_back(address_of(component));
                BOOST_TEST_REQUIRE((queried_bases == bases), context() << " query<Base>");
                const IReferences& interface = references;
                BOOST_TEST_REQUIRE((addresses(interface.get_optional<Base>(locator)) == bases),
                                   context() << " IReferences::get_optional<Base>");
                if (all.empty())
                    BOOST_CHECK_THROW(static_cast<void>(references.get_required(locator)), ReferenceException);
                else
                    BOOST_TEST_REQUIRE((addresses(references.get_required(locator)) == all), context()
                                                                                                 << " get_required");

                if (components.empty()) return;
                const auto& start = components[source.pick(components.size())];
                const auto before = model.find(query, true, start.address());
                std::optional<const void*> found;
                try {
                    found = start.service ? address_of(references.get_one_before<Base>(start.service, locator))
                                          : address_of(references.get_one_before<Base>(start.other, locator));
                } catch (const ReferenceException&) {
                }
                BOOST_TEST_REQUIRE((found == (before.empty() ? std::nullopt : std::optional(before.front()))),
                                   context() << " get_one_before");
            });
            queries += 9;
        }
        if (step % 97 == 0) {
            BOOST_TEST_REQUIRE(references.size() == model.size(), "seed " << seed << " step " << step << ": size");
            BOOST_TEST_REQUIRE((addresses(references.get_all()) == model.all_components()),
                               "seed " << seed << " step " << step << ": get_all");
        }
    }
    return queries;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(references_property)

BOOST_AUTO_TEST_CASE(indexed_lookups_agree_with_the_newest_first_scan) {
    // Arrange
    constexpr std::array<std::uint32_t, 8> seeds{1, 2, 3, 5, 8, 13, 21, 34};
    std::size_t queries = 0;

    // Act / Assert: each step's answers are compared as they are made
    for (const auto seed : seeds) queries += run_property(seed, 3000);

    BOOST_TEST(queries > 20'000U);
}

BOOST_AUTO_TEST_CASE(lazy_query_agrees_with_get_optional_on_random_registries) {
    // Arrange: other seeds than above; each query step compares query(), query<Base>() and the interface's
    // get_optional<Base> with get_optional and the scan
    constexpr std::array<std::uint32_t, 3> seeds{55, 89, 144};
    std::size_t queries = 0;

    // Act / Assert
    for (const auto seed : seeds) queries += run_property(seed, 3000);

    BOOST_TEST(queries > 8'000U);
}

BOOST_AUTO_TEST_SUITE_END()
