#include <boost/test/unit_test.hpp>
import pip.errors;

using namespace pip::errors;

BOOST_AUTO_TEST_SUITE(application_exception)

BOOST_AUTO_TEST_CASE(defaults_match_pip) {
    const ApplicationException error;
    BOOST_TEST(error.category() == "Unknown");
    BOOST_TEST(error.code() == "UNKNOWN");
    BOOST_TEST(error.message() == "Unknown error");
    BOOST_TEST(error.status() == 500);
}

BOOST_AUTO_TEST_CASE(builders_keep_the_thrown_type) {
    try {
        throw ConfigException("cid", "BAD", "bad config").with_details("key", "k1").with_status(400);
    } catch (const ConfigException& e) {
        BOOST_TEST(e.category() == "Misconfiguration");
        BOOST_TEST(e.code() == "BAD");
        BOOST_TEST(e.status() == 400);
        BOOST_TEST(e.details().at("key") == "k1");
        BOOST_TEST(e.correlation_id() == "cid");
        return;
    }
    BOOST_FAIL("ConfigException was sliced");
}

BOOST_AUTO_TEST_SUITE_END()
