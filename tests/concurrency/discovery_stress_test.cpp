// Many threads on one MemoryDiscovery: writers register connections under their own key and a shared one while
// readers resolve them directly and through a ConnectionResolver. Checked during the run: every list comes in
// registration order with the configured entry first; checked at the end: nothing lost, nothing duplicated.
#include <boost/test/unit_test.hpp>
#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "stress.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;
using pip::connect::ConnectionResolver;
using pip::connect::IDiscovery;
using pip::connect::MemoryDiscovery;
using pip::refer::Descriptor;
using pip::refer::References;
using pip::stress::Violations;

namespace {

constexpr int writer_count = 4;
constexpr int registrations_per_writer = 500;
constexpr int reader_count = 2;

std::string own_key(int writer) { return "own-" + std::to_string(writer); }

ConnectionParams numbered(int writer, int index) {
    return ConnectionParams::from_tuples("host", "h" + std::to_string(writer), "port", 1000 + index, "writer", writer,
                                         "index", index);
}

/// Per writer, indexes strictly increasing (registration order), and the configured entry (writer -1) first.
void check_registration_order(const std::vector<ConnectionParams>& connections, Violations& violations,
                              const std::string& lookup) {
    std::map<int, int> last_index;
    for (std::size_t i = 0; i < connections.size(); ++i) {
        const int writer = connections[i].get_as_integer_with_default("writer", -2);
        const int index = connections[i].get_as_integer_with_default("index", -2);
        violations.check(writer >= -1 && writer < writer_count && index >= 0, lookup + ": a corrupt connection");
        violations.check((writer == -1) == (i == 0), lookup + ": the configured entry is not first");
        const auto previous = last_index.find(writer);
        violations.check(previous == last_index.end() || previous->second < index,
                         lookup + ": registrations out of order or duplicated");
        last_index[writer] = index;
    }
}

void write(IDiscovery& discovery, int writer, Violations& violations) {
    for (int index = 0; index < registrations_per_writer; ++index) {
        const auto connection = numbered(writer, index);
        violations.check(discovery.register_connection("", own_key(writer), connection) == connection,
                         "register_connection returns another connection");
        static_cast<void>(discovery.register_connection("", "shared", connection));
        if (index % 25 == 0) {
            const auto own = discovery.resolve_all("", own_key(writer));
            violations.check(own.size() == static_cast<std::size_t>(index) + 1, "a writer's own registrations lost");
        }
    }
}

void read(IDiscovery& discovery, const ConnectionResolver& resolver, Violations& violations,
          const std::atomic<bool>& writing) {
    do {
        check_registration_order(discovery.resolve_all("", "shared"), violations, "resolve_all(shared)");
        const auto first = discovery.resolve_one("", "shared");
        violations.check(first && first->get_as_integer("writer") == -1, "resolve_one is not the configured entry");
        // Through the resolver: the configured connection merged over each discovered one, in the same order.
        const auto resolved = resolver.resolve_all("");
        check_registration_order(resolved, violations, "ConnectionResolver::resolve_all");
        for (const auto& connection : resolved)
            violations.check(connection.get_discovery_key() == "shared" && connection.get("timeout") == "5",
                             "a resolved connection lost its configured keys");
    } while (writing.load());
}

template <class Body>
void guarded(Violations& violations, Body&& body) {
    try {
        body();
    } catch (const std::exception& e) {
        violations.check(false, std::string("unexpected exception: ") + e.what());
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(discovery_stress)

BOOST_AUTO_TEST_CASE(concurrent_registrations_and_resolutions_keep_every_invariant) {
    // Arrange
    auto discovery = std::make_shared<MemoryDiscovery>(
        ConfigParams::from_string("shared.host=configured;shared.port=1;shared.writer=-1;shared.index=0"));
    References references;
    references.put(Descriptor("pip-services", "discovery", "memory", "default", "1.0"), discovery);
    const ConnectionResolver resolver(
        ConfigParams::from_string("connection.discovery_key=shared;connection.timeout=5"), references);
    Violations violations;
    std::vector<std::function<void()>> writers;
    for (int writer = 0; writer < writer_count; ++writer)
        writers.emplace_back([&, writer] { guarded(violations, [&] { write(*discovery, writer, violations); }); });
    std::vector<std::function<void(const std::atomic<bool>&)>> readers(
        reader_count, [&](const std::atomic<bool>& writing) {
            guarded(violations, [&] { read(*discovery, resolver, violations, writing); });
        });

    // Act
    pip::stress::run_together(writers, readers);

    // Assert
    BOOST_TEST(violations.count() == 0U, violations.summary());
    const auto shared = discovery->resolve_all("", "shared");
    BOOST_TEST(shared.size() == 1U + writer_count * registrations_per_writer);
    for (int writer = 0; writer < writer_count; ++writer) {
        const auto own = discovery->resolve_all("", own_key(writer));
        BOOST_REQUIRE(own.size() == static_cast<std::size_t>(registrations_per_writer));
        for (int index = 0; index < registrations_per_writer; ++index)
            BOOST_TEST((own[index] == numbered(writer, index)));
    }
    Violations order;
    check_registration_order(shared, order, "final resolve_all(shared)");
    BOOST_TEST(order.count() == 0U, order.summary());
}

BOOST_AUTO_TEST_SUITE_END()
