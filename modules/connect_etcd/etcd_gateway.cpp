// EtcdGateway: HTTP through libcurl's multi interface (so that a stop request wakes a transfer at once), JSON
// through nlohmann_json. etcd's gateway writes 64-bit numbers as JSON strings and omits fields that are zero.
module;
#include "pip_std.hpp"
#include <curl/curl.h>
#include <nlohmann/json.hpp>
module pip.connect.etcd;
import pip.errors;
import :internals;

namespace pip::connect::etcd_detail {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr std::string_view base64_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 3; ++j)
            group = (group << 8) | (j < count ? static_cast<unsigned char>(bytes[i + j]) : 0U);
        for (std::size_t j = 0; j < 4; ++j)
            text += j <= count ? base64_alphabet[(group >> (18 - 6 * j)) & 0x3FU] : '=';
    }
    return text;
}

std::string base64_decode(std::string_view text) {
    std::string bytes;
    std::uint32_t group = 0;
    int bits = 0;
    for (const char c : text) {
        const auto digit = base64_alphabet.find(c);
        if (digit == std::string_view::npos) continue;  // padding
        group = (group << 6) | static_cast<std::uint32_t>(digit);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((group >> bits) & 0xFFU);
        }
    }
    return bytes;
}

/// etcd's range end for "every key starting with prefix": the prefix with its last byte below 0xFF incremented.
std::string prefix_range_end(std::string_view prefix) {
    std::string end(prefix);
    while (!end.empty()) {
        auto& last = reinterpret_cast<unsigned char&>(end.back());
        if (last < 0xFF) {
            ++last;
            return end;
        }
        end.pop_back();
    }
    return std::string(1, '\0');  // every key
}

/// A 64-bit field that etcd may write as a string or a number, or leave out when it is zero.
std::int64_t int_field(const Json& object, const char* name) {
    const auto found = object.find(name);
    if (found == object.end()) return 0;
    if (found->is_number_integer()) return found->get<std::int64_t>();
    if (found->is_string()) {
        const auto& text = found->get_ref<const std::string&>();
        std::int64_t value = 0;
        std::from_chars(text.data(), text.data() + text.size(), value);
        return value;
    }
    return 0;
}

KeyValue key_value_from(const Json& kv) {
    return {base64_decode(kv.value("key", "")), base64_decode(kv.value("value", "")),
            int_field(kv, "create_revision")};
}

Json parse_json(const std::string& body) {
    auto json = Json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw errors::InvocationException({}, "ETCD_BAD_RESPONSE", "etcd answered with unreadable JSON")
            .with_details("body", body.substr(0, 200));
    return json;
}

/// etcd reports errors as {"error": "...", "message": "...", "code": n}, or inside a stream as
/// {"error": {"message": "...", "grpc_code": n}}.
std::string error_message(const Json& json) {
    const auto error = json.find("error");
    if (error == json.end()) return {};
    if (error->is_string()) return json.value("message", error->get<std::string>());
    if (error->is_object()) return error->value("message", std::string("unknown error"));
    return "unknown error";
}

[[noreturn]] void throw_etcd_error(std::string_view operation, long status, std::string_view message) {
    throw errors::InvocationException({}, "ETCD_ERROR",
                                      "etcd refused " + std::string(operation) + ": " + std::string(message))
        .with_details("operation", operation)
        .with_details("status", std::to_string(status));
}

void ensure_curl_initialized() {
    // curl_global_init is not thread-safe; a function-local static runs it exactly once.
    static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (initialized != CURLE_OK) throw errors::ConnectionException({}, "CANNOT_CONNECT", "libcurl failed to initialize");
}

std::size_t append_to_string(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

}  // namespace

