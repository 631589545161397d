// References::query<T>(locator): the lazy range every lookup is built on, and its lifetime and thread contract.
#include <boost/test/unit_test.hpp>

#include <range/v3/range/conversion.hpp>
#include <range/v3/view/take.hpp>
#include <range/v3/view/transform.hpp>

#include "pip_std.hpp"
#include <ranges>
import pip.refer;

using namespace pip::refer;

namespace {

struct IPlugin {
    virtual ~IPlugin() = default;
    [[nodiscard]] virtual std::string name() const = 0;
};
struct Padding {
    std::int64_t padding = 0;
};
/// An IPlugin at a non-zero offset, so a query that forgot the cast would return a wrong pointer.
struct Plugin final : Padding, IPlugin {
    explicit Plugin(std::string plugin_name) : name_(std::move(plugin_name)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    std::string name_;
};
struct NotAPlugin {
    int value = 0;
};

std::string name_of(const std::shared_ptr<IPlugin>& plugin) { return plugin->name(); }

/// Plugins a, b, c, d registered in that order under `*:plugin:*:<name>:1.0`, and one non-plugin among them.
References plugins() {
    References references;
    references.put(Descriptor("app", "plugin", "local", "a", "1.0"), std::make_shared<Plugin>("a"));
    references.put(Descriptor("app", "plugin", "local", "b", "1.0"), std::make_shared<Plugin>("b"));
    references.put(Descriptor("app", "plugin", "local", "x", "1.0"), std::make_shared<NotAPlugin>());
    references.put(Descriptor("app", "plugin", "*", "*", "1.0"), std::make_shared<Plugin>("c"));  // a wildcard one
    references.put(Descriptor("app", "plugin", "local", "d", "1.0"), std::make_shared<Plugin>("d"));
    return references;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(references_query)

BOOST_AUTO_TEST_CASE(yields_the_components_of_the_type_newest_first) {
    // Arrange
    const auto references = plugins();

    // Act
    const auto found = references.query<IPlugin>("*:plugin:*:*:1.0"_descriptor) |
                       ranges::views::transform(name_of) | ranges::to<std::vector<std::string>>();

    // Assert: the wildcard registration merged in its place, the non-plugin skipped
    BOOST_TEST(found == (std::vector<std::string>{"d", "c", "b", "a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(composes_with_range_v3_views) {
    // Arrange
    const auto references = plugins();

    // Act
    const auto first_two = references.query<IPlugin>("*:plugin:*:*:1.0"_descriptor) | ranges::views::take(2) |
                           ranges::views::transform(name_of) | ranges::to<std::vector<std::string>>();

    // Assert
    BOOST_TEST(first_two == (std::vector<std::string>{"d", "c"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(composes_with_std_ranges_views) {
    // Arrange
    const auto references = plugins();
    auto query = references.query<IPlugin>("*:plugin:*:*:1.0"_descriptor);

    // Act
    std::vector<std::string> found;
    for (const auto& plugin : query | std::views::take(3)) found.push_back(plugin->name());

    // Assert
    BOOST_TEST(found == (std::vector<std::string>{"d", "c", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(without_a_type_yields_every_match_as_void) {
    // Arrange
    const auto references = plugins();

    // Act
    std::size_t count = 0;
    for (const std::shared_ptr<void>& component : references.query("*:plugin:*:*:*"_descriptor))
        count += component != nullptr ? 1 : 0;

    // Assert: the four plugins and the non-plugin
    BOOST_TEST(count == 5U);
}

BOOST_AUTO_TEST_CASE(is_lazy_it_casts_only_what_is_taken) {
    // Arrange: a query over the newest plugin only
    const auto references = plugins();

    // Act
    auto query = references.query<IPlugin>("app:plugin:local:d:1.0"_descriptor);
    const auto newest = ranges::begin(query);

    // Assert: an ordinary lookup result, through the IPlugin subobject
    BOOST_REQUIRE(newest != ranges::end(query));
    BOOST_TEST((*newest)->name() == "d");
    BOOST_TEST((*newest).get() == references.get_one_required<IPlugin>("app:plugin:local:d:1.0"_descriptor).get());
}

BOOST_AUTO_TEST_CASE(of_nothing_is_empty) {
    // Arrange
    const auto references = plugins();

    // Act
    auto query = references.query<IPlugin>("app:logger:*:*:*"_descriptor);

    // Assert
    BOOST_TEST((ranges::begin(query) == ranges::end(query)));
}

BOOST_AUTO_TEST_CASE(a_write_from_the_thread_holding_a_query_throws_and_succeeds_after_it) {
    // Arrange
    auto references = plugins();
    const auto extra = std::make_shared<Plugin>("e");

    {
        // Act: the query holds the read lock while it lives
        const auto query = references.query<IPlugin>("*:plugin:*:*:1.0"_descriptor);

        // Assert
        BOOST_CHECK_THROW(references.put(Descriptor("app", "plugin", "local", "e", "1.0"), extra), std::logic_error);
        BOOST_CHECK_THROW(references.remove("app:plugin:local:a:1.0"_descriptor), std::logic_error);
        BOOST_TEST(references.size() == 5U);  // a lookup from the same thread still proceeds
    }

    // Act: once the query is gone, the write proceeds
    references.put(Descriptor("app", "plugin", "local", "e", "1.0"), extra);

    // Assert
    BOOST_TEST(references.get_one_required<IPlugin>("app:plugin:local:e:1.0"_descriptor)->name() == "e");
}

BOOST_AUTO_TEST_CASE(reads_one_state_while_another_thread_writes) {
    // Arrange
    auto references = plugins();
    std::atomic<bool> writer_started{false};
    std::vector<std::string> seen;

    // Act: a writer starts while the query lives; the query still reads the state it was made on
    {
        auto query = references.query<IPlugin>("*:plugin:*:*:1.0"_descriptor);
        std::thread writer([&] {
            writer_started = true;
            references.put(Descriptor("app", "plugin", "local", "e", "1.0"), std::make_shared<Plugin>("e"));
        });
        while (!writer_started) std::this_thread::yield();
        for (const auto& plugin : query) seen.push_back(plugin->name());
        query = {};  // releases the read lock: the writer proceeds
        writer.join();
    }

    // Assert
    BOOST_TEST(seen == (std::vector<std::string>{"d", "c", "b", "a"}), boost::test_tools::per_element());
    BOOST_TEST(references.get_one_required<IPlugin>("*:plugin:*:*:1.0"_descriptor)->name() == "e");
}

BOOST_AUTO_TEST_CASE(a_copy_reads_under_the_same_lock_and_builds_its_own_pipeline) {
    // Arrange
    const auto references = plugins();
    auto query = references.query<IPlugin>("*:plugin:local:*:1.0"_descriptor);
    static_cast<void>(ranges::begin(query));  // builds the original's pipeline first

    // Act
    const auto copy = query;
    auto moved = std::move(query);
    auto copied = copy;

    // Assert
    const auto names = [](auto& range) {
        std::vector<std::string> result;
        for (const auto& plugin : range) result.push_back(plugin->name());
        return result;
    };
    BOOST_TEST(names(moved) == (std::vector<std::string>{"d", "c", "b", "a"}), boost::test_tools::per_element());
    BOOST_TEST(names(copied) == (std::vector<std::string>{"d", "c", "b", "a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
