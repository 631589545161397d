// Real etcd processes on loopback, for the pip.connect.etcd tests and benchmark.
//
// Every member listens on 127.0.0.1 only, on ports the kernel reported free, with its data in a fresh temporary
// directory. Children get PR_SET_PDEATHSIG, so they die with the test process even when it crashes; the
// destructors kill and reap them and remove the directory. Every wait is bounded.
#pragma once

#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pip_test {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// The etcd binary: $PIP_ETCD if set, else `etcd` on PATH; empty when there is none.
inline std::optional<std::filesystem::path> find_etcd() {
    if (const char* configured = std::getenv("PIP_ETCD"); configured != nullptr && *configured != '\0')
        return std::filesystem::path(configured);
    const char* path = std::getenv("PATH");
    std::stringstream directories(path != nullptr ? path : "/usr/bin:/bin");
    for (std::string directory; std::getline(directories, directory, ':');) {
        const auto candidate = std::filesystem::path(directory) / "etcd";
        if (!directory.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

/// A loopback port nothing listens on right now (the kernel's pick for port 0).
inline int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("cannot pick a free loopback port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

/// A child process started with execv; killed with SIGKILL and reaped on destruction.
class ChildProcess {
public:
    ChildProcess() = default;
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log) {
        std::vector<char*> args;
        for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {  // child: only async-signal-safe calls until execv
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(1);
            const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (out >= 0) {
                ::dup2(out, STDOUT_FILENO);
                ::dup2(out, STDERR_FILENO);
            }
            ::execv(args[0], args.data());
            ::_exit(127);
        }
    }
    ChildProcess(ChildProcess&& other) noexcept : pid_(std::exchange(other.pid_, -1)) {}
    ChildProcess& operator=(ChildProcess&& other) noexcept {
        if (this != &other) {
            kill(SIGKILL);
            pid_ = std::exchange(other.pid_, -1);
        }
        return *this;
    }
    ~ChildProcess() { kill(SIGKILL); }

    [[nodiscard]] bool running() const { return pid_ > 0; }
    [[nodiscard]] pid_t pid() const { return pid_; }

    /// Sends `signal`; SIGKILL also reaps the child, SIGSTOP returns once every thread of the child has stopped
    /// (a signal is delivered asynchronously: a thread could still answer a request just after kill() returns).
    void kill(int signal) {
        if (pid_ <= 0) return;
        ::kill(pid_, signal);
        if (signal == SIGKILL) {
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        } else if (signal == SIGSTOP) {
            int status = 0;
            ::waitpid(pid_, &status, WUNTRACED);  // reports the stop when the whole thread group has stopped
        }
    }

private:
    pid_t pid_ = -1;
};

/// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "pip-etcd-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// One HTTP request with libcurl (the harness's own, independent of the code under test): a POST of `body`, or a
/// GET without one. The reply body, or empty when the request failed or did not answer 200.
inline std::optional<std::string> http_request(const std::string& url, const std::optional<std::string>& body,
                                               std::chrono::milliseconds timeout = 500ms) {
    static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    CURL* curl = initialized ? curl_easy_init() : nullptr;
    if (curl == nullptr) return std::nullopt;
    std::string reply;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    if (body) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char* data, std::size_t size, std::size_t count, void* out) {
        static_cast<std::string*>(out)->append(data, size * count);
        return size * count;
    });
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
    const CURLcode result = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    if (result != CURLE_OK || status != 200) return std::nullopt;
    return reply;
}

/// The text of a JSON string field (`"name":"value"`): enough for etcd's health and status replies.
inline std::string json_text_field(const std::string& json, const std::string& name) {
    const auto key = json.find("\"" + name + "\":\"");
    if (key == std::string::npos) return {};
    const auto start = key + name.size() + 4;
    return json.substr(start, json.find('"', start) - start);
}

/// Polls `condition` every 20 ms until it holds or `limit` passes; returns whether it held.
template <class Condition>
bool wait_until(Condition condition, std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (!condition()) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

/// Seconds since `start`, as a double for printing.
inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// EtcdDiscovery configuration text: `connections.m<i>.uri=<url>;...` for the given endpoints, followed by `extra` options.
inline std::string etcd_config(const std::vector<std::string>& urls, const std::string& extra = {}) {
    std::string text;
    for (std::size_t i = 0; i < urls.size(); ++i)
        text += "connections.m" + std::to_string(i) + ".uri=" + urls[i] + ";";
    return text + extra;
}

/// A cluster of `size` etcd members on loopback (one member: a single node).
class EtcdCluster {
public:
    struct Member {
        std::string name;
        int client_port = 0;
        int peer_port = 0;
        ChildProcess process;

        [[nodiscard]] std::string client_url() const { return "http://127.0.0.1:" + std::to_string(client_port); }
        [[nodiscard]] std::string peer_url() const { return "http://127.0.0.1:" + std::to_string(peer_port); }
    };

    EtcdCluster(std::filesystem::path etcd, std::size_t size) : etcd_(std::move(etcd)), members_(size) {
        for (std::size_t i = 0; i < size; ++i) {
            members_[i].name = "m" + std::to_string(i);
            members_[i].client_port = free_loopback_port();
            members_[i].peer_port = free_loopback_port();
        }
        for (std::size_t i = 0; i < size; ++i) start(i);
        for (std::size_t i = 0; i < size; ++i) wait_healthy(i);
    }

    [[nodiscard]] std::size_t size() const { return members_.size(); }
    [[nodiscard]] const Member& member(std::size_t i) const { return members_.at(i); }
    [[nodiscard]] std::vector<std::string> client_urls() const {
        std::vector<std::string> urls;
        for (const auto& member : members_) urls.push_back(member.client_url());
        return urls;
    }

    /// Starts member `i` again on its ports; with `fresh_data` its data directory is wiped first (a node that
    /// lost its disk: only meaningful for a single-node cluster).
    void start(std::size_t i, bool fresh_data = false) {
        auto& member = members_.at(i);
        const auto data = directory_.path() / member.name;
        if (fresh_data) std::filesystem::remove_all(data);
        std::string initial_cluster;
        for (const auto& m : members_) initial_cluster += (initial_cluster.empty() ? "" : ",") + m.name + "=" + m.peer_url();
        member.process = ChildProcess(
            {etcd_.string(), "--name", member.name, "--data-dir", data.string(),
             "--listen-client-urls", member.client_url(), "--advertise-client-urls", member.client_url(),
             "--listen-peer-urls", member.peer_url(), "--initial-advertise-peer-urls", member.peer_url(),
             "--initial-cluster", initial_cluster, "--initial-cluster-state", "new",
             "--initial-cluster-token", "pip-test", "--logger", "zap", "--log-level", "warn"},
            directory_.path() / (member.name + ".log"));
    }

    void kill(std::size_t i) { members_.at(i).process.kill(SIGKILL); }
    /// SIGSTOP / SIGCONT: the member keeps its sockets open but stops answering.
    void pause(std::size_t i) { members_.at(i).process.kill(SIGSTOP); }
    void resume(std::size_t i) { members_.at(i).process.kill(SIGCONT); }

    /// Waits (at most 15 s) until member `i` reports itself healthy (it has a leader).
    void wait_healthy(std::size_t i) {
        const auto url = members_.at(i).client_url() + "/health";
        const bool healthy = wait_until(
            [&] {
                const auto reply = http_request(url, std::nullopt);
                return reply && json_text_field(*reply, "health") == "true";
            },
            15s);
        if (!healthy) throw std::runtime_error("etcd member " + members_[i].name + " did not become healthy:\n" + log_tail(i));
    }

    /// The index of the current leader, asked from the first member that answers; empty when none does.
    [[nodiscard]] std::optional<std::size_t> leader() const {
        for (const auto& member : members_) {
            const auto status = http_request(member.client_url() + "/v3/maintenance/status", "{}");
            if (!status) continue;
            const auto leader_id = json_text_field(*status, "leader");
            for (std::size_t i = 0; i < members_.size(); ++i) {
                const auto other = http_request(members_[i].client_url() + "/v3/maintenance/status", "{}");
                if (other && json_text_field(*other, "member_id") == leader_id) return i;
            }
        }
        return std::nullopt;
    }

    [[nodiscard]] std::string log_tail(std::size_t i) const {
        std::ifstream log(directory_.path() / (members_.at(i).name + ".log"));
        std::stringstream text;
        text << log.rdbuf();
        const auto all = text.str();
        return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
    }

private:
    std::filesystem::path etcd_;
    TempDir directory_;
    std::vector<Member> members_;
};

}  // namespace pip_test