/// A libcurl easy handle inside its own multi handle. The multi handle keeps the connection open between
/// requests and can be woken from another thread, which is how a stop request interrupts a transfer.
struct EtcdGateway::Channel {
    Channel() : multi(curl_multi_init()), easy(curl_easy_init()) {
        if (multi == nullptr || easy == nullptr) {
            cleanup();
            throw std::bad_alloc();
        }
    }
    ~Channel() { cleanup(); }
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    /// Prepares a POST of `body` (kept alive by the caller) to `url`, with the response going to `sink`.
    void prepare(const std::string& url, const std::string& body, curl_write_callback sink, void* sink_target) {
        curl_easy_reset(easy);
        curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, sink);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, sink_target);
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(easy, CURLOPT_TCP_KEEPIDLE, 5L);
        curl_easy_setopt(easy, CURLOPT_TCP_KEEPINTVL, 2L);
    }

    void set_timeouts(std::chrono::milliseconds connect, std::chrono::milliseconds total) {
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(1, connect.count())));
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(0, total.count())));
    }

    /// Runs the prepared transfer; CURLE_ABORTED_BY_CALLBACK when `stop` was requested.
    CURLcode perform(const std::stop_token& stop) {
        const std::stop_callback wake(stop, [this] { curl_multi_wakeup(multi); });
        curl_multi_add_handle(multi, easy);
        CURLcode result = CURLE_ABORTED_BY_CALLBACK;
        int running = 1;
        while (!stop.stop_requested()) {
            if (curl_multi_perform(multi, &running) != CURLM_OK) {
                result = CURLE_FAILED_INIT;
                break;
            }
            if (running == 0) {
                int left = 0;
                while (const CURLMsg* message = curl_multi_info_read(multi, &left))
                    if (message->msg == CURLMSG_DONE) result = message->data.result;
                break;
            }
            curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
        }
        curl_multi_remove_handle(multi, easy);
        return result;
    }

    /// Waits `pause` unless `stop` is requested first.
    void pause(std::chrono::milliseconds pause_time, const std::stop_token& stop) {
        const std::stop_callback wake(stop, [this] { curl_multi_wakeup(multi); });
        if (!stop.stop_requested()) curl_multi_poll(multi, nullptr, 0, static_cast<int>(pause_time.count()), nullptr);
    }

    [[nodiscard]] long status() const {
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        return status;
    }

    void cleanup() noexcept {
        if (easy != nullptr) curl_easy_cleanup(easy);
        if (multi != nullptr) curl_multi_cleanup(multi);
        if (headers != nullptr) curl_slist_free_all(headers);
    }

    CURLM* multi;
    CURL* easy;
    // hasleader: a member without a leader refuses at once instead of queueing the request, and ends watches
    // when it loses its leader (etcd's clientv3 WithRequireLeader), so a cut-off member is never trusted.
    curl_slist* headers =
        curl_slist_append(curl_slist_append(nullptr, "Content-Type: application/json"), "Grpc-Metadata-hasleader: true");
};

EtcdGateway::EtcdGateway(std::vector<std::string> endpoints, std::chrono::milliseconds timeout)
    : endpoints_(std::move(endpoints)), timeout_(timeout) {
    if (endpoints_.empty()) throw std::invalid_argument("EtcdGateway needs at least one endpoint");
    ensure_curl_initialized();
}

EtcdGateway::~EtcdGateway() = default;

std::string EtcdGateway::endpoint_list() const {
    std::string list;
    for (const auto& endpoint : endpoints_) list += (list.empty() ? "" : ",") + endpoint;
    return list;
}

std::unique_ptr<EtcdGateway::Channel> EtcdGateway::acquire_channel() {
    {
        const std::scoped_lock lock(channels_mutex_);
        if (!idle_channels_.empty()) {
            auto channel = std::move(idle_channels_.back());
            idle_channels_.pop_back();
            return channel;
        }
    }
    return std::make_unique<Channel>();
}

void EtcdGateway::release_channel(std::unique_ptr<Channel> channel) {
    const std::scoped_lock lock(channels_mutex_);
    idle_channels_.push_back(std::move(channel));
}

std::optional<EtcdGateway::Reply> EtcdGateway::attempt(Channel& channel, std::size_t endpoint, std::string_view path,
                                                       const std::string& body, std::chrono::milliseconds budget,
                                                       const std::stop_token& stop, std::string& failure) {
    Reply reply;
    channel.prepare(endpoints_[endpoint] + std::string(path), body, append_to_string, &reply.body);
    channel.set_timeouts(budget, budget);
    const CURLcode result = channel.perform(stop);
    if (result != CURLE_OK) {
        failure = endpoints_[endpoint] + ": " + curl_easy_strerror(result);
        return std::nullopt;
    }
    reply.status = channel.status();
    if (reply.status >= 500) {
        const auto json = Json::parse(reply.body, nullptr, false);
        failure = endpoints_[endpoint] + ": HTTP " + std::to_string(reply.status) +
                  (json.is_object() ? " " + error_message(json) : std::string());
        return std::nullopt;
    }
    return reply;
}

