// What the pip.connect.etcd test files share: the skip rule, the shared single-node etcd, configuration text.
// It holds no pip types (test files include everything before their first import).
#pragma once

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "../config/print_optional.hpp"
#include "etcd_process.hpp"

namespace pip_test {

/// The tests' precondition: skipped only when no etcd binary is installed. The reason is printed on stdout
/// (once), where CTest's SKIP_REGULAR_EXPRESSION turns it into a visible "Skipped" result.
struct EtcdInstalled {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        static constexpr const char* reason = "SKIPPED: no etcd binary (apt-get install etcd-server, or set PIP_ETCD)";
        boost::test_tools::assertion_result installed(find_etcd().has_value());
        if (!installed) {
            static const bool printed = std::puts(reason) >= 0;
            (void)printed;
            installed.message() << reason;
        }
        return installed;
    }
};

/// One single-node etcd shared by the test cases that need no special treatment of the server; started on first
/// use, killed when the test program exits.
inline EtcdCluster& shared_etcd() {
    static const auto node = std::make_unique<EtcdCluster>(*find_etcd(), 1);
    return *node;
}

/// A key prefix no other test case uses, so that cases sharing a node never see each other's entries.
inline std::string unique_prefix(const std::string& test_name) {
    static int counter = 0;
    return "options.prefix=pip-test/" + test_name + "-" + std::to_string(++counter);
}

/// Prints a measurement so that it shows in the test log (`--log_level=message`) and on stdout.
inline void report(const std::string& what, double seconds) {
    std::printf("[etcd measurement] %s: %.3f s\n", what.c_str(), seconds);
    std::fflush(stdout);
    BOOST_TEST_MESSAGE("[etcd measurement] " << what << ": " << seconds << " s");
}

}  // namespace pip_test
