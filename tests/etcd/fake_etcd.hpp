// A hostile stand-in for etcd's JSON gateway on 127.0.0.1 (an ephemeral port), served from threads of the test
// process with plain sockets. By default it answers like a small etcd (leases, put, range, the counting
// transaction) from an in-memory store, and holds every watch open without ever sending an event. A test sets a
// behaviour to answer some requests differently: late, never, endlessly, or with any body.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace pip_test {

/// One request as the fake received it.
struct FakeRequest {
    std::string path;
    nlohmann::json body;
};

/// How the fake answers one request.
struct FakeAnswer {
    enum class Kind {
        reply,    // `body` after `delay`, then the connection is closed
        hang,     // nothing, ever (the connection stays open)
        endless,  // answer headers, then bytes without end and without a newline
        stream,   // answer headers and `body`, then silence with the connection open (a silent watch)
        late,     // the store's answer after `delay`; a write is applied at once (a slow commit)
    };
    Kind kind = Kind::reply;
    int status = 200;
    std::string body;
    std::chrono::milliseconds delay{0};

    static FakeAnswer of(Kind kind, std::string body = {}, std::chrono::milliseconds delay = {}, int status = 200) {
        FakeAnswer answer;
        answer.kind = kind;
        answer.status = status;
        answer.body = std::move(body);
        answer.delay = delay;
        return answer;
    }
    static FakeAnswer hanging() { return of(Kind::hang); }
    static FakeAnswer endless_body() { return of(Kind::endless); }
    static FakeAnswer text(std::string body, int status = 200) { return of(Kind::reply, std::move(body), {}, status); }
    static FakeAnswer late(std::chrono::milliseconds delay) { return of(Kind::late, {}, delay); }
    static FakeAnswer stream(std::string first_message) { return of(Kind::stream, std::move(first_message)); }
};

inline std::string fake_base64_encode(std::string_view bytes) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string text;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 3; ++j) group = (group << 8) | (j < count ? static_cast<unsigned char>(bytes[i + j]) : 0U);
        for (std::size_t j = 0; j < 4; ++j) text += j <= count ? alphabet[(group >> (18 - 6 * j)) & 0x3FU] : '=';
    }
    return text;
}

inline std::string fake_base64_decode(std::string_view text) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string bytes;
    std::uint32_t group = 0;
    int bits = 0;
    for (const char c : text) {
        const auto digit = alphabet.find(c);
        if (digit == std::string_view::npos) continue;
        group = (group << 6) | static_cast<std::uint32_t>(digit);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((group >> bits) & 0xFFU);
        }
    }
    return bytes;
}

class FakeEtcd {
public:
    /// Returns an answer for the requests it wants to answer itself; std::nullopt leaves them to the store.
    using Behaviour = std::function<std::optional<FakeAnswer>(const FakeRequest&)>;

    FakeEtcd() {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 64) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            throw std::runtime_error("the fake etcd cannot listen on 127.0.0.1");
        port_ = ntohs(address.sin_port);
        acceptor_ = std::jthread([this](std::stop_token stop) { accept_loop(stop); });
    }

    ~FakeEtcd() {
        acceptor_.request_stop();
        acceptor_.join();
        std::vector<std::jthread> connections;
        {
            const std::scoped_lock lock(mutex_);
            connections = std::move(connections_);
        }
        for (auto& connection : connections) connection.request_stop();
        connections.clear();  // joins
        ::close(listener_);
    }

    FakeEtcd(const FakeEtcd&) = delete;
    FakeEtcd& operator=(const FakeEtcd&) = delete;

    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    void set_behaviour(Behaviour behaviour) {
        const std::scoped_lock lock(mutex_);
        behaviour_ = std::move(behaviour);
    }

    /// Writes `key` as another process would (no lease).
    void put(const std::string& key, const std::string& value) {
        const std::scoped_lock lock(mutex_);
        store_put(key, value, 0);
    }

    /// The keys under `prefix`, in key order.
    [[nodiscard]] std::vector<std::string> keys(const std::string& prefix) const {
        const std::scoped_lock lock(mutex_);
        std::vector<std::string> found;
        for (const auto& [key, kv] : store_)
            if (key.starts_with(prefix)) found.push_back(key);
        return found;
    }

    [[nodiscard]] std::string value(const std::string& key) const {
        const std::scoped_lock lock(mutex_);
        const auto found = store_.find(key);
        return found == store_.end() ? std::string() : found->second.value;
    }

    /// How many requests to `path` arrived.
    [[nodiscard]] int requests(const std::string& path) const {
        const std::scoped_lock lock(mutex_);
        const auto found = requests_.find(path);
        return found == requests_.end() ? 0 : found->second;
    }

