#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include "print_optional.hpp"
import pip.connect;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;
using pip::connect::ConnectionUtils;

namespace {

// One entry as text, so that "missing", "present with no value" and "" are all told apart in failures.
std::string entry(const ConfigParams& config, std::string_view key) {
    if (!config.contains(key)) return "<missing>";
    const auto value = config.get(key);
    return value ? "=" + *value : "<no value>";
}

std::vector<std::string> keys(const ConfigParams& config) { return config.get_keys(); }

using Keys = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(connection_utils)

// ---- concat / include / exclude / rename -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(concat_joins_only_the_listed_keys) {
    // Arrange: [verified] concat({host:a,port:1}, {host:b,port:2,y:Y}, "host") -> {host:"a,b", port:"1", y:"Y"}
    const auto options1 = ConfigParams::from_string("host=a;port=1");
    const auto options2 = ConfigParams::from_string("host=b;port=2;y=Y");

    // Act
    const auto result = ConnectionUtils::concat(options1, options2, "host");

    // Assert
    BOOST_TEST(result.to_string() == "host=a,b;port=1;y=Y");
}

BOOST_AUTO_TEST_CASE(concat_without_keys_joins_every_shared_key) {
    // Arrange
    const auto options1 = ConfigParams::from_string("host=a;port=1");
    const auto options2 = ConfigParams::from_string("host=b;port=2;y=Y");

    // Act
    const auto result = ConnectionUtils::concat(options1, options2);

    // Assert
    BOOST_TEST(result.to_string() == "host=a,b;port=1,2;y=Y");
}

BOOST_AUTO_TEST_CASE(concat_skips_empty_values_and_keeps_the_first_options_unchanged) {
    // Arrange
    const auto options1 = ConfigParams::from_tuples("host", "a", "port", "", "only1", "x");
    const auto options2 = ConfigParams::from_tuples("host", "", "port", "2", "empty2", "", "none2", nullptr);

    // Act
    const auto result = ConnectionUtils::concat(options1, options2, std::string("host"), std::string_view("port"));

    // Assert
    BOOST_TEST(result.to_string() == "host=a;port=2;only1=x");
    BOOST_TEST(options1.to_string() == "host=a;port=;only1=x");
}

BOOST_AUTO_TEST_CASE(include_keeps_the_listed_keys_in_the_options_order) {
    // Arrange
    const auto options = ConfigParams::from_string("a=1;host=h;b;port=2");

    // Act / Assert
    BOOST_TEST(ConnectionUtils::include(options, "port", "host", "b").to_string() == "host=h;b;port=2");
    BOOST_TEST(ConnectionUtils::include(options, "missing").empty());
    BOOST_TEST(ConnectionUtils::include(options) == options);
}

BOOST_AUTO_TEST_CASE(exclude_removes_the_listed_keys) {
    // Arrange
    const auto options = ConfigParams::from_string("a=1;host=h;b;port=2");

    // Act / Assert
    BOOST_TEST(ConnectionUtils::exclude(options, "host", "b").to_string() == "a=1;port=2");
    BOOST_TEST(ConnectionUtils::exclude(options, "missing") == options);
    BOOST_TEST(ConnectionUtils::exclude(options) == options);
}

BOOST_AUTO_TEST_CASE(rename_moves_the_value_to_the_end_and_leaves_the_input_unchanged) {
    // Arrange: [verified]
    const auto options = ConfigParams::from_string("user=jdoe;host=h");

    // Act
    const auto renamed = ConnectionUtils::rename(options, "user", "username");

    // Assert
    BOOST_TEST(renamed.to_string() == "host=h;username=jdoe");
    BOOST_TEST(options.to_string() == "user=jdoe;host=h");
}

BOOST_AUTO_TEST_CASE(rename_does_nothing_without_a_source_value_or_with_a_target_value) {
    // Arrange
    const auto options = ConfigParams::from_string("user=jdoe;username=main;empty");

    // Act / Assert
    BOOST_TEST(ConnectionUtils::rename(options, "missing", "x") == options);
    BOOST_TEST(ConnectionUtils::rename(options, "empty", "x") == options);
    BOOST_TEST(ConnectionUtils::rename(options, "user", "username") == options);
    BOOST_TEST(ConnectionUtils::rename(options, "user", "user") == options);
}

