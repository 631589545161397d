// EtcdDiscovery against one real etcd node on loopback: registration, resolution, the watched cache, the
// factory; and, without any etcd, configuration errors and an unreachable etcd.
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <stdexcept>
#include <string>
#include <vector>

#include "etcd_test_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using pip::config::ConfigParams;
using pip::errors::ConfigException;
using pip::errors::ConnectionException;

namespace {

ConnectionParams instance(const std::string& host, int port) {
    return ConnectionParams::from_tuples("protocol", "http", "host", host, "port", port);
}

std::vector<std::string> hosts(const std::vector<ConnectionParams>& connections) {
    std::vector<std::string> result;
    for (const auto& connection : connections) result.push_back(connection.get_host().value_or("<none>"));
    return result;
}

ConfigParams config_for(const std::vector<std::string>& urls, const std::string& options) {
    return ConfigParams::from_string(etcd_config(urls, options));
}

auto has_code(const std::string& code) {
    return [code](const pip::errors::ApplicationException& error) { return error.code() == code; };
}

/// Resumes a paused etcd member when the test case ends, whatever happens.
struct ResumeOnExit {
    EtcdCluster& etcd;
    ~ResumeOnExit() { etcd.resume(0); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_discovery_single_node, *boost::unit_test::precondition(EtcdInstalled{}))

BOOST_AUTO_TEST_CASE(resolves_every_instance_of_a_key_in_registration_order) {
    // Arrange: two discoveries (two leases, as two processes would have) register three instances
    const auto config = config_for(shared_etcd().client_urls(), unique_prefix("order"));
    EtcdDiscovery first(config), second(config), reader(config);

    // Act
    const auto returned = first.register_connection("cid", "orders", instance("a", 8001));
    second.register_connection("cid", "orders", instance("b", 8002));
    first.register_connection("cid", "orders", instance("c", 8003));
    second.register_connection("cid", "billing", instance("x", 9000));

    // Assert
    BOOST_TEST(returned.get_host() == std::optional<std::string>("a"));
    BOOST_TEST(hosts(reader.resolve_all("cid", "orders")) == (std::vector<std::string>{"a", "b", "c"}),
               boost::test_tools::per_element());
    BOOST_TEST(reader.resolve_one("cid", "orders")->get_port() == 8001);
    BOOST_TEST(hosts(reader.resolve_all("cid", "billing")) == (std::vector<std::string>{"x"}),
               boost::test_tools::per_element());
    BOOST_TEST(!reader.resolve_one("cid", "unknown").has_value());
    BOOST_TEST(reader.resolve_all("cid", "unknown").empty());
}

BOOST_AUTO_TEST_CASE(a_resolved_connection_keeps_every_field) {
    const auto config = config_for(shared_etcd().client_urls(), unique_prefix("fields"));
    EtcdDiscovery registrant(config), reader(config);
    const auto connection = ConnectionParams::from_string("protocol=http;host=10.0.0.7;port=8080;path=/api;region=eu=1");

    registrant.register_connection({}, "api", connection);

    const auto resolved = reader.resolve_one({}, "api");
    BOOST_TEST_REQUIRE(resolved.has_value());
    BOOST_TEST(resolved->to_string() == connection.to_string());
}

BOOST_AUTO_TEST_CASE(the_watched_cache_follows_registrations_and_close) {
    const auto config = config_for(shared_etcd().client_urls(), unique_prefix("watch"));
    EtcdDiscovery writer(config), reader(config);
    BOOST_TEST(reader.resolve_all({}, "svc").empty());  // the first resolve starts the watch

    writer.register_connection({}, "svc", instance("a", 1));
    writer.register_connection({}, "svc", instance("b", 2));
    BOOST_TEST(wait_until([&] { return reader.resolve_all({}, "svc").size() == 2; }, 3s));

    // close() revokes the lease: the entries go at once, not after the TTL (10 s by default)
    writer.close();
    BOOST_TEST(wait_until([&] { return reader.resolve_all({}, "svc").empty(); }, 3s));

    // a closed discovery can register again
    writer.register_connection({}, "svc", instance("c", 3));
    BOOST_TEST(wait_until([&] { return hosts(reader.resolve_all({}, "svc")) == std::vector<std::string>{"c"}; }, 3s));
}

BOOST_AUTO_TEST_CASE(cached_resolves_need_no_round_trip_direct_ones_time_out) {
    // Arrange: a resolver with the watched cache, one without (options.cache=false)
    auto& etcd = shared_etcd();
    const auto prefix = unique_prefix("frozen");
    EtcdDiscovery writer(config_for(etcd.client_urls(), prefix));
    EtcdDiscovery cached(config_for(etcd.client_urls(), prefix));
    EtcdDiscovery direct(config_for(etcd.client_urls(), prefix + ";options.cache=false;options.timeout=300"));
    writer.register_connection({}, "svc", instance("a", 1));
    BOOST_TEST_REQUIRE(wait_until([&] { return cached.resolve_all({}, "svc").size() == 1; }, 3s));
    std::this_thread::sleep_for(300ms);  // lets the watch's first range read land

    // Act: freeze etcd (SIGSTOP: its sockets stay open, it answers nothing)
    etcd.pause(0);
    const ResumeOnExit resume{etcd};
    const auto cached_start = Clock::now();
    const auto from_cache = cached.resolve_one({}, "svc");
    const double cached_seconds = seconds_since(cached_start);
    const auto direct_start = Clock::now();
    BOOST_CHECK_EXCEPTION((void)direct.resolve_one({}, "svc"), ConnectionException, has_code("CANNOT_CONNECT"));
    const double direct_seconds = seconds_since(direct_start);

    // Assert
    BOOST_TEST_REQUIRE(from_cache.has_value());
    BOOST_TEST(from_cache->get_host() == std::optional<std::string>("a"));
    BOOST_TEST(cached_seconds < 0.05);
    BOOST_TEST(direct_seconds >= 0.25);
    BOOST_TEST(direct_seconds < 1.5);
}

BOOST_AUTO_TEST_CASE(the_factory_creates_it_for_its_descriptor) {
    EtcdDiscoveryFactory factory;
    const pip::refer::Descriptor etcd("pip-services", "discovery", "etcd", "default", "1.0");
    const pip::refer::Descriptor memory("pip-services", "discovery", "memory", "default", "1.0");

    const auto created = factory.create<IDiscovery>(etcd);

    BOOST_TEST(std::dynamic_pointer_cast<EtcdDiscovery>(created) != nullptr);
    BOOST_TEST(factory.can_create(etcd).has_value());
    BOOST_TEST(!factory.can_create(memory).has_value());
    BOOST_TEST(EtcdDiscoveryFactory::etcd_discovery_descriptor().to_string() == "pip-services:discovery:etcd:*:1.0");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(etcd_discovery_without_etcd)

BOOST_AUTO_TEST_CASE(unreachable_etcd_fails_with_cannot_connect_within_the_timeout) {
    // Arrange: two endpoints where nothing listens, a 300 ms budget
    const auto dead = "http://127.0.0.1:" + std::to_string(free_loopback_port());
    const auto also_dead = "http://127.0.0.1:" + std::to_string(free_loopback_port());
    EtcdDiscovery discovery(config_for({dead, also_dead}, "options.timeout=300"));
    const auto within_timeout = [&](auto action) {
        const auto start = Clock::now();
        BOOST_CHECK_EXCEPTION(action(), ConnectionException, [](const ConnectionException& error) {
            return error.code() == "CANNOT_CONNECT" && error.correlation_id() == "cid-7" &&
                   std::string(error.what()).find("Cannot reach etcd") != std::string::npos;
        });
        const double seconds = seconds_since(start);
        BOOST_TEST(seconds >= 0.25);
        BOOST_TEST(seconds < 1.0);
    };

    within_timeout([&] { discovery.register_connection("cid-7", "svc", instance("a", 1)); });
    within_timeout([&] { (void)discovery.resolve_one("cid-7", "svc"); });
    within_timeout([&] { (void)discovery.resolve_all("cid-7", "svc"); });
}

BOOST_AUTO_TEST_CASE(error_messages_never_show_uri_user_info) {
    const auto port = std::to_string(free_loopback_port());
    EtcdDiscovery discovery(config_for({"http://admin:s3cret@127.0.0.1:" + port}, "options.timeout=100"));

    BOOST_CHECK_EXCEPTION(discovery.register_connection({}, "svc", instance("a", 1)), ConnectionException,
                          [](const ConnectionException& error) {
                              return std::string(error.what()).find("s3cret") == std::string::npos &&
                                     std::string(error.what()).find("admin") == std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(configuration_errors_are_config_exceptions) {
    EtcdDiscovery unconfigured;
    BOOST_CHECK_EXCEPTION(unconfigured.register_connection({}, "svc", instance("a", 1)), ConfigException,
                          has_code("NO_CONNECTION"));
    BOOST_CHECK_EXCEPTION((void)unconfigured.resolve_one({}, "svc"), ConfigException, has_code("NO_CONNECTION"));

    const auto configure = [](const std::string& text) { EtcdDiscovery discovery(ConfigParams::from_string(text)); };
    BOOST_CHECK_EXCEPTION(configure("options.ttl=5"), ConfigException, has_code("NO_CONNECTION"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=https://h:2379"), ConfigException, has_code("UNSUPPORTED_PROTOCOL"));
    BOOST_CHECK_EXCEPTION(configure("connection.protocol=grpc;connection.host=h"), ConfigException,
                          has_code("UNSUPPORTED_PROTOCOL"));
    BOOST_CHECK_EXCEPTION(configure("connection.port=2379"), ConfigException, has_code("NO_HOST"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:1;options.ttl=0"), ConfigException, has_code("INVALID_OPTION"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:1;options.timeout=soon"), ConfigException,
                          has_code("INVALID_OPTION"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:1;options.cache=maybe"), ConfigException,
                          has_code("INVALID_OPTION"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:1;options.prefix=/"), ConfigException,
                          has_code("INVALID_OPTION"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:1;options.check_interval=0"), ConfigException,
                          has_code("INVALID_OPTION"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:1;options.max_response_bytes=4MB"), ConfigException,
                          has_code("INVALID_OPTION"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:port"), ConfigException, has_code("INVALID_PORT"));
    BOOST_CHECK_EXCEPTION(configure("connection.uri=http://h:70000"), ConfigException, has_code("INVALID_PORT"));
    BOOST_CHECK_NO_THROW(configure("connection.host=h;options.ttl=3;options.timeout=500;options.cache=false"));
    BOOST_CHECK_NO_THROW(configure("connection.uri=http://h1:1,h2,[::1]:3;options.check_interval=250;"
                                   "options.max_response_bytes=65536"));
}

BOOST_AUTO_TEST_CASE(an_empty_key_is_rejected) {
    EtcdDiscovery discovery(ConfigParams::from_string("connection.uri=http://127.0.0.1:1"));

    BOOST_CHECK_THROW(discovery.register_connection({}, "", instance("a", 1)), std::invalid_argument);
    BOOST_CHECK_THROW((void)discovery.resolve_all({}, ""), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