private:
    struct StoredValue {
        std::string value;
        std::int64_t lease = 0;
        std::int64_t create_revision = 0;
        std::int64_t mod_revision = 0;
    };

    void accept_loop(const std::stop_token& stop) {
        while (!stop.stop_requested()) {
            pollfd waiting{listener_, POLLIN, 0};
            if (::poll(&waiting, 1, 20) <= 0) continue;
            const int connection = ::accept(listener_, nullptr, nullptr);
            if (connection < 0) continue;
            const std::scoped_lock lock(mutex_);
            connections_.emplace_back([this, connection](std::stop_token connection_stop) {
                serve(connection, connection_stop);
                ::close(connection);
            });
        }
    }

    /// Reads one request; false when the peer went away or stop was requested first.
    static bool read_request(int connection, const std::stop_token& stop, std::string& path, std::string& body) {
        std::string data;
        char buffer[4096];
        std::size_t header_end = std::string::npos;
        std::size_t content_length = 0;
        while (!stop.stop_requested()) {
            if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) {
                const auto request_line_end = data.find("\r\n");
                const auto first_space = data.find(' ');
                path = data.substr(first_space + 1, data.find(' ', first_space + 1) - first_space - 1);
                (void)request_line_end;
                body = data.substr(header_end + 4, content_length);
                return true;
            }
            pollfd waiting{connection, POLLIN, 0};
            if (::poll(&waiting, 1, 20) <= 0) continue;
            const auto received = ::recv(connection, buffer, sizeof buffer, 0);
            if (received <= 0) return false;
            data.append(buffer, static_cast<std::size_t>(received));
            if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
                for (const std::string name : {"Content-Length: ", "content-length: "})
                    if (const auto at = data.find(name); at != std::string::npos && at < header_end)
                        content_length = std::stoul(data.substr(at + name.size()));
            }
        }
        return false;
    }

    static bool send_all(int connection, std::string_view bytes) {
        while (!bytes.empty()) {
            const auto sent = ::send(connection, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    /// Waits until `stop` or until the peer closes the connection (or `time` passes, when given).
    static void hold(int connection, const std::stop_token& stop,
                     std::optional<std::chrono::milliseconds> time = std::nullopt) {
        const auto end = std::chrono::steady_clock::now() + time.value_or(std::chrono::hours(1));
        char buffer[256];
        while (!stop.stop_requested() && std::chrono::steady_clock::now() < end) {
            pollfd waiting{connection, POLLIN, 0};
            if (::poll(&waiting, 1, 10) > 0 && ::recv(connection, buffer, sizeof buffer, MSG_DONTWAIT) == 0) return;
        }
    }

    void serve(int connection, const std::stop_token& stop) {
        std::string path, text;
        if (!read_request(connection, stop, path, text)) return;
        FakeRequest request{path, nlohmann::json::parse(text, nullptr, false)};
        Behaviour behaviour;
        {
            const std::scoped_lock lock(mutex_);
            ++requests_[path];
            behaviour = behaviour_;
        }
        auto answer = behaviour ? behaviour(request) : std::nullopt;
        if (!answer || answer->kind == FakeAnswer::Kind::late) {
            const auto delay = answer ? answer->delay : std::chrono::milliseconds(0);
            answer = answer_from_store(request);
            answer->delay = delay;
        }
        if (answer->kind == FakeAnswer::Kind::hang) return hold(connection, stop);
        if (answer->delay.count() > 0) hold(connection, stop, answer->delay);
        if (stop.stop_requested()) return;
        const std::string head = "HTTP/1.1 " + std::to_string(answer->status) +
                                 " Fake\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
        if (!send_all(connection, head)) return;
        if (answer->kind == FakeAnswer::Kind::endless) {
            const std::string chunk(64 * 1024, 'x');
            while (!stop.stop_requested() && send_all(connection, chunk)) {
            }
            return;
        }
        if (!send_all(connection, answer->body)) return;
        if (answer->kind == FakeAnswer::Kind::stream) hold(connection, stop);
    }

    nlohmann::json header() const { return {{"revision", std::to_string(revision_)}}; }

    void store_put(const std::string& key, const std::string& value, std::int64_t lease) {
        ++revision_;
        auto& stored = store_[key];
        if (stored.create_revision == 0) stored.create_revision = revision_;
        stored.value = value;
        stored.lease = lease;
        stored.mod_revision = revision_;
    }

    nlohmann::json range(const nlohmann::json& request, bool with_values) const {
        const auto key = fake_base64_decode(request.value("key", ""));
        const auto end = fake_base64_decode(request.value("range_end", ""));
        const auto min_mod = std::stoll(request.value("min_mod_revision", std::string("0")));
        auto kvs = nlohmann::json::array();
        std::int64_t count = 0;
        for (const auto& [stored_key, stored] : store_) {
            if (stored_key < key || stored_key >= end || stored.mod_revision < min_mod) continue;
            ++count;
            if (with_values)
                kvs.push_back({{"key", fake_base64_encode(stored_key)},
                               {"value", fake_base64_encode(stored.value)},
                               {"create_revision", std::to_string(stored.create_revision)},
                               {"mod_revision", std::to_string(stored.mod_revision)},
                               {"lease", std::to_string(stored.lease)}});
        }
        nlohmann::json answer{{"header", header()}, {"count", std::to_string(count)}};
        if (with_values && !kvs.empty()) answer["kvs"] = kvs;
        return answer;
    }

    FakeAnswer answer_from_store(const FakeRequest& request) {
        const std::scoped_lock lock(mutex_);
        const auto& body = request.body;
        const auto not_found = [] {
            return FakeAnswer::text(R"({"error":"etcdserver: requested lease not found","code":5,"message":"etcdserver: requested lease not found"})", 404);
        };
        if (request.path == "/v3/lease/grant") {
            const auto id = next_lease_++;
            leases_.insert(id);
            return FakeAnswer::text(
                nlohmann::json{{"header", header()}, {"ID", std::to_string(id)}, {"TTL", body.value("TTL", "10")}}.dump());
        }
        if (request.path == "/v3/lease/keepalive") {
            const auto id = std::stoll(body.value("ID", std::string("0")));
            nlohmann::json result{{"header", header()}, {"ID", std::to_string(id)}};
            if (leases_.contains(id)) result["TTL"] = "10";
            return FakeAnswer::text(nlohmann::json{{"result", result}}.dump() + "\n");
        }
        if (request.path == "/v3/lease/revoke") {
            const auto id = std::stoll(body.value("ID", std::string("0")));
            if (leases_.erase(id) == 0) return not_found();
            std::erase_if(store_, [&](const auto& item) { return item.second.lease == id; });
            ++revision_;
            return FakeAnswer::text(nlohmann::json{{"header", header()}}.dump());
        }
        if (request.path == "/v3/kv/put") {
            const auto lease = std::stoll(body.value("lease", std::string("0")));
            if (lease != 0 && !leases_.contains(lease)) return not_found();
            store_put(fake_base64_decode(body.value("key", "")), fake_base64_decode(body.value("value", "")), lease);
            return FakeAnswer::text(nlohmann::json{{"header", header()}}.dump());
        }
        if (request.path == "/v3/kv/range") return FakeAnswer::text(range(body, true).dump());
        if (request.path == "/v3/kv/txn") {
            auto responses = nlohmann::json::array();
            for (const auto& operation : body.value("success", nlohmann::json::array()))
                responses.push_back({{"response_range", range(operation.value("request_range", nlohmann::json::object()), false)}});
            return FakeAnswer::text(
                nlohmann::json{{"header", header()}, {"succeeded", true}, {"responses", responses}}.dump());
        }
        if (request.path == "/v3/watch")
            return FakeAnswer::stream(nlohmann::json{{"result", {{"header", header()}, {"created", true}}}}.dump() + "\n");
        return FakeAnswer::text(R"({"error":"Not Found","code":5})", 404);
    }

    int listener_ = -1;
    int port_ = 0;
    mutable std::mutex mutex_;  // guards everything below
    Behaviour behaviour_;
    std::map<std::string, int> requests_;
    std::map<std::string, StoredValue> store_;
    std::set<std::int64_t> leases_;
    std::int64_t revision_ = 1;
    std::int64_t next_lease_ = 7000;
    std::vector<std::jthread> connections_;
    std::jthread acceptor_;  // last: stopped first
};

}  // namespace pip_test
