// Malformed answers: JSON that is unreadable or of the wrong shape gives InvocationException
// `ETCD_BAD_RESPONSE` with the caller's correlation id, never a JSON library exception.
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

#include <string>
#include <vector>

#include "hostile_support.hpp"
import pip.connect.etcd;

using namespace pip::connect;
using namespace pip_test;
using namespace pip_test::hostile;
using pip::config::ConfigParams;
using pip::errors::ApplicationException;

namespace {

// Malformed for every operation; a lease grant also rejects {"ID":{"a":1}} and {"error":5}.
const std::vector<std::string> malformed_bodies = {
    "not json",
    "[1, 2]",
    R"({"kvs":[5]})",
    R"({"kvs":"x"})",
    R"({"kvs":[{"key":5}]})",
    R"({"kvs":[{"key":"a2V5","create_revision":"12x"}]})",
    R"({"header":{"revision":[]}})",
    R"({"header":7})",
    "",
};

/// A fake that answers `path` with `body`, and everything else from its store.
void answer_with(FakeEtcd& etcd, const std::string& path, const std::string& body) {
    etcd.set_behaviour([path, body](const FakeRequest& request) -> std::optional<FakeAnswer> {
        if (request.path == path) return FakeAnswer::text(body);
        return std::nullopt;
    });
}

bool is_bad_response(const ApplicationException& error) {
    return error.code() == "ETCD_BAD_RESPONSE" && error.correlation_id() == "cid-bad";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etcd_malformed_answers)

BOOST_DATA_TEST_CASE(a_malformed_range_answer_is_a_bad_response, boost::unit_test::data::make(malformed_bodies), body) {
    FakeEtcd etcd;
    answer_with(etcd, "/v3/kv/range", body);
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "options.cache=false")));

    BOOST_CHECK_EXCEPTION((void)discovery.resolve_all("cid-bad", "svc"), ApplicationException, is_bad_response);
    BOOST_CHECK_EXCEPTION((void)discovery.resolve_one("cid-bad", "svc"), ApplicationException, is_bad_response);
}

BOOST_DATA_TEST_CASE(a_malformed_lease_grant_answer_is_a_bad_response,
                     boost::unit_test::data::make(malformed_bodies) +
                         boost::unit_test::data::make(std::vector<std::string>{R"({"ID":{"a":1}})", R"({"error":5})"}),
                     body) {
    FakeEtcd etcd;
    answer_with(etcd, "/v3/lease/grant", body);
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "")));

    BOOST_CHECK_EXCEPTION(discovery.register_connection("cid-bad", "svc", ConnectionParams::from_tuples("host", "h")),
                          ApplicationException, [&](const ApplicationException& error) {
                              // a grant answer without an id (`{"header":7}` has none) is etcd refusing the grant
                              return error.correlation_id() == "cid-bad" &&
                                     (error.code() == "ETCD_BAD_RESPONSE" || error.code() == "ETCD_ERROR");
                          });
}

BOOST_DATA_TEST_CASE(a_malformed_put_answer_is_a_bad_response, boost::unit_test::data::make(std::vector<std::string>{
                                                                    "not json", "[1]", R"({"header":7})", "{}", ""}),
                     body) {
    FakeEtcd etcd;
    answer_with(etcd, "/v3/kv/put", body);
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "")));

    BOOST_CHECK_EXCEPTION(discovery.register_connection("cid-bad", "svc", ConnectionParams::from_tuples("host", "h")),
                          ApplicationException, is_bad_response);
}

BOOST_AUTO_TEST_CASE(a_malformed_watch_leaves_resolves_to_direct_reads) {
    // Arrange: a registration; every watch message is malformed
    FakeEtcd etcd;
    etcd.put("hostile/svc/a-1", R"({"host":"a"})");
    etcd.set_behaviour([](const FakeRequest& request) -> std::optional<FakeAnswer> {
        if (request.path == "/v3/watch") return FakeAnswer::stream("{\"result\":[5]}\n");
        return std::nullopt;
    });
    EtcdDiscovery discovery(ConfigParams::from_string(config_text(etcd.url(), "")));

    // Act / Assert: resolves keep answering while the watch breaks and restarts
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST(discovery.resolve_all("cid", "svc").size() == 1U);
        std::this_thread::sleep_for(100ms);
    }
    BOOST_TEST(etcd.requests("/v3/watch") >= 2);
}

BOOST_AUTO_TEST_SUITE_END()