EtcdGateway::Reply EtcdGateway::post(std::string_view path, const std::string& body, const std::stop_token& stop) {
    auto channel = acquire_channel();
    const auto deadline = Clock::now() + timeout_;
    const std::size_t first = preferred_endpoint_.load();
    std::string failure = "no attempt";
    // Round after round until the deadline. An attempt's budget starts small and doubles each round: a member
    // that took the request but cannot complete it (a follower while a new leader is elected) is given up on
    // quickly, while a cluster that is merely slow still gets the time it needs in later rounds.
    auto budget = std::chrono::milliseconds(250);
    auto pause = std::chrono::milliseconds(25);
    for (bool expired = false; !expired && !stop.stop_requested();) {
        for (std::size_t i = 0; i < endpoints_.size() && !stop.stop_requested(); ++i) {
            const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (remaining.count() <= 0) {
                expired = true;
                break;
            }
            const std::size_t endpoint = (first + i) % endpoints_.size();
            if (auto reply = attempt(*channel, endpoint, path, body, std::min(budget, remaining), stop, failure)) {
                preferred_endpoint_.store(endpoint);
                release_channel(std::move(channel));
                return std::move(*reply);
            }
        }
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (!expired && remaining.count() > 0) channel->pause(std::min(pause, remaining), stop);
        budget *= 2;
        pause = std::min(pause * 2, std::chrono::milliseconds(200));
    }
    release_channel(std::move(channel));
    if (stop.stop_requested())
        throw errors::ConnectionException({}, "CANNOT_CONNECT", "etcd request to " + std::string(path) + " was cancelled");
    throw errors::ConnectionException({}, "CANNOT_CONNECT",
                                      "Cannot reach etcd at " + endpoint_list() + " within " +
                                          std::to_string(timeout_.count()) + " ms (last failure: " + failure + ")")
        .with_details("endpoints", endpoint_list())
        .with_details("timeout", std::to_string(timeout_.count()));
}

std::int64_t EtcdGateway::grant_lease(std::int64_t ttl_seconds, std::stop_token stop) {
    const auto reply = post("/v3/lease/grant", Json{{"TTL", std::to_string(ttl_seconds)}}.dump(), stop);
    const auto json = parse_json(reply.body);
    const auto id = int_field(json, "ID");
    if (reply.status != 200 || id == 0) {
        const auto message = error_message(json);
        throw_etcd_error("lease grant", reply.status, message.empty() ? std::string("no lease id") : message);
    }
    return id;
}

bool EtcdGateway::keep_alive(std::int64_t lease, std::stop_token stop) {
    const auto reply = post("/v3/lease/keepalive", Json{{"ID", std::to_string(lease)}}.dump(), stop);
    if (reply.status == 404) return false;
    // The keep-alive call is a stream: one {"result": ...} line per request.
    const auto json = parse_json(reply.body.substr(0, reply.body.find('\n')));
    const auto result = json.find("result");
    if (reply.status != 200 || result == json.end()) throw_etcd_error("lease keep-alive", reply.status, error_message(json));
    return int_field(*result, "TTL") > 0;  // etcd answers TTL 0 (left out) for a lease it does not know
}

void EtcdGateway::revoke_lease(std::int64_t lease, std::stop_token stop) {
    const auto reply = post("/v3/lease/revoke", Json{{"ID", std::to_string(lease)}}.dump(), stop);
    if (reply.status != 200 && reply.status != 404)
        throw_etcd_error("lease revoke", reply.status, error_message(parse_json(reply.body)));
}

bool EtcdGateway::put(std::string_view key, std::string_view value, std::int64_t lease, std::stop_token stop) {
    const Json request{{"key", base64_encode(key)}, {"value", base64_encode(value)}, {"lease", std::to_string(lease)}};
    const auto reply = post("/v3/kv/put", request.dump(), stop);
    if (reply.status == 404) return false;
    if (reply.status != 200) throw_etcd_error("put", reply.status, error_message(parse_json(reply.body)));
    return true;
}