BOOST_AUTO_TEST_CASE(rename_fills_a_target_present_with_no_value_in_place) {
    // Arrange
    const auto options = ConfigParams::from_string("username;user=jdoe");

    // Act / Assert
    BOOST_TEST(ConnectionUtils::rename(options, "user", "username").to_string() == "username=jdoe");
}

// ---- parse_uri -------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(parse_uri_full_form_with_default_port) {
    // Arrange
    const std::string uri = "tcp://user:pass@h1:1,h2/a/b?x=1&flag&y=%20z";

    // Act
    const auto options = ConnectionUtils::parse_uri(uri, "http", 8080);

    // Assert
    BOOST_TEST(keys(options) ==
                   (Keys{"x", "flag", "y", "protocol", "username", "password", "path", "servers", "host", "port"}),
               boost::test_tools::per_element());
    BOOST_TEST(entry(options, "x") == "=1");
    BOOST_TEST(entry(options, "flag") == "<no value>");
    BOOST_TEST(entry(options, "y") == "= z");
    BOOST_TEST(entry(options, "protocol") == "=tcp");
    BOOST_TEST(entry(options, "username") == "=user");
    BOOST_TEST(entry(options, "password") == "=pass");
    BOOST_TEST(entry(options, "path") == "=a/b");
    BOOST_TEST(entry(options, "servers") == "=h1:1,h2:8080");
    BOOST_TEST(entry(options, "host") == "=h1,h2");
    BOOST_TEST(entry(options, "port") == "=1,8080");
}

BOOST_AUTO_TEST_CASE(parse_uri_node_verified_example) {
    // Arrange: [verified] Node parse_uri("tcp://h?a=1&flag&b=%20x","p",5)
    // -> {a:1, flag:null, b:' x', protocol:tcp, servers:h:5, host:h, port:5}

    // Act
    const auto options = ConnectionUtils::parse_uri("tcp://h?a=1&flag&b=%20x", "p", 5);

    // Assert
    BOOST_TEST(options.to_string() == "a=1;flag;b= x;protocol=tcp;servers=h:5;host=h;port=5");
    BOOST_TEST(entry(options, "flag") == "<no value>");
}

BOOST_AUTO_TEST_CASE(parse_uri_without_protocol_and_no_default_sets_no_protocol) {
    // Arrange: Node parse_uri("h1:1,h2", null, 5) -> {protocol:null, servers:"h1:1,h2:5", host:"h1,h2", port:"1,5"};
    // decisions.md: an empty default protocol means none, so no key.

    // Act
    const auto options = ConnectionUtils::parse_uri("h1:1,h2", "", 5);

    // Assert
    BOOST_TEST(options.to_string() == "servers=h1:1,h2:5;host=h1,h2;port=1,5");
}

BOOST_AUTO_TEST_CASE(parse_uri_uses_the_default_protocol) {
    // Arrange / Act
    const auto options = ConnectionUtils::parse_uri("  h:80  ", "http", 0);

    // Assert
    BOOST_TEST(options.to_string() == "protocol=http;servers=h:80;host=h;port=80");
}

BOOST_AUTO_TEST_CASE(parse_uri_path_v4_rule) {
    // Arrange / Act
    const auto options = ConnectionUtils::parse_uri("http://u:p@h1:1,h2/a/b?x=1", "", 0);

    // Assert
    BOOST_TEST(entry(options, "path") == "=a/b");
    BOOST_TEST(entry(options, "host") == "=h1,h2");
    BOOST_TEST(entry(options, "port") == "=1,");
}

BOOST_AUTO_TEST_CASE(parse_uri_without_default_port_keeps_ports_aligned_with_hosts) {
    // Arrange / Act
    const auto single = ConnectionUtils::parse_uri("tcp://h", "", 0);
    const auto mixed = ConnectionUtils::parse_uri("tcp://h1,h2:2", "", 0);

    // Assert
    BOOST_TEST(single.to_string() == "protocol=tcp;servers=h;host=h");
    BOOST_TEST(mixed.to_string() == "protocol=tcp;servers=h1,h2:2;host=h1,h2;port=,2");
}

