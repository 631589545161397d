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
    bytes.reserve(text.size() / 4 * 3);
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

[[noreturn]] void throw_bad_response(std::string_view operation, std::string_view problem) {
    throw errors::InvocationException({}, "ETCD_BAD_RESPONSE",
                                      "etcd answered " + std::string(operation) + " with " + std::string(problem))
        .with_details("operation", operation);
}

[[noreturn]] void throw_too_large(std::string_view operation, std::size_t limit) {
    throw errors::InvocationException({}, "ETCD_RESPONSE_TOO_LARGE",
                                      "etcd's answer to " + std::string(operation) + " is larger than " +
                                          std::to_string(limit) + " bytes (options.max_response_bytes)")
        .with_details("operation", operation)
        .with_details("max_response_bytes", std::to_string(limit));
}

/// Reads the fields of one etcd answer, turning every unexpected shape into ETCD_BAD_RESPONSE; fields that are
/// zero, false or empty may be left out, as etcd's gateway does.
class Reader {
public:
    Reader(const Json& json, std::string_view operation) : json_(json), operation_(operation) {
        if (!json_.is_object()) throw_bad_response(operation_, "a JSON value that is not an object");
    }

    [[nodiscard]] const Json* find(const char* name) const {
        const auto found = json_.find(name);
        return found == json_.end() || found->is_null() ? nullptr : &*found;
    }
    [[nodiscard]] bool has(const char* name) const { return find(name) != nullptr; }

    [[nodiscard]] Reader object(const char* name) const {
        static const Json empty = Json::object();
        const auto* found = find(name);
        if (found != nullptr && !found->is_object()) wrong_type(name, "an object");
        return {found != nullptr ? *found : empty, operation_};
    }
    [[nodiscard]] std::vector<Reader> objects(const char* name) const {
        std::vector<Reader> items;
        const auto* found = find(name);
        if (found == nullptr) return items;
        if (!found->is_array()) wrong_type(name, "an array");
        items.reserve(found->size());
        for (const auto& item : *found) {
            if (!item.is_object()) wrong_type(name, "an array of objects");
            items.emplace_back(item, operation_);
        }
        return items;
    }
    [[nodiscard]] std::string string(const char* name) const {
        const auto* found = find(name);
        if (found == nullptr) return {};
        if (!found->is_string()) wrong_type(name, "a string");
        return found->get<std::string>();
    }
    /// A 64-bit number, which etcd writes as a JSON string.
    [[nodiscard]] std::int64_t integer(const char* name) const {
        const auto* found = find(name);
        if (found == nullptr) return 0;
        if (found->is_number_integer()) return found->get<std::int64_t>();
        if (!found->is_string()) wrong_type(name, "an integer");
        const auto& text = found->get_ref<const std::string&>();
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size()) wrong_type(name, "an integer");
        return value;
    }
    [[nodiscard]] bool boolean(const char* name) const {
        const auto* found = find(name);
        if (found == nullptr) return false;
        if (!found->is_boolean()) wrong_type(name, "a boolean");
        return found->get<bool>();
    }
    [[nodiscard]] KeyValue key_value() const {
        return {base64_decode(string("key")), base64_decode(string("value")), integer("create_revision")};
    }

    /// etcd reports errors as {"error": "...", "message": "...", "code": n}, or inside a stream as
    /// {"error": {"message": "...", "grpc_code": n}}.
    [[nodiscard]] std::string error_message() const {
        const auto* error = find("error");
        if (error == nullptr) return {};
        if (error->is_string()) return has("message") ? string("message") : error->get<std::string>();
        if (error->is_object()) return object("error").string("message");
        return "unknown error";
    }

private:
    [[noreturn]] void wrong_type(const char* name, std::string_view expected) const {
        throw_bad_response(operation_, "field '" + std::string(name) + "' that is not " + std::string(expected));
    }

    const Json& json_;
    std::string_view operation_;
};

