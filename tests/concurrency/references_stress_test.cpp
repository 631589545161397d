// Many threads on one References: writers put, remove and remove_all their own items while readers run
// wildcard lookups, typed lookups through a base and DependencyResolver lookups. Checked during the run: each
// lookup returns a writer's items newest first with nothing duplicated; checked at the end: nothing lost,
// nothing left over, newest-first order equal to the reverse of registration order.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <map>
#include <ranges>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "stress.hpp"
import pip.refer;

using namespace pip::refer;
using pip::config::ConfigParams;
using pip::stress::Violations;

namespace {

constexpr int writer_count = 4;
constexpr int items_per_writer = 640;  // a multiple of scratch_batch, so every scratch item is removed by the end
constexpr int scratch_batch = 16;
constexpr int reader_count = 2;

struct Tag {
    int padding = 0;
};
struct Base {
    virtual ~Base() = default;
};
/// Found as Base through a non-zero offset, so a wrong cached cast would show.
struct Item final : Tag, Base {
    Item(int writer_id, int item_index) : writer(writer_id), index(item_index) {}
    int writer;
    int index;
};

std::string kind_of(int writer) { return "w" + std::to_string(writer); }
Descriptor item_descriptor(int writer, int index) {
    return {"stress", "item", kind_of(writer), std::to_string(index), "1.0"};
}
const Descriptor every_item{"stress", "item", "*", "*", "*"};

/// Each writer's items must come newest first (indexes strictly decreasing), and no object twice.
template <class Component>
void check_newest_first(const std::vector<std::shared_ptr<Component>>& found, Violations& violations,
                        const std::string& lookup) {
    std::map<int, int> last_index;
    std::set<const void*> seen;
    for (const auto& component : found) {
        const auto* item = dynamic_cast<const Item*>(component.get());
        violations.check(item != nullptr, lookup + ": a component that is not an Item");
        if (item == nullptr) continue;
        violations.check(seen.insert(item).second, lookup + ": an item found twice");
        const auto previous = last_index.find(item->writer);
        violations.check(previous == last_index.end() || previous->second > item->index,
                         lookup + ": items not newest first");
        last_index[item->writer] = item->index;
    }
}

/// One writer: its items, its scratch batch and its own-kind lookups are touched by no other writer, so their
/// exact contents are known at every step.
void write(References& references, int writer, Violations& violations, std::vector<int>& live) {
    const auto scratch_key = "scratch-" + kind_of(writer);
    const Descriptor own_items{"stress", "item", kind_of(writer), "*", "*"};
    for (int index = 0; index < items_per_writer; ++index) {
        auto item = std::make_shared<Item>(writer, index);
        references.put(item_descriptor(writer, index), item);
        references.put(scratch_key, std::make_shared<Item>(writer, index));
        live.push_back(index);

        violations.check(references.get_one_required<Base>(item_descriptor(writer, index)).get() ==
                             static_cast<Base*>(item.get()),
                         "get_one_required<Base> misses the item just put");
        if (index % 3 == 0) {
            violations.check(references.remove(item_descriptor(writer, index)) == item,
                             "remove returns another component");
            live.pop_back();
        }
        if (index % scratch_batch == scratch_batch - 1) {
            const auto removed = references.remove_all(scratch_key);
            violations.check(removed.size() == scratch_batch, "remove_all lost or duplicated scratch items");
            for (std::size_t i = 0; i < removed.size(); ++i)
                violations.check(static_cast<const Item*>(removed[i].get())->index == index - static_cast<int>(i),
                                 "remove_all not newest first");
        }
        if (index % 8 == 0) {
            const auto own = references.get_optional<Item>(own_items);
            std::vector<int> indexes;
            for (const auto& found : own) indexes.push_back(found->index);
            violations.check(std::ranges::equal(indexes, live | std::views::reverse),
                             "get_optional of a writer's own items differs from what it put and removed");
        }
    }
}

void read(const References& references, const DependencyResolver& resolver, Violations& violations,
          const std::atomic<bool>& writing) {
    std::size_t rounds = 0;
    do {
        check_newest_first(references.get_optional<Base>(every_item), violations, "get_optional<Base>(wildcard)");
        check_newest_first(resolver.get_optional<Item>("first_writer"), violations, "resolver.get_optional");
        check_newest_first(references.get_optional<Item>("scratch-" + kind_of(static_cast<int>(rounds % writer_count))),
                           violations, "get_optional(scratch)");
        violations.check(references.get_one_required<Base>("anchor") != nullptr, "the anchor is missing");
        violations.check(resolver.get_one_required<Base>("anchor") != nullptr, "the resolver misses the anchor");
        if (const auto newest = resolver.get_one_optional<Item>("any"))
            violations.check(newest->index >= 0 && newest->index < items_per_writer, "a corrupt item");
        ++rounds;
    } while (writing.load());
}

/// Runs `body`, recording an escaping exception as a violation (a thread must not end the process).
template <class Body>
void guarded(Violations& violations, Body&& body) {
    try {
        body();
    } catch (const pip::errors::ApplicationException& e) {
        std::string details;
        for (const auto& [key, value] : e.details()) details += " " + key + "=" + value;
        violations.check(false, std::string("unexpected ") + e.code() + ": " + e.what() + details);
    } catch (const std::exception& e) {
        violations.check(false, std::string("unexpected exception: ") + e.what());
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(references_stress)

BOOST_AUTO_TEST_CASE(concurrent_writers_and_readers_keep_every_invariant) {
    // Arrange
    References references;
    references.put("anchor", std::make_shared<Item>(-1, 0));
    const DependencyResolver resolver(
        ConfigParams::from_tuples("dependencies.anchor", "anchor", "dependencies.first_writer", "stress:item:w0:*:*",
                                  "dependencies.any", "stress:item:*:*:1.0"),
        references);
    Violations violations;
    std::vector<std::vector<int>> live(writer_count);
    std::vector<std::function<void()>> writers;
    for (int writer = 0; writer < writer_count; ++writer)
        writers.emplace_back(
            [&, writer] { guarded(violations, [&] { write(references, writer, violations, live[writer]); }); });
    std::vector<std::function<void(const std::atomic<bool>&)>> readers(
        reader_count, [&](const std::atomic<bool>& writing) {
            guarded(violations, [&] { read(references, resolver, violations, writing); });
        });

    // Act
    pip::stress::run_together(writers, readers);

    // Assert: during the run
    BOOST_TEST(violations.count() == 0U, violations.summary());
    // Assert: nothing lost, nothing left over
    std::size_t live_items = 0;
    for (const auto& indexes : live) live_items += indexes.size();
    BOOST_TEST(references.size() == live_items + 1);
    const auto registered = references.get_all<Item>();  // oldest first, the anchor first
    BOOST_REQUIRE(registered.size() == live_items + 1);
    std::vector<std::vector<int>> registered_by_writer(writer_count);
    for (const auto& item : registered | std::views::drop(1)) registered_by_writer[item->writer].push_back(item->index);
    for (int writer = 0; writer < writer_count; ++writer)
        BOOST_TEST(registered_by_writer[writer] == live[writer], boost::test_tools::per_element());
    // Assert: newest first is registration order reversed, for lookups and for remove_all
    const auto newest_first = references.get_optional<Item>(every_item);
    BOOST_TEST(std::ranges::equal(newest_first, registered | std::views::drop(1) | std::views::reverse));
    const auto removed = references.remove_all(every_item);
    BOOST_TEST(removed.size() == live_items);
    BOOST_TEST(references.size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_writer_progresses_under_ten_busy_readers) {
    // Arrange: ten readers looking up in a loop, more threads than the two cores, before the writer starts
    constexpr std::size_t registered = 1000;
    constexpr std::size_t puts = 1000;
    constexpr std::size_t busy_readers = 10;
    References references;
    for (std::size_t i = 0; i < registered; ++i)
        references.put(Descriptor("busy", "item", "k", std::to_string(i), "1.0"), std::make_shared<Item>(0, 0));
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> reading{0};
    std::vector<std::thread> readers;
    for (std::size_t reader = 0; reader < busy_readers; ++reader)
        readers.emplace_back([&, reader] {
            bool counted = false;
            for (std::size_t i = reader; !stop.load(std::memory_order_relaxed); i = (i + 7) % registered) {
                static_cast<void>(references.get_one_optional(Descriptor("busy", "item", "k", std::to_string(i), "1.0")));
                if (!std::exchange(counted, true)) ++reading;
            }
        });
    while (reading.load() < busy_readers) std::this_thread::yield();

    // Act: every put must complete; the watchdog is generous (the old lock managed 51 puts/s here)
    auto writer = std::async(std::launch::async, [&] {
        for (std::size_t i = 0; i < puts; ++i)
            references.put(Descriptor("busy", "written", "k", std::to_string(i), "1.0"), std::make_shared<Item>(1, 0));
    });
    const bool finished = writer.wait_for(std::chrono::seconds(120)) == std::future_status::ready;
    stop = true;
    for (auto& reader : readers) reader.join();
    writer.get();

    // Assert
    BOOST_TEST(finished, "the writer did not finish its puts within the watchdog's 120 s");
    BOOST_TEST(references.size() == registered + puts);
}

BOOST_AUTO_TEST_SUITE_END()