BOOST_AUTO_TEST_CASE(parse_uri_user_without_password) {
    // Arrange / Act
    const auto options = ConnectionUtils::parse_uri("mongodb://admin@db:27017", "", 0);

    // Assert
    BOOST_TEST(entry(options, "username") == "=admin");
    BOOST_TEST(entry(options, "password") == "<missing>");
}

BOOST_AUTO_TEST_CASE(parse_uri_password_keeps_everything_after_the_first_colon) {
    // Arrange / Act
    const auto options = ConnectionUtils::parse_uri("tcp://u:p:w@h", "", 0);
    const auto empty_user = ConnectionUtils::parse_uri("tcp://:secret@h", "", 0);

    // Assert
    BOOST_TEST(entry(options, "password") == "=p:w");
    BOOST_TEST(entry(empty_user, "username") == "=");
    BOOST_TEST(entry(empty_user, "password") == "=secret");
}

BOOST_AUTO_TEST_CASE(parse_uri_query_escapes) {
    // Arrange / Act
    const auto options = ConnectionUtils::parse_uri("h?a=%41%2f%2F&b=%zz&c=%4&d=1+2&e==x&&=skipped&%66=key", "", 0);

    // Assert
    BOOST_TEST(entry(options, "a") == "=A//");
    BOOST_TEST(entry(options, "b") == "=%zz");
    BOOST_TEST(entry(options, "c") == "=%4");
    BOOST_TEST(entry(options, "d") == "=1+2");
    BOOST_TEST(entry(options, "e") == "==x");
    BOOST_TEST(entry(options, "") == "<missing>");
    BOOST_TEST(entry(options, "f") == "=key");
}

BOOST_AUTO_TEST_CASE(parse_uri_keeps_a_raw_password_out_of_host_port_and_path) {
    // Arrange / Act: the splitting rule shared with the masking (pip::auth::split_uri)
    const auto question = ConnectionUtils::parse_uri("amqp://u:S3CRET?x@h", "", 0);
    const auto slash = ConnectionUtils::parse_uri("http://admin:S3CRET/x@127.0.0.1:1", "", 0);
    const auto nested = ConnectionUtils::parse_uri("http://h/cb?next=amqp://u:S3CRET@h2", "", 0);
    const auto leading = ConnectionUtils::parse_uri("?x@h?password=S3CRET", "", 0);

    // Assert
    BOOST_TEST(question.to_string() == "protocol=amqp;username=u;password=S3CRET?x;servers=h;host=h");
    BOOST_TEST(slash.to_string() == "protocol=http;username=admin;password=S3CRET/x;servers=127.0.0.1:1;"
                                    "host=127.0.0.1;port=1");
    BOOST_TEST(nested.to_string() == "next=amqp://u:S3CRET@h2;protocol=http;path=cb;servers=h;host=h");
    BOOST_TEST(leading.to_string() == "password=S3CRET;username=?x;servers=h;host=h");
}

BOOST_AUTO_TEST_CASE(parse_uri_of_empty_or_blank_text_is_empty) {
    // Arrange / Act / Assert
    BOOST_TEST(ConnectionUtils::parse_uri("", "http", 80).empty());
    BOOST_TEST(ConnectionUtils::parse_uri(" \t ", "http", 80).empty());
}

BOOST_AUTO_TEST_CASE(parse_uri_of_malformed_text_gives_documented_results) {
    // Arrange / Act / Assert: a separator at position 0 does not count, so the text stays a host.
    BOOST_TEST(ConnectionUtils::parse_uri(":", "", 0).to_string() == "servers=:;host=:");
    BOOST_TEST(ConnectionUtils::parse_uri(":", "", 5).to_string() == "servers=::5;host=:;port=5");
    BOOST_TEST(ConnectionUtils::parse_uri("@", "", 0).to_string() == "servers=@;host=@");
    BOOST_TEST(ConnectionUtils::parse_uri("://", "", 0).to_string() == "path=/;servers=:;host=:");
    BOOST_TEST(ConnectionUtils::parse_uri("?&=", "", 0).to_string() == "servers=?&=;host=?&=");
    BOOST_TEST(ConnectionUtils::parse_uri("h?&=", "", 0).to_string() == "servers=h;host=h");
    BOOST_TEST(ConnectionUtils::parse_uri("tcp://", "", 0).to_string() == "protocol=tcp");
    BOOST_TEST(ConnectionUtils::parse_uri("h1,,h2", "", 0).to_string() == "servers=h1,h2;host=h1,h2");
}

