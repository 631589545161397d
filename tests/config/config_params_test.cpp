#include <boost/test/unit_test.hpp>
import pip.config;

using pip::config::ConfigParams;

BOOST_AUTO_TEST_SUITE(config_params)

BOOST_AUTO_TEST_CASE(set_defaults_keeps_own_values_after_defaults_keys) {
    const auto config = ConfigParams::from_tuples("k1", "A1", "k2", "A2");
    const auto result = config.set_defaults(ConfigParams::from_tuples("k2", "B2", "k3", "B3"));
    BOOST_TEST(result.to_string() == "k2=A2;k3=B3;k1=A1");
}

BOOST_AUTO_TEST_SUITE_END()
