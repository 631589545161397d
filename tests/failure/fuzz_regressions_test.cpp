// Inputs the fuzzers (tests/fuzz) found breaking a property, kept as ordinary tests.
#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "../config/print_optional.hpp"
import pip.refer;
import pip.connect;

using namespace std::string_literals;
using pip::config::ConfigParams;
using pip::config::NameResolver;
using pip::connect::ConnectionParams;
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

// fuzz_parse_uri: mask_uri_secrets looked for `://` in the whole text, so a scheme-less URI with a URL in its
// query (`user:pw@host?next=http://...`) kept its user-info. It now splits where parse_uri splits.
BOOST_AUTO_TEST_CASE(a_url_in_the_query_does_not_unmask_the_user_info) {
    const auto masked = pip::auth::mask_uri_secrets("user:s3cr3t-pass@host?next=http://other/x");
    BOOST_TEST(masked == "***@host?next=http://other/x");
    BOOST_TEST(pip::auth::mask_uri_secrets(" :s3cr3t-pass@h?a=b://c@d").find("s3cr3t") == std::string::npos);
}

// fuzz_connection_params: a value holding `;` or starting with `name=` was masked only as a nested connection
// string, so a URI with `;` in its path, or with `=` in its user name, showed its user-info.
BOOST_AUTO_TEST_CASE(a_uri_that_also_reads_as_a_connection_string_is_masked_both_ways) {
    const auto connection = ConnectionParams::from_tuples("uri", "http://admin:s3cr3t-pass@h/app;v=1", "dsn",
                                                          "us=er:s3cr3t-pass@h");
    const auto safe = connection.to_safe_string();
    BOOST_TEST(safe.find("s3cr3t") == std::string::npos, safe);
    BOOST_TEST(safe.find("admin") == std::string::npos, safe);
    BOOST_TEST(safe == "uri=http://***@h/app;v=1;dsn=***@h");
}

BOOST_AUTO_TEST_SUITE_END()