BOOST_AUTO_TEST_CASE(parse_uri_does_not_validate_ports_connection_params_does) {
    // Arrange / Act
    const auto options = ConnectionUtils::parse_uri("h:abc", "", 0);

    // Assert
    BOOST_TEST(entry(options, "port") == "=abc");
    BOOST_TEST(ConnectionParams(options).has_invalid_port());
    BOOST_TEST(ConnectionParams(options).get_port() == 0);
}

BOOST_AUTO_TEST_CASE(parse_uri_of_very_long_text) {
    // Arrange
    std::string servers;
    for (int i = 0; i < 100000; ++i) servers += (i ? ",h" : "h") + std::to_string(i);
    const std::string long_value(1 << 20, 'v');

    // Act
    const auto options = ConnectionUtils::parse_uri("tcp://" + servers + "?k=" + long_value, "", 9);

    // Assert
    BOOST_TEST(options.get_as_string("k").size() == long_value.size());
    const auto hosts = options.get_as_string("host");
    BOOST_TEST(std::ranges::count(hosts, ',') == 99999);
    BOOST_TEST(options.get_as_string("port").size() == 2 * 100000 - 1);
}

BOOST_AUTO_TEST_CASE(parse_uri_keeps_embedded_nul_bytes) {
    // Arrange
    const std::string uri("tcp://h\0x:1?k=v\0w", 17);

    // Act
    const auto options = ConnectionUtils::parse_uri(uri, "", 0);

    // Assert
    BOOST_TEST(options.get_as_string("host") == std::string("h\0x", 3));
    BOOST_TEST(options.get_as_string("k") == std::string("v\0w", 3));
    BOOST_TEST(ConnectionUtils::compose_uri(options, "", 0) == std::string("tcp://h\0x:1?k=v%00w", 19));
}

// ---- compose_uri -----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(compose_uri_full_form) {
    // Arrange
    const auto options = ConfigParams::from_string(
        "protocol=tcp;username=user;password=pass;host=h1,h2;port=1,2;path=a/b;servers=ignored;x=1;flag");

    // Act / Assert
    BOOST_TEST(ConnectionUtils::compose_uri(options, "http", 80) == "tcp://user:pass@h1:1,h2:2/a/b?x=1&flag");
}

BOOST_AUTO_TEST_CASE(compose_uri_default_port_zero_writes_no_port) {
    // Arrange: [verified] Node compose_uri({host:h}, "tcp", 0) -> "tcp://h"
    const auto options = ConfigParams::from_string("host=h");

    // Act / Assert
    BOOST_TEST(ConnectionUtils::compose_uri(options, "tcp", 0) == "tcp://h");
    BOOST_TEST(ConnectionUtils::compose_uri(options, "tcp", 80) == "tcp://h:80");
}

BOOST_AUTO_TEST_CASE(compose_uri_missing_host_is_question_marks) {
    // Arrange / Act / Assert: compose_uri({}, "tcp", 80) -> "tcp://???:80"
    BOOST_TEST(ConnectionUtils::compose_uri(ConfigParams(), "tcp", 80) == "tcp://???:80");
}

BOOST_AUTO_TEST_CASE(compose_uri_with_an_empty_protocol_uses_the_default) {
    // Arrange / Act / Assert: issue #13, the originals give http://h:80
    BOOST_TEST(ConnectionUtils::compose_uri(ConnectionParams::from_string("protocol=;host=h"), "http", 80) ==
               "http://h:80");
    BOOST_TEST(ConnectionUtils::compose_uri(ConnectionParams::from_string("protocol;host=h"), "http", 80) ==
               "http://h:80");
    BOOST_TEST(ConnectionUtils::compose_uri(ConnectionParams::from_string("protocol=;host=h"), "", 80) == "h:80");
}

BOOST_AUTO_TEST_CASE(compose_uri_without_protocol_writes_no_scheme) {
    // Arrange / Act / Assert
    BOOST_TEST(ConnectionUtils::compose_uri(ConfigParams::from_string("host=h;port=1"), "", 0) == "h:1");
    BOOST_TEST(ConnectionUtils::compose_uri(ConfigParams::from_string("protocol;host=h"), "", 0) == "h");
}

