// A registrant process for the TTL test: registers one connection through EtcdDiscovery, then keeps its lease
// alive until it is killed.
#include <chrono>
#include <cstdio>
#include <exception>
#include <thread>
import pip.connect.etcd;

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s <discovery config> <key> <connection>\n", argv[0]);
        return 2;
    }
    try {
        pip::connect::EtcdDiscovery discovery(pip::config::ConfigParams::from_string(argv[1]));
        discovery.register_connection({}, argv[2], pip::connect::ConnectionParams::from_string(argv[3]));
        std::puts("registered");
        std::fflush(stdout);
        for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "etcd_registrant: %s\n", error.what());
        return 1;
    }
}
