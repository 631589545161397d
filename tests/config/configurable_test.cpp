#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.config;

using pip::config::ConfigParams;
using pip::config::IConfigurable;
using pip::config::IReconfigurable;

namespace {

class Component final : public IReconfigurable {
public:
    void configure(const ConfigParams& config) override {
        host_ = config.get_as_string_with_default("connection.host", "localhost");
        port_ = config.get_as_integer_with_default("connection.port", 80);
        ++times_;
    }
    std::string host_;
    int port_ = 0;
    int times_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(configurable)

BOOST_AUTO_TEST_CASE(interfaces_are_polymorphic) {
    static_assert(std::is_abstract_v<IConfigurable>);
    static_assert(std::is_abstract_v<IReconfigurable>);
    static_assert(std::derived_from<IReconfigurable, IConfigurable>);
    static_assert(std::has_virtual_destructor_v<IConfigurable>);
    BOOST_TEST(true);
}

BOOST_AUTO_TEST_CASE(configure_through_the_interface) {
    // Arrange
    Component component;
    IConfigurable& configurable = component;

    // Act
    configurable.configure(ConfigParams::from_string("connection.host=example.org;connection.port=8080"));

    // Assert
    BOOST_TEST(component.host_ == "example.org");
    BOOST_TEST(component.port_ == 8080);
}

BOOST_AUTO_TEST_CASE(reconfigure_replaces_the_settings) {
    // Arrange
    Component component;
    IReconfigurable& reconfigurable = component;
    reconfigurable.configure(ConfigParams::from_string("connection.host=a;connection.port=1"));

    // Act
    reconfigurable.configure(ConfigParams());

    // Assert
    BOOST_TEST(component.host_ == "localhost");
    BOOST_TEST(component.port_ == 80);
    BOOST_TEST(component.times_ == 2);
}

BOOST_AUTO_TEST_CASE(destroyed_through_the_interface) {
    // Arrange
    std::unique_ptr<IConfigurable> owned = std::make_unique<Component>();

    // Act
    owned->configure(ConfigParams());
    owned.reset();

    // Assert
    BOOST_TEST(!owned);
}

BOOST_AUTO_TEST_SUITE_END()
