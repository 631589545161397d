// Linked with pip::pip only: this unit imports every pip module by name in an order unlike their dependencies,
// each other unit of this program imports exactly one. Exits 0 only when every unit's check passes.
#include <iostream>
#include <optional>
#include <string>
import pip.auth;
import pip.errors;
import pip;
#ifdef CONSUMER_HAS_ETCD
import pip.connect.etcd;
#endif
import pip.build;
import pip.config;
import pip.connect;
import pip.refer;

bool errors_works();
bool config_works();
bool refer_works();
bool build_works();
bool auth_works();
bool connect_works();
bool pip_works();
#ifdef CONSUMER_HAS_ETCD
bool connect_etcd_works();
#endif

int main() {
    int failures = 0;
    const auto check = [&failures](bool passed, const char* module) {
        if (!passed) {
            std::cerr << "import " << module << ": check failed\n";
            ++failures;
        }
    };
    check(errors_works(), "pip.errors");
    check(config_works(), "pip.config");
    check(refer_works(), "pip.refer");
    check(build_works(), "pip.build");
    check(auth_works(), "pip.auth");
    check(connect_works(), "pip.connect");
    check(pip_works(), "pip");
#ifdef CONSUMER_HAS_ETCD
    check(connect_etcd_works(), "pip.connect.etcd");
#endif
    // And all of them together in this unit.
    const pip::auth::CredentialParams credential = pip::auth::CredentialParams::from_string("username=jdoe");
    check(credential.get_username() == "jdoe", "every module in one unit");
    return failures == 0 ? 0 : 1;
}