Json parse_json(std::string_view body, std::string_view operation) {
    auto json = Json::parse(body, nullptr, false);
    if (json.is_discarded()) throw_bad_response(operation, "unreadable JSON");
    if (!json.is_object()) throw_bad_response(operation, "a JSON value that is not an object");
    return json;
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

/// An answer body that stops the transfer once it would grow past `limit` bytes.
struct BoundedBody {
    std::string text;
    std::size_t limit = 0;
    bool too_large = false;

    static std::size_t receive(char* data, std::size_t size, std::size_t count, void* self) {
        auto& body = *static_cast<BoundedBody*>(self);
        if (body.text.size() + size * count > body.limit) {
            body.too_large = true;
            return 0;  // aborts the transfer
        }
        body.text.append(data, size * count);
        return size * count;
    }
};

std::chrono::milliseconds time_left(Deadline deadline) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
}

/// One request to one endpoint: a libcurl easy handle and the answer it receives.
struct Transfer {
    Transfer() : easy(curl_easy_init()) {
        if (easy == nullptr) throw std::bad_alloc();
    }
    ~Transfer() { curl_easy_cleanup(easy); }
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    /// Prepares a POST of `body` (kept alive by the caller) to `url`, with the response going to `sink`.
    void prepare(const std::string& url, const std::string& body, const curl_slist* headers, curl_write_callback sink,
                 void* sink_target) {
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

    /// `total` 0: no limit (a stream).
    void set_timeouts(std::chrono::milliseconds connect, std::chrono::milliseconds total) {
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(1, connect.count())));
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(0, total.count())));
    }

    [[nodiscard]] long status() const {
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        return status;
    }

    CURL* easy;
    BoundedBody answer;
    bool running = false;
    Clock::time_point started_at;
};

}  // namespace

/// A libcurl multi handle with one transfer per endpoint. The multi handle runs the transfers of one call side by
/// side, keeps connections open between calls, and can be woken from another thread, which is how a stop
/// request interrupts a transfer.
struct EtcdGateway::Channel {
    explicit Channel(std::size_t endpoints) : multi(curl_multi_init()) {
        if (multi == nullptr || headers == nullptr) {
            cleanup();
            throw std::bad_alloc();
        }
        try {
            for (std::size_t i = 0; i < endpoints; ++i) transfers.push_back(std::make_unique<Transfer>());
        } catch (...) {
            cleanup();
            throw;
        }
    }
    ~Channel() {
        for (auto& transfer : transfers) stop(*transfer);
        transfers.clear();
        cleanup();
    }
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    void start(Transfer& transfer) {
        curl_multi_add_handle(multi, transfer.easy);
        transfer.running = true;
    }
    void stop(Transfer& transfer) {
        if (transfer.running) curl_multi_remove_handle(multi, transfer.easy);
        transfer.running = false;
    }
    void stop_all() {
        for (auto& transfer : transfers) stop(*transfer);
    }

