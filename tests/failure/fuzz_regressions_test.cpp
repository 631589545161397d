// Inputs the fuzzers (tests/fuzz) found breaking a property, kept as ordinary tests.
#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "../config/print_optional.hpp"
import pip.refer;

using namespace std::string_literals;
using pip::config::ConfigParams;
using pip::config::NameResolver;
using pip::refer::Descriptor;

BOOST_AUTO_TEST_SUITE(fuzz_regressions)

// fuzz_descriptor: NameResolver trimmed only ' ' from the name field while Descriptor trims all ASCII white
// space, so the same descriptor text gave two different names.
BOOST_AUTO_TEST_CASE(name_resolver_trims_the_name_like_descriptor) {
    const auto text = "   : t\xc0 :k:  \t :\""s;
    const auto name = NameResolver::resolve(ConfigParams::from_tuples("descriptor", text), "default");
    BOOST_TEST(name == Descriptor::from_string(text)->get_name());
    BOOST_TEST(name == std::optional<std::string>(""));
    BOOST_TEST(NameResolver::resolve(ConfigParams::from_tuples("descriptor", "g:t:k:\tcomponent\n:1.0")) ==
               std::optional<std::string>("component"));
}

BOOST_AUTO_TEST_SUITE_END()