BOOST_AUTO_TEST_CASE(compose_uri_uses_the_default_for_missing_or_empty_ports) {
    // Arrange
    const auto options = ConfigParams::from_string("host=h1,h2,h3;port=1,");

    // Act / Assert
    BOOST_TEST(ConnectionUtils::compose_uri(options, "", 9) == "h1:1,h2:9,h3:9");
    BOOST_TEST(ConnectionUtils::compose_uri(options, "", 0) == "h1:1,h2,h3");
}

BOOST_AUTO_TEST_CASE(compose_uri_writes_a_password_only_with_a_username) {
    // Arrange / Act / Assert
    BOOST_TEST(ConnectionUtils::compose_uri(ConfigParams::from_string("username=u;host=h"), "", 0) == "u@h");
    BOOST_TEST(ConnectionUtils::compose_uri(ConfigParams::from_string("password=p;host=h"), "", 0) == "h");
}

BOOST_AUTO_TEST_CASE(compose_uri_escapes_with_the_rfc3986_unreserved_set) {
    // Arrange: [verified] key "a b", value "c/d&e" -> Node a%20b=c%2Fd%26e
    auto options = ConfigParams::from_string("host=h");
    options.put("a b", "c/d&e");
    options.put("safe", "AZaz09-._~");
    options.put("other", "!'()*+,;=:@?#[]%");

    // Act
    const auto uri = ConnectionUtils::compose_uri(options, "", 0);

    // Assert
    BOOST_TEST(uri == "h?a%20b=c%2Fd%26e&safe=AZaz09-._~&other=%21%27%28%29%2A%2B%2C%3B%3D%3A%40%3F%23%5B%5D%25");
}

BOOST_AUTO_TEST_CASE(compose_uri_writes_empty_values_as_bare_keys) {
    // Arrange
    const auto options = ConfigParams::from_tuples("host", "h", "empty", "", "none", nullptr);

    // Act / Assert
    BOOST_TEST(ConnectionUtils::compose_uri(options, "", 0) == "h?empty&none");
}

BOOST_AUTO_TEST_CASE(escape_and_unescape_are_inverse) {
    // Arrange
    std::string all_bytes;
    for (int c = 0; c < 256; ++c) all_bytes += static_cast<char>(c);

    // Act / Assert
    BOOST_TEST(ConnectionUtils::unescape(ConnectionUtils::escape(all_bytes)) == all_bytes);
    BOOST_TEST(ConnectionUtils::escape(" ") == "%20");
    BOOST_TEST(ConnectionUtils::escape("\xff") == "%FF");
}

// ---- round trips -----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(compose_of_parse_round_trips_canonical_uris) {
    // Arrange / Act / Assert
    for (const std::string uri : {"tcp://user:pass@h1:1,h2:2/a/b?x=1&flag&y=%20z", "http://h1,h2:2", "h:1",
                                  "mqtt://broker:1883?client%20id=a%2Fb", "https://u@h:443/", ":pw@h:1"}) {
        BOOST_TEST(ConnectionUtils::compose_uri(ConnectionUtils::parse_uri(uri, "", 0), "", 0) == uri, uri);
    }
}

BOOST_AUTO_TEST_CASE(compose_of_parse_fills_in_default_port_and_protocol) {
    // Arrange / Act
    const auto uri = ConnectionUtils::compose_uri(ConnectionUtils::parse_uri("h1,h2:2", "tcp", 5), "", 0);

    // Assert
    BOOST_TEST(uri == "tcp://h1:5,h2:2");
}

BOOST_AUTO_TEST_CASE(parse_of_compose_round_trips_options) {
    // Arrange
    const auto options =
        ConfigParams::from_string("protocol=http;username=u;password=p@ss;host=h1,h2;port=1,2;path=x/y;q=a&b=c;flag");

    // Act
    const auto parsed = ConnectionUtils::parse_uri(ConnectionUtils::compose_uri(options, "", 0), "", 0);

    // Assert
    for (const auto& key : keys(options)) BOOST_TEST(entry(parsed, key) == entry(options, key), key);
    BOOST_TEST(entry(parsed, "servers") == "=h1:1,h2:2");
}

BOOST_AUTO_TEST_SUITE_END()