    /// Runs the started transfers for up to `wait`; returns those that ended, with their result.
    std::vector<std::pair<Transfer*, CURLcode>> run(std::chrono::milliseconds wait) {
        int running = 0;
        curl_multi_perform(multi, &running);
        std::vector<std::pair<Transfer*, CURLcode>> ended;
        int left = 0;
        while (const CURLMsg* message = curl_multi_info_read(multi, &left)) {
            if (message->msg != CURLMSG_DONE) continue;
            const auto owner = std::ranges::find(transfers, message->easy_handle, [](const auto& t) { return t->easy; });
            if (owner != transfers.end()) ended.emplace_back(owner->get(), message->data.result);
        }
        for (auto& [transfer, result] : ended) stop(*transfer);
        if (ended.empty()) curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max<std::int64_t>(0, wait.count())), nullptr);
        return ended;
    }

    /// Runs `transfer` alone to its end; CURLE_ABORTED_BY_CALLBACK when `stop` was requested.
    CURLcode perform(Transfer& transfer, const std::stop_token& stop_token) {
        const std::stop_callback wake(stop_token, [this] { curl_multi_wakeup(multi); });
        start(transfer);
        while (!stop_token.stop_requested())
            for (const auto& [ended, result] : run(std::chrono::milliseconds(1000)))
                if (ended == &transfer) return result;
        stop(transfer);
        return CURLE_ABORTED_BY_CALLBACK;
    }

    /// Waits `pause` unless `stop` is requested first.
    void pause(std::chrono::milliseconds pause_time, const std::stop_token& stop_token) {
        const std::stop_callback wake(stop_token, [this] { curl_multi_wakeup(multi); });
        if (!stop_token.stop_requested())
            curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max<std::int64_t>(0, pause_time.count())), nullptr);
    }

    void cleanup() noexcept {
        if (multi != nullptr) curl_multi_cleanup(multi);
        if (headers != nullptr) curl_slist_free_all(headers);
    }

    CURLM* multi;
    // hasleader: a member without a leader refuses at once instead of queueing the request, and ends watches
    // when it loses its leader (etcd's clientv3 WithRequireLeader), so a cut-off member is never trusted.
    // "Expect:" turns off libcurl's 100-continue round trip for larger bodies.
    curl_slist* headers = curl_slist_append(
        curl_slist_append(curl_slist_append(nullptr, "Content-Type: application/json"), "Grpc-Metadata-hasleader: true"),
        "Expect:");
    std::vector<std::unique_ptr<Transfer>> transfers;  // by endpoint
};

EtcdGateway::EtcdGateway(std::vector<std::string> endpoints, GatewayLimits limits)
    : endpoints_(std::move(endpoints)), limits_(limits) {
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
    return std::make_unique<Channel>(endpoints_.size());  // every call in flight has its own: calls never queue
}

void EtcdGateway::release_channel(std::unique_ptr<Channel> channel) {
    channel->stop_all();
    const std::scoped_lock lock(channels_mutex_);
    idle_channels_.push_back(std::move(channel));
}

void EtcdGateway::start(Channel& channel, std::size_t endpoint, std::string_view path, const std::string& body,
                        Deadline deadline) {
    auto& transfer = *channel.transfers[endpoint];
    transfer.answer = BoundedBody{.text = {}, .limit = limits_.max_response_bytes};
    transfer.prepare(endpoints_[endpoint] + std::string(path), body, channel.headers, BoundedBody::receive,
                     &transfer.answer);
    transfer.set_timeouts(time_left(deadline), time_left(deadline));
    curl_easy_setopt(transfer.easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits_.max_response_bytes));
    channel.start(transfer);
}

