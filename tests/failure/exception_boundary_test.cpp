// Exceptions crossing module boundaries: thrown inside pip.config / pip.refer implementation units (or by user
// code called from them) and caught in this translation unit, they keep their dynamic type, code, category,
// status and details; and a throw through References leaves it unlocked and unchanged.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
import pip.refer;

using namespace pip::refer;
using pip::errors::ApplicationException;

namespace {

struct VisitorError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A user locator whose match throws on demand, to throw from inside References' locked scan.
struct Fragile {
    int id = 0;
    std::shared_ptr<bool> fail = std::make_shared<bool>(false);
    [[nodiscard]] bool match(const Fragile& other) const {
        if (*fail || *other.fail) throw VisitorError("match failed");
        return id == other.id;
    }
    bool operator==(const Fragile& other) const { return id == other.id; }
};

/// True when a writer on another thread gets through within a few seconds: no lock was left held.
bool writer_gets_through(const std::shared_ptr<References>& references) {
    std::promise<void> done;
    auto finished = done.get_future();
    // Detached: if a lock leaked, the writer blocks forever and must not block the test's exit too.
    std::thread([references, done = std::move(done)]() mutable {
        references->put("writer", std::make_shared<int>(1));
        done.set_value();
    }).detach();
    return finished.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exception_boundary)

BOOST_AUTO_TEST_CASE(config_exception_from_pip_refer_keeps_type_code_and_details) {
    try {
        static_cast<void>(Descriptor::from_string("a:b:c"));
        BOOST_FAIL("no exception");
    } catch (const ApplicationException& e) {
        BOOST_TEST((typeid(e) == typeid(pip::errors::ConfigException)));
        BOOST_TEST(e.code() == "BAD_DESCRIPTOR");
        BOOST_TEST(e.category() == "Misconfiguration");
        BOOST_TEST(e.status() == 500);
        BOOST_TEST(e.details().at("descriptor") == "a:b:c");
        BOOST_TEST(std::string(e.what()) == "Descriptor a:b:c is in wrong format");
    }
}

BOOST_AUTO_TEST_CASE(reference_exception_from_pip_refer_is_an_internal_exception) {
    References references;
    const DependencyResolver resolver(pip::config::ConfigParams::from_tuples("dependencies.log", "*:logger:*:*:1.0"),
                                      references);
    try {
        static_cast<void>(resolver.get_one_required("log"));
        BOOST_FAIL("no exception");
    } catch (const pip::errors::InternalException& e) {
        BOOST_TEST((typeid(e) == typeid(ReferenceException)));
        BOOST_TEST(e.code() == "REF_ERROR");
        BOOST_TEST(e.category() == "Internal");
        BOOST_TEST(e.details().at("locator") == "*:logger:*:*:1.0");
    }
}

BOOST_AUTO_TEST_CASE(a_cause_keeps_its_own_type) {
    std::exception_ptr cause;
    try {
        static_cast<void>(Descriptor::from_string("x"));
    } catch (...) {
        cause = std::current_exception();
    }
    const auto outer = pip::errors::InvalidStateException("cid", "WIRING", "cannot wire").with_cause(cause);
    BOOST_TEST(outer.cause_message() == "Descriptor x is in wrong format");
    BOOST_CHECK_THROW(std::rethrow_exception(outer.cause()), pip::errors::ConfigException);
}

BOOST_AUTO_TEST_CASE(a_throwing_visitor_propagates_and_releases_the_lock) {
    // Arrange
    auto references = std::make_shared<References>();
    references->put("a", std::make_shared<int>(1));
    // Act: the visitor runs inside References under its read lock.
    BOOST_CHECK_THROW(references->visit(AnyLocator("a"), nullptr,
                                        [](const Reference&) -> bool { throw VisitorError("visitor failed"); }),
                      VisitorError);
    BOOST_CHECK_THROW(references->visit_all([](const Reference&) -> bool { throw VisitorError("visitor failed"); }),
                      VisitorError);
    // Assert
    BOOST_TEST(writer_gets_through(references));
    BOOST_TEST(references->size() == 2U);
}

BOOST_AUTO_TEST_CASE(a_visitor_modifying_the_references_it_visits_gets_a_logic_error) {
    // Arrange
    auto references = std::make_shared<References>();
    references->put("a", std::make_shared<int>(1));
    // Act: the documented contract (references.ipp): a writer inside a visitor could never proceed.
    BOOST_CHECK_THROW(references->visit(AnyLocator("a"), nullptr,
                                        [&](const Reference&) {
                                            references->put("b", std::make_shared<int>(2));
                                            return true;
                                        }),
                      std::logic_error);
    // Assert: nothing was added and the lock was released.
    BOOST_TEST(references->size() == 1U);
    BOOST_TEST(writer_gets_through(references));
}

BOOST_AUTO_TEST_CASE(a_throwing_locator_match_during_remove_removes_nothing) {
    // Arrange
    auto references = std::make_shared<References>();
    const Fragile stored{1};
    references->put(stored, std::make_shared<int>(1));
    const Fragile query{1, std::make_shared<bool>(true)};
    // Act: the user's match throws inside remove's exclusive lock.
    BOOST_CHECK_THROW(static_cast<void>(references->remove_all(query)), VisitorError);
    // Assert
    BOOST_TEST(writer_gets_through(references));
    BOOST_TEST(references->size() == 2U);
    BOOST_TEST(*references->get_one_required<int>(Fragile{1}) == 1);
}

BOOST_AUTO_TEST_CASE(null_component_is_rejected_without_changing_the_references) {
    References references;
    BOOST_CHECK_THROW(references.put("a", std::shared_ptr<int>()), std::invalid_argument);
    BOOST_TEST(references.empty());
}

BOOST_AUTO_TEST_SUITE_END()
