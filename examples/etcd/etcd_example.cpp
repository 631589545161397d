// Discovery across processes with EtcdDiscovery: two service processes register their endpoints in etcd, a
// third process resolves them.
//
//   etcd_example                                        the whole demo: starts etcd on loopback (its own port
//                                                       and temporary data directory), two `register` processes
//                                                       and one `resolve` process, then stops them all
//   etcd_example register <etcd uri> <key> <host> <port>  registers host:port under key, keeps it alive until
//                                                       SIGTERM or SIGINT, then closes (its entry goes at once)
//   etcd_example resolve <etcd uri> <key> <count>        waits (5 s at most) until <count> instances are live
//                                                       and prints them in registration order
//
// Exit code 77 when no etcd binary is installed (apt-get install etcd-server, or set PIP_ETCD).
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
import pip.connect.etcd;

using pip::config::ConfigParams;
using pip::connect::ConnectionParams;
using pip::connect::EtcdDiscovery;
using namespace std::chrono_literals;

extern char** environ;

namespace {

// ---- the service and client sides: all there is to using EtcdDiscovery ------------------------------------------

ConfigParams discovery_config(const std::string& etcd_uri) {
    // ttl 5: a crashed service disappears 5 s after its last heartbeat
    return ConfigParams::from_string("connection.uri=" + etcd_uri + ";options.prefix=pip-example;options.ttl=5");
}

int run_service(const std::string& etcd_uri, const std::string& key, const std::string& host, int port) {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread starts: only sigwait sees them

    EtcdDiscovery discovery(discovery_config(etcd_uri));
    discovery.register_connection({}, key, ConnectionParams::from_tuples("protocol", "http", "host", host, "port", port));
    std::cout << "[service " << host << "] registered " << host << ":" << port << " under '" << key << "'" << std::endl;

    int received = 0;
    sigwait(&stop_signals, &received);
    discovery.close();  // revokes the lease: clients stop seeing this instance at once
    std::cout << "[service " << host << "] stopped and deregistered" << std::endl;
    return 0;
}

int run_client(const std::string& etcd_uri, const std::string& key, std::size_t expected) {
    EtcdDiscovery discovery(discovery_config(etcd_uri));
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    auto instances = discovery.resolve_all({}, key);
    while (instances.size() != expected && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        instances = discovery.resolve_all({}, key);  // answered from the watched cache, no round trip
    }
    std::cout << "[client] '" << key << "' has " << instances.size() << " live instance(s):" << std::endl;
    for (const auto& instance : instances) std::cout << "[client]   " << instance.to_string() << std::endl;
    if (const auto first = discovery.resolve_one({}, key))
        std::cout << "[client] resolve_one picks " << first->get_host().value_or("?") << ":" << first->get_port() << std::endl;
    return instances.size() == expected ? 0 : 1;
}

// ---- the demo driver: process plumbing only ----------------------------------------------------------------------

std::optional<std::filesystem::path> find_etcd() {
    if (const char* configured = std::getenv("PIP_ETCD"); configured != nullptr && *configured != '\0')
        return std::filesystem::path(configured);
    std::stringstream path(std::getenv("PATH") != nullptr ? std::getenv("PATH") : "/usr/bin:/bin");
    for (std::string directory; std::getline(path, directory, ':');)
        if (!directory.empty() && ::access((std::filesystem::path(directory) / "etcd").c_str(), X_OK) == 0)
            return std::filesystem::path(directory) / "etcd";
    return std::nullopt;
}

int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

pid_t spawn(const std::vector<std::string>& argv, const std::string& log = {}) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!log.empty()) {
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    }
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int failed = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0) throw std::runtime_error("cannot start " + argv[0]);
    return pid;
}

int stop(pid_t pid, int signal) {
    ::kill(pid, signal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

/// Waits (10 s at most) until etcd answers and `key` has `count` instances, asking through EtcdDiscovery itself
/// (short timeout, no cache: one range read per question).
bool wait_for_instances(const std::string& etcd_uri, const std::string& key, std::size_t count) {
    EtcdDiscovery probe(ConfigParams::from_string("connection.uri=" + etcd_uri +
                                                  ";options.prefix=pip-example;options.timeout=200;options.cache=false"));
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            if (probe.resolve_all({}, key).size() == count) return true;
        } catch (const pip::errors::ConnectionException&) {  // etcd still starting
        }
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

int run_demo(const std::string& self) {
    const auto etcd = find_etcd();
    if (!etcd) {
        std::cout << "etcd is not installed (apt-get install etcd-server, or set PIP_ETCD): nothing to demo" << std::endl;
        return 77;
    }
    std::string data_template = (std::filesystem::temp_directory_path() / "pip-etcd-example-XXXXXX").string();
    if (::mkdtemp(data_template.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    const std::filesystem::path data = data_template;
    const auto client_url = "http://127.0.0.1:" + std::to_string(free_loopback_port());
    const auto peer_url = "http://127.0.0.1:" + std::to_string(free_loopback_port());
    const pid_t etcd_pid = spawn({etcd->string(), "--name", "example", "--data-dir", (data / "etcd").string(),
                                  "--listen-client-urls", client_url, "--advertise-client-urls", client_url,
                                  "--listen-peer-urls", peer_url, "--initial-advertise-peer-urls", peer_url,
                                  "--initial-cluster", "example=" + peer_url, "--log-level", "warn", "--logger", "zap"},
                                 (data / "etcd.log").string());
    int result = 1;
    try {
        std::cout << "[demo] etcd on " << client_url << std::endl;
        if (!wait_for_instances(client_url, "orders", 0))
            throw std::runtime_error("etcd did not start; see " + (data / "etcd.log").string());
        // one service after the other, so that registration order (the order of resolve_all) is fixed
        const pid_t first = spawn({self, "register", client_url, "orders", "10.0.0.1", "8081"});
        wait_for_instances(client_url, "orders", 1);
        const pid_t second = spawn({self, "register", client_url, "orders", "10.0.0.2", "8082"});
        const pid_t client = spawn({self, "resolve", client_url, "orders", "2"});
        int status = 0;
        ::waitpid(client, &status, 0);
        result = WIFEXITED(status) ? WEXITSTATUS(status) : 1;

        std::cout << "[demo] stopping 10.0.0.1" << std::endl;
        stop(first, SIGTERM);
        const pid_t after = spawn({self, "resolve", client_url, "orders", "1"});
        ::waitpid(after, &status, 0);
        if (result == 0) result = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
        stop(second, SIGTERM);
    } catch (const std::exception& error) {
        std::cerr << "[demo] " << error.what() << std::endl;
    }
    stop(etcd_pid, SIGKILL);
    std::filesystem::remove_all(data);
    std::cout << "[demo] " << (result == 0 ? "done" : "FAILED") << std::endl;
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.empty()) return run_demo(std::filesystem::read_symlink("/proc/self/exe").string());
        if (args[0] == "register" && args.size() == 5) return run_service(args[1], args[2], args[3], std::stoi(args[4]));
        if (args[0] == "resolve" && args.size() == 4) return run_client(args[1], args[2], std::stoul(args[3]));
        std::cerr << "usage: " << argv[0] << " [register <etcd uri> <key> <host> <port> | resolve <etcd uri> <key> <count>]"
                  << std::endl;
        return 2;
    } catch (const std::exception& error) {
        std::cerr << argv[0] << ": " << error.what() << std::endl;
        return 1;
    }
}