EtcdGateway::Reply EtcdGateway::post(std::string_view path, const std::string& body, Deadline deadline,
                                     const std::stop_token& stop) {
    auto channel = acquire_channel();
    const std::stop_callback wake(stop, [multi = channel->multi] { curl_multi_wakeup(multi); });
    const std::size_t first = preferred_endpoint_.load();
    std::string failure = "no answer in time";
    // Round after round until the deadline. A request stays in flight until it is answered or refused, so a slow
    // answer is never cut short by a resend. A member may hold a request it will never complete (a follower while
    // a new leader is elected), so with several endpoints the same request also goes to the next member after
    // `hedge_delay`, and once every member has it, the oldest copy is sent again; the delay doubles each time.
    // The first answer wins. Every request here may be applied twice: a put writes the same value again, a
    // revoke finds nothing, a second lease grant leaves a lease with no keys that expires after its TTL.
    auto hedge_delay = std::chrono::milliseconds(250);
    auto pause = std::chrono::milliseconds(25);
    std::size_t started = 0;  // endpoints tried in this round
    std::size_t in_flight = 0;
    const bool can_hedge = endpoints_.size() > 1;
    auto hedge_at = can_hedge ? Clock::now() + hedge_delay : deadline;
    const auto start_on = [&](std::size_t endpoint) {
        start(*channel, endpoint, path, body, deadline);
        channel->transfers[endpoint]->started_at = Clock::now();
    };
    const auto start_next = [&] {
        start_on((first + started++) % endpoints_.size());
        ++in_flight;
    };
    start_next();
    while (!stop.stop_requested() && time_left(deadline).count() > 0) {
        const auto wait = std::min({std::chrono::duration_cast<std::chrono::milliseconds>(hedge_at - Clock::now()),
                                    time_left(deadline), std::chrono::milliseconds(100)});
        for (const auto& [transfer, result] : channel->run(std::max(wait, std::chrono::milliseconds(0)))) {
            --in_flight;
            const auto endpoint = static_cast<std::size_t>(
                std::ranges::find(channel->transfers, transfer, &std::unique_ptr<Transfer>::get) - channel->transfers.begin());
            if (transfer->answer.too_large || result == CURLE_FILESIZE_EXCEEDED) {
                release_channel(std::move(channel));
                throw_too_large(path, limits_.max_response_bytes);
            }
            const long status = result == CURLE_OK ? transfer->status() : 0;
            if (result == CURLE_OK && status < 500) {
                Reply reply{status, std::move(transfer->answer.text)};
                preferred_endpoint_.store(endpoint);
                release_channel(std::move(channel));
                return reply;
            }
            failure = endpoints_[endpoint] + ": " +
                      (result != CURLE_OK ? std::string(curl_easy_strerror(result)) : "HTTP " + std::to_string(status));
        }
        if (time_left(deadline).count() <= 0 || stop.stop_requested()) break;
        if (in_flight == 0 && started == endpoints_.size()) {  // every endpoint refused: next round after a pause
            channel->pause(std::min(pause, time_left(deadline)), stop);
            pause = std::min(pause * 2, std::chrono::milliseconds(200));
            started = 0;
            if (time_left(deadline).count() > 0 && !stop.stop_requested()) start_next();
        } else if (in_flight == 0) {
            start_next();  // refused: the next endpoint at once
        } else if (can_hedge && Clock::now() >= hedge_at) {
            if (started < endpoints_.size()) {
                start_next();
            } else {
                const auto oldest = std::ranges::min_element(channel->transfers, {}, [](const auto& transfer) {
                    return transfer->running ? transfer->started_at : Clock::time_point::max();
                });
                channel->stop(**oldest);
                start_on(static_cast<std::size_t>(oldest - channel->transfers.begin()));
            }
            hedge_delay *= 2;
            hedge_at = Clock::now() + hedge_delay;
        }
    }
    release_channel(std::move(channel));
    if (stop.stop_requested())
        throw errors::ConnectionException({}, "CANNOT_CONNECT", "etcd request to " + std::string(path) + " was cancelled");
    if (in_flight > 0) preferred_endpoint_.store((first + 1) % endpoints_.size());  // the next call starts elsewhere
    const auto timeout = std::to_string(limits_.timeout.count());
    throw errors::ConnectionException({}, "CANNOT_CONNECT",
                                      "Cannot reach etcd at " + endpoint_list() + " within " + timeout +
                                          " ms (last failure: " + failure + ")")
        .with_details("endpoints", endpoint_list())
        .with_details("timeout", timeout);
}

std::int64_t EtcdGateway::grant_lease(std::int64_t ttl_seconds, Deadline deadline, std::stop_token stop) {
    constexpr std::string_view operation = "lease grant";
    const auto reply = post("/v3/lease/grant", Json{{"TTL", std::to_string(ttl_seconds)}}.dump(), deadline, stop);
    const auto json = parse_json(reply.body, operation);
    const Reader answer(json, operation);
    const auto id = answer.integer("ID");
    if (reply.status != 200 || id == 0) {
        const auto message = answer.error_message();
        throw_etcd_error(operation, reply.status, message.empty() ? std::string("no lease id") : message);
    }
    return id;
}

