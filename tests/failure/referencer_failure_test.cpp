// Referencer::set_references when a component's set_references throws: the first throw stops the walk, the
// components after it are not referenced, and the exception names the component: a pip exception is the very object
// thrown, any other one is the cause of a ReferenceException (the contract in modules/refer/referencer.ipp).
#include <boost/test/unit_test.hpp>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>
import pip.refer;

using namespace pip::refer;

namespace {

/// An error type pip knows nothing about, so any wrapping or slicing would show.
struct WiringError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Records, in `log`, every component whose set_references ran; throws `failure` when it has one.
class Wired : public IReferenceable {
public:
    Wired(std::string name, std::vector<std::string>& log, std::exception_ptr failure = nullptr)
        : name_(std::move(name)), log_(log), failure_(std::move(failure)) {}
    void set_references(IReferences&) override {
        log_.push_back(name_);
        if (failure_) std::rethrow_exception(failure_);
    }

private:
    std::string name_;
    std::vector<std::string>& log_;
    std::exception_ptr failure_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(referencer_failure)

BOOST_AUTO_TEST_CASE(first_throw_stops_the_walk_over_a_list) {
    // Arrange
    std::vector<std::string> log;
    References references;
    const auto failure = std::make_exception_ptr(WiringError("b cannot wire"));
    const std::vector<std::shared_ptr<Wired>> components{std::make_shared<Wired>("a", log),
                                                         std::make_shared<Wired>("b", log, failure),
                                                         std::make_shared<Wired>("c", log)};
    // Act
    std::exception_ptr caught;
    try {
        Referencer::set_references(references, components);
    } catch (const ReferenceException& e) {
        caught = e.cause();
    }
    // Assert: the very exception object the component threw, and "c" never referenced.
    BOOST_TEST((caught == failure));
    BOOST_TEST(log == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(first_throw_stops_the_walk_over_registered_components_oldest_first) {
    // Arrange
    std::vector<std::string> log;
    References references;
    references.put("a", std::make_shared<Wired>("a", log));
    references.put("b", std::make_shared<Wired>("b", log, std::make_exception_ptr(WiringError("b cannot wire"))));
    references.put("c", std::make_shared<Wired>("c", log));
    references.put("d", std::make_shared<Wired>("d", log,
                                                std::make_exception_ptr(std::logic_error("never reached"))));
    // Act / Assert
    BOOST_CHECK_EXCEPTION(Referencer::set_references(references), ReferenceException, [](const ReferenceException& e) {
        return e.message() == "set_references failed for component b of type (anonymous namespace)::Wired: b cannot wire";
    });
    BOOST_TEST(log == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
    // The references themselves are untouched and still usable.
    BOOST_TEST(references.size() == 4U);
    references.put("e", std::make_shared<Wired>("e", log));
    BOOST_TEST(references.get_one_optional<Wired>("e") != nullptr);
}

BOOST_AUTO_TEST_CASE(application_exception_keeps_its_type_code_and_details_and_names_the_component) {
    // Arrange
    std::vector<std::string> log;
    References references;
    const auto failure = std::make_exception_ptr(
        pip::errors::ConfigException("cid-1", "MISSING_DEPENDENCY", "no logger").with_details("dependency", "logger"));
    references.put("a", std::make_shared<Wired>("a", log, failure));
    // Act + Assert: the very ConfigException comes out, with the component named in its message and details
    BOOST_CHECK_EXCEPTION(Referencer::set_references(references), pip::errors::ConfigException,
                          [](const pip::errors::ConfigException& e) {
                              return e.code() == "MISSING_DEPENDENCY" && e.correlation_id() == "cid-1" &&
                                     e.details().at("dependency") == "logger" && e.details().at("component") == "a" &&
                                     e.message().starts_with("set_references failed for component a of type ") &&
                                     e.message().ends_with(": no logger");
                          });
}

BOOST_AUTO_TEST_CASE(a_component_may_register_more_components_while_being_wired) {
    // Arrange: set_references runs outside any lock of the references, so it may modify them.
    struct Registering : IReferenceable {
        void set_references(IReferences& references) override {
            references.put("late", std::make_shared<int>(7));
        }
    };
    References references;
    references.put("registering", std::make_shared<Registering>());
    // Act
    Referencer::set_references(references);
    // Assert
    BOOST_TEST(*references.get_one_required<int>("late") == 7);
}

BOOST_AUTO_TEST_SUITE_END()
