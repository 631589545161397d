#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <vector>
import pip.refer;

using namespace pip::refer;

namespace {
struct Named {
    explicit Named(std::string n) : name(std::move(n)) {}
    virtual ~Named() = default;
    std::string name;
};
std::vector<std::string> names(const std::vector<std::shared_ptr<Named>>& components) {
    std::vector<std::string> result;
    for (const auto& c : components) result.push_back(c->name);
    return result;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(references)

BOOST_AUTO_TEST_CASE(verified_example_newest_first) {
    auto c1 = std::make_shared<Named>("c1"), c2 = std::make_shared<Named>("c2");
    auto c3 = std::make_shared<Named>("c3"), c4 = std::make_shared<Named>("c4");
    auto refs = References::from_tuples("A", c1, "A", c2, Descriptor("g", "t", "k", "n1", "1.0"), c3,
                                        Descriptor("g", "t", "k", "n2", "1.0"), c4);

    BOOST_TEST(names(refs.find<Named>("A", false)) == (std::vector<std::string>{"c2", "c1"}),
               boost::test_tools::per_element());
    BOOST_TEST(refs.get_one_optional<Named>("A")->name == "c2");
    BOOST_TEST(names(refs.get_optional<Named>(Descriptor("g", "t", "*", "*", "*"))) ==
                   (std::vector<std::string>{"c4", "c3"}),
               boost::test_tools::per_element());
    BOOST_TEST(refs.get_one_optional<Named>(c3)->name == "c3");
    BOOST_TEST(std::static_pointer_cast<Named>(refs.remove("A"))->name == "c2");

    refs.put("A", std::make_shared<Named>("c6"));
    refs.put("A", std::make_shared<Named>("c7"));
    std::vector<std::string> removed;
    for (const auto& c : refs.remove_all("A")) removed.push_back(std::static_pointer_cast<Named>(c)->name);
    BOOST_TEST(removed == (std::vector<std::string>{"c7", "c6", "c1"}), boost::test_tools::per_element());
    BOOST_TEST(refs.size() == 2U);
}

BOOST_AUTO_TEST_CASE(literal_is_a_descriptor_locator) {
    References refs;
    refs.put("pip-services:logger:console:default:1.0"_descriptor, std::make_shared<Named>("log"));
    BOOST_TEST(refs.get_one_required<Named>(Descriptor("*", "logger", "*", "*", "*"))->name == "log");
    BOOST_CHECK_THROW(static_cast<void>(refs.get_one_required<Named>("x:y:z:w:1.0"_descriptor)), ReferenceException);
}

BOOST_AUTO_TEST_SUITE_END()