bool EtcdGateway::keep_alive(std::int64_t lease, Deadline deadline, std::stop_token stop) {
    constexpr std::string_view operation = "lease keep-alive";
    const auto reply = post("/v3/lease/keepalive", Json{{"ID", std::to_string(lease)}}.dump(), deadline, stop);
    if (reply.status == 404) return false;
    // The keep-alive call is a stream: one {"result": ...} line per request.
    const auto json = parse_json(std::string_view(reply.body).substr(0, reply.body.find('\n')), operation);
    const Reader answer(json, operation);
    if (reply.status != 200 || !answer.has("result")) throw_etcd_error(operation, reply.status, answer.error_message());
    return answer.object("result").integer("TTL") > 0;  // etcd answers TTL 0 (left out) for a lease it does not know
}

void EtcdGateway::revoke_lease(std::int64_t lease, Deadline deadline, std::stop_token stop) {
    constexpr std::string_view operation = "lease revoke";
    const auto reply = post("/v3/lease/revoke", Json{{"ID", std::to_string(lease)}}.dump(), deadline, stop);
    if (reply.status != 200 && reply.status != 404)
        throw_etcd_error(operation, reply.status, Reader(parse_json(reply.body, operation), operation).error_message());
}

bool EtcdGateway::put(std::string_view key, std::string_view value, std::int64_t lease, Deadline deadline,
                      std::stop_token stop) {
    constexpr std::string_view operation = "put";
    const Json request{{"key", base64_encode(key)}, {"value", base64_encode(value)}, {"lease", std::to_string(lease)}};
    const auto reply = post("/v3/kv/put", request.dump(), deadline, stop);
    if (reply.status == 404) return false;
    const auto json = parse_json(reply.body, operation);
    const Reader answer(json, operation);
    if (reply.status != 200) throw_etcd_error(operation, reply.status, answer.error_message());
    if (answer.object("header").integer("revision") == 0) throw_bad_response(operation, "no revision written");
    return true;
}

Snapshot EtcdGateway::range_prefix(std::string_view prefix, Deadline deadline, std::stop_token stop) {
    constexpr std::string_view operation = "range";
    const Json request{{"key", base64_encode(prefix)}, {"range_end", base64_encode(prefix_range_end(prefix))}};
    const auto reply = post("/v3/kv/range", request.dump(), deadline, stop);
    const auto json = parse_json(reply.body, operation);
    const Reader answer(json, operation);
    if (reply.status != 200) throw_etcd_error(operation, reply.status, answer.error_message());
    Snapshot snapshot;
    snapshot.revision = answer.object("header").integer("revision");
    for (const auto& kv : answer.objects("kvs")) snapshot.kvs.push_back(kv.key_value());
    std::ranges::sort(snapshot.kvs, [](const KeyValue& a, const KeyValue& b) {
        return a.create_revision != b.create_revision ? a.create_revision < b.create_revision : a.key < b.key;
    });
    return snapshot;
}

PrefixCount EtcdGateway::count_prefix(std::string_view prefix, std::int64_t revision, Deadline deadline,
                                      std::stop_token stop) {
    constexpr std::string_view operation = "count";
    const auto key = base64_encode(prefix);
    const auto range_end = base64_encode(prefix_range_end(prefix));
    const Json all{{"request_range", {{"key", key}, {"range_end", range_end}, {"count_only", true}}}};
    const Json changed{{"request_range",
                        {{"key", key},
                         {"range_end", range_end},
                         {"count_only", true},
                         {"min_mod_revision", std::to_string(revision + 1)}}}};
    const auto reply = post("/v3/kv/txn", Json{{"success", Json::array({all, changed})}}.dump(), deadline, stop);
    const auto json = parse_json(reply.body, operation);
    const Reader answer(json, operation);
    if (reply.status != 200) throw_etcd_error(operation, reply.status, answer.error_message());
    const auto responses = answer.objects("responses");
    if (responses.size() != 2) throw_bad_response(operation, "a transaction answer without two range answers");
    return {answer.object("header").integer("revision"), responses[0].object("response_range").integer("count"),
            responses[1].object("response_range").integer("count")};
}