Snapshot EtcdGateway::range_prefix(std::string_view prefix, std::stop_token stop) {
    const Json request{{"key", base64_encode(prefix)}, {"range_end", base64_encode(prefix_range_end(prefix))}};
    const auto reply = post("/v3/kv/range", request.dump(), stop);
    const auto json = parse_json(reply.body);
    if (reply.status != 200) throw_etcd_error("range", reply.status, error_message(json));
    Snapshot snapshot;
    snapshot.revision = json.contains("header") ? int_field(json["header"], "revision") : 0;
    if (const auto kvs = json.find("kvs"); kvs != json.end() && kvs->is_array())
        for (const auto& kv : *kvs) snapshot.kvs.push_back(key_value_from(kv));
    std::ranges::sort(snapshot.kvs, [](const KeyValue& a, const KeyValue& b) {
        return a.create_revision != b.create_revision ? a.create_revision < b.create_revision : a.key < b.key;
    });
    return snapshot;
}

namespace {

/// Splits the watch stream into lines (one JSON message each) and hands their events over.
class WatchStreamReader {
public:
    explicit WatchStreamReader(const WatchHandler& on_events) : on_events_(on_events) {}

    static std::size_t receive(char* data, std::size_t size, std::size_t count, void* self) {
        auto& reader = *static_cast<WatchStreamReader*>(self);
        try {
            reader.buffer_.append(data, size * count);
            for (auto end = reader.buffer_.find('\n'); end != std::string::npos; end = reader.buffer_.find('\n')) {
                const std::string line = reader.buffer_.substr(0, end);
                reader.buffer_.erase(0, end + 1);
                if (!line.empty()) reader.handle(line);
            }
            return size * count;
        } catch (...) {
            reader.failure_ = std::current_exception();
            return 0;  // aborts the transfer; exceptions must not cross libcurl's C frames
        }
    }

    [[nodiscard]] const std::exception_ptr& failure() const { return failure_; }
    [[nodiscard]] const std::string& unread() const { return buffer_; }

private:
    void handle(const std::string& line) {
        const auto json = parse_json(line);
        const auto result = json.find("result");
        if (result == json.end()) throw_etcd_error("watch", 200, error_message(json));
        // A canceled watch (for example its start revision was compacted) is a broken stream: the owner re-syncs.
        if (result->value("canceled", false)) throw_etcd_error("watch", 200, result->value("cancel_reason", "canceled"));
        std::vector<WatchEvent> events;
        if (const auto items = result->find("events"); items != result->end() && items->is_array())
            for (const auto& item : *items)
                events.push_back({item.value("type", "PUT") == "DELETE", key_value_from(item.value("kv", Json::object()))});
        if (!events.empty()) on_events_(events);
    }

    const WatchHandler& on_events_;
    std::string buffer_;
    std::exception_ptr failure_;
};

}  // namespace

void EtcdGateway::watch_prefix(std::string_view prefix, std::int64_t start_revision, const WatchHandler& on_events,
                               std::stop_token stop) {
    const Json request{{"create_request",
                        {{"key", base64_encode(prefix)},
                         {"range_end", base64_encode(prefix_range_end(prefix))},
                         {"start_revision", std::to_string(start_revision)}}}};
    const std::string body = request.dump();
    auto channel = acquire_channel();
    std::string failures;
    for (std::size_t attempt = 0; attempt < endpoints_.size() && !stop.stop_requested(); ++attempt) {
        const std::size_t index = (preferred_endpoint_.load() + attempt) % endpoints_.size();
        WatchStreamReader reader(on_events);
        channel->prepare(endpoints_[index] + "/v3/watch", body, WatchStreamReader::receive, &reader);
        channel->set_timeouts(timeout_, std::chrono::milliseconds(0));  // 0: the stream has no end time
        const CURLcode result = channel->perform(stop);
        if (stop.stop_requested()) break;
        if (reader.failure()) {
            release_channel(std::move(channel));
            std::rethrow_exception(reader.failure());
        }
        const long status = channel->status();
        if (result == CURLE_OK && status == 200) {
            failures = endpoints_[index] + ": the watch stream ended";
            break;  // the stream was open, so this endpoint was reachable: the owner re-syncs before watching again
        }
        failures += (failures.empty() ? "" : "; ") + endpoints_[index] + ": " +
                    (result != CURLE_OK ? std::string(curl_easy_strerror(result)) : "HTTP " + std::to_string(status));
    }
    release_channel(std::move(channel));
    if (stop.stop_requested()) return;
    throw errors::ConnectionException({}, "CANNOT_CONNECT", "etcd watch on " + endpoint_list() + " broke: " + failures)
        .with_details("endpoints", endpoint_list());
}

}  // namespace pip::connect::etcd_detail
