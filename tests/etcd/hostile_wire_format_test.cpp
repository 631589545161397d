// Values round-trip exactly: registrations are stored as a JSON object (`;`, `=`, spaces and keys without a
// value survive), entries in the earlier `k=v;k=v` form are still read, and nested prefixes never share entries.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "hostile_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using namespace pip_test::hostile;
using pip::config::ConfigParams;

namespace {

ConfigParams config_with_prefix(const FakeEtcd& etcd, const std::string& prefix, const std::string& options = "") {
    return ConfigParams::from_string("connection.uri=" + etcd.url() + ";options.prefix=" + prefix + ";" + options);
}

std::vector<std::string> hosts(const std::vector<ConnectionParams>& connections) {
    std::vector<std::string> result;
    for (const auto& connection : connections) result.push_back(connection.get_host().value_or("<none>"));
    return result;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_wire_format)

BOOST_AUTO_TEST_CASE(a_connection_comes_back_byte_for_byte) {
    // Arrange: values holding the separators of the text form, padding, and a key without a value
    FakeEtcd etcd;
    ConnectionParams connection;
    connection.put("host", "h;password=injected");
    connection.put("path", "  padded = value  ");
    connection.put("empty", "");
    connection.put("none", std::nullopt);
    connection.put("utf8", "\xC3\xA9t\xC3\xA9");
    EtcdDiscovery registrant(config_with_prefix(etcd, "wire")), cached(config_with_prefix(etcd, "wire"));
    EtcdDiscovery direct(config_with_prefix(etcd, "wire", "options.cache=false"));

    // Act
    registrant.register_connection({}, "svc", connection);
    const auto from_etcd = direct.resolve_one({}, "svc");
    std::optional<ConnectionParams> from_cache;
    (void)cached.resolve_one({}, "svc");
    eventually([&] { return (from_cache = cached.resolve_one({}, "svc")).has_value(); }, 2s);

    // Assert: the same keys, in the same order, with the same values
    for (const auto& resolved : {from_etcd, from_cache}) {
        BOOST_TEST_REQUIRE(resolved.has_value());
        BOOST_TEST(resolved->get_keys() == connection.get_keys(), boost::test_tools::per_element());
        for (const auto& key : connection.get_keys()) BOOST_TEST(resolved->get(key) == connection.get(key));
        BOOST_TEST(!resolved->contains("password"));
    }
}

BOOST_AUTO_TEST_CASE(entries_in_the_earlier_text_form_are_still_read) {
    FakeEtcd etcd;
    etcd.put("wire/svc/old-1", "host=legacy;port=8080");

    EtcdDiscovery direct(config_with_prefix(etcd, "wire", "options.cache=false"));
    const auto resolved = direct.resolve_one({}, "svc");

    BOOST_TEST_REQUIRE(resolved.has_value());
    BOOST_TEST(resolved->get_host() == std::optional<std::string>("legacy"));
    BOOST_TEST(resolved->get_port() == 8080);
}

BOOST_AUTO_TEST_CASE(nested_prefixes_never_share_entries) {
    // Arrange: prefix `a` with key `x/b`, and prefix `a/x` with key `b`, which once were the same etcd keys
    FakeEtcd etcd;
    EtcdDiscovery outer(config_with_prefix(etcd, "a", "options.cache=false"));
    EtcdDiscovery inner(config_with_prefix(etcd, "a/x", "options.cache=false"));
    EtcdDiscovery outer_cached(config_with_prefix(etcd, "a"));

    // Act
    outer.register_connection({}, "x/b", ConnectionParams::from_tuples("host", "outer"));
    inner.register_connection({}, "b", ConnectionParams::from_tuples("host", "inner"));

    // Assert
    BOOST_TEST(hosts(outer.resolve_all({}, "x/b")) == std::vector<std::string>{"outer"}, boost::test_tools::per_element());
    BOOST_TEST(hosts(inner.resolve_all({}, "b")) == std::vector<std::string>{"inner"}, boost::test_tools::per_element());
    (void)outer_cached.resolve_all({}, "x/b");
    std::this_thread::sleep_for(300ms);  // the cache has synced
    BOOST_TEST(hosts(outer_cached.resolve_all({}, "x/b")) == std::vector<std::string>{"outer"},
               boost::test_tools::per_element());
    BOOST_TEST(outer_cached.resolve_all({}, "x").empty());
}

BOOST_AUTO_TEST_SUITE_END()