namespace {

/// Splits the watch stream into lines (one JSON message each, at most `limit` bytes) and hands them over.
class WatchStreamReader {
public:
    WatchStreamReader(const WatchHandler& on_events, std::size_t limit) : on_events_(on_events), limit_(limit) {}

    static std::size_t receive(char* data, std::size_t size, std::size_t count, void* self) {
        auto& reader = *static_cast<WatchStreamReader*>(self);
        try {
            reader.take({data, size * count});
            return size * count;
        } catch (...) {
            reader.failure_ = std::current_exception();
            return 0;  // aborts the transfer; exceptions must not cross libcurl's C frames
        }
    }

    [[nodiscard]] const std::exception_ptr& failure() const { return failure_; }

private:
    void take(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto end = bytes.find('\n');
            const auto piece = bytes.substr(0, end);
            if (buffer_.size() + piece.size() > limit_) throw_too_large("watch", limit_);
            buffer_ += piece;
            if (end == std::string_view::npos) return;
            bytes.remove_prefix(end + 1);
            if (!buffer_.empty()) handle(buffer_);
            buffer_.clear();
        }
    }

    void handle(std::string_view line) {
        constexpr std::string_view operation = "watch";
        const auto json = parse_json(line, operation);
        const Reader message(json, operation);
        if (!message.has("result")) throw_etcd_error(operation, 200, message.error_message());
        const auto result = message.object("result");
        // A canceled watch (for example its start revision was compacted) is a broken stream: the owner re-syncs.
        if (result.boolean("canceled")) {
            const auto reason = result.string("cancel_reason");
            throw_etcd_error(operation, 200, reason.empty() ? "canceled" : reason);
        }
        std::vector<WatchEvent> events;
        for (const auto& item : result.objects("events"))
            events.push_back({item.string("type") == "DELETE", item.object("kv").key_value()});
        // The first message's revision is etcd's current one, ahead of the events still to come from the start.
        on_events_(events, result.boolean("created") ? 0 : result.object("header").integer("revision"));
    }

    const WatchHandler& on_events_;
    const std::size_t limit_;
    std::string buffer_;
    std::exception_ptr failure_;
};

}  // namespace

void EtcdGateway::watch_prefix(std::string_view prefix, std::int64_t start_revision, const WatchHandler& on_events,
                               std::stop_token stop) {
    const Json request{{"create_request",
                        {{"key", base64_encode(prefix)},
                         {"range_end", base64_encode(prefix_range_end(prefix))},
                         {"start_revision", std::to_string(start_revision)},
                         {"progress_notify", true}}}};
    const std::string body = request.dump();
    auto channel = acquire_channel();
    std::string failures;
    for (std::size_t attempt = 0; attempt < endpoints_.size() && !stop.stop_requested(); ++attempt) {
        const std::size_t index = (preferred_endpoint_.load() + attempt) % endpoints_.size();
        WatchStreamReader reader(on_events, limits_.max_response_bytes);
        auto& transfer = *channel->transfers.front();
        transfer.prepare(endpoints_[index] + "/v3/watch", body, channel->headers, WatchStreamReader::receive, &reader);
        transfer.set_timeouts(limits_.timeout, std::chrono::milliseconds(0));  // 0: the stream has no end time
        const CURLcode result = channel->perform(transfer, stop);
        if (stop.stop_requested()) break;
        if (reader.failure()) {
            release_channel(std::move(channel));
            std::rethrow_exception(reader.failure());
        }
        const long status = transfer.status();
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
