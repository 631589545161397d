// pip.connect.etcd:etcd_gateway (internal partition): etcd's v3 key-value, lease and watch calls through etcd's
// JSON gateway over HTTP. The implementation (etcd_gateway.cpp) holds libcurl and nlohmann_json, so this
// declaration, which consumers compile, needs neither.
//
// Time: every call takes the deadline of the EtcdDiscovery call it serves and ends by it. Calls run in parallel,
// each on its own connections. A request stays in flight until it is answered, refused or the deadline passes,
// so a slow but live etcd gets the time it needs and nothing is sent twice to an endpoint still working on it.
// Failover: a request starts at the endpoint that answered last. When an endpoint refuses it (connection refused
// or broken, a 5xx answer such as a member without a leader) it goes to the next one at once; when an endpoint
// has not answered after 250 ms, the next one gets the same request too, and the first answer wins. After every
// endpoint refused, a new round starts after a short pause (25 ms, doubling to 200 ms).
// Memory: an answer larger than `max_response_bytes`, and a watch message (one line of the stream) larger than
// that, ends the call with InvocationException `ETCD_RESPONSE_TOO_LARGE`.
// Answers of an unexpected shape give InvocationException `ETCD_BAD_RESPONSE`, never a JSON library error.
// Cancellation: every call takes a std::stop_token; requesting stop ends the call at once (the background
// threads use this to shut down without waiting for a timeout).

namespace pip::connect::etcd_detail {

using Clock = std::chrono::steady_clock;
/// When an EtcdDiscovery call must have returned or thrown.
using Deadline = Clock::time_point;

/// One key of the store; `create_revision` orders keys by when they were created.
struct KeyValue {
    std::string key;
    std::string value;
    std::int64_t create_revision = 0;
};

/// The keys of a range and the store revision they were read at.
struct Snapshot {
    std::int64_t revision = 0;
    std::vector<KeyValue> kvs;
};

/// How many keys a prefix holds, and how many of them changed after a given revision, read at one revision.
struct PrefixCount {
    std::int64_t revision = 0;
    std::int64_t keys = 0;
    std::int64_t changed_since = 0;
};

/// A change seen by a watch: a put (the new key-value) or a delete (only `kv.key` is set).
struct WatchEvent {
    bool deleted = false;
    KeyValue kv;
};

/// Called with the events of each watch message (none for a progress message) and the revision it reports.
using WatchHandler = std::function<void(std::span<const WatchEvent>, std::int64_t revision)>;

struct GatewayLimits {
    std::chrono::milliseconds timeout{2000};  // of one EtcdDiscovery call; also the watch's connect timeout
    std::size_t max_response_bytes = 4 << 20;
};

class EtcdGateway {
public:
    /// `endpoints` are base URLs (`http://127.0.0.1:2379`); at least one.
    EtcdGateway(std::vector<std::string> endpoints, GatewayLimits limits);
    ~EtcdGateway();
    EtcdGateway(const EtcdGateway&) = delete;
    EtcdGateway& operator=(const EtcdGateway&) = delete;

    /// The deadline of a call that starts now.
    [[nodiscard]] Deadline deadline() const { return Clock::now() + limits_.timeout; }

    /// A new lease of `ttl_seconds`; returns its id.
    [[nodiscard]] std::int64_t grant_lease(std::int64_t ttl_seconds, Deadline deadline, std::stop_token stop = {});
    /// Renews `lease`; false when etcd no longer knows it (it expired or was revoked).
    [[nodiscard]] bool keep_alive(std::int64_t lease, Deadline deadline, std::stop_token stop = {});
    /// Revokes `lease`, deleting its keys; a lease etcd no longer knows is not an error.
    void revoke_lease(std::int64_t lease, Deadline deadline, std::stop_token stop = {});
    /// Writes `key` attached to `lease`; false when the lease is gone.
    [[nodiscard]] bool put(std::string_view key, std::string_view value, std::int64_t lease, Deadline deadline,
                           std::stop_token stop = {});
    /// Every key starting with `prefix`, oldest creation first.
    [[nodiscard]] Snapshot range_prefix(std::string_view prefix, Deadline deadline, std::stop_token stop = {});
    /// The number of keys under `prefix` and of those modified after `revision`, in one read (a transaction).
    [[nodiscard]] PrefixCount count_prefix(std::string_view prefix, std::int64_t revision, Deadline deadline,
                                           std::stop_token stop = {});
    /// Streams every change under `prefix` from `start_revision` on to `on_events`, until `stop` is requested
    /// (then it returns) or the stream breaks (then it throws). etcd is asked for progress notifications.
    void watch_prefix(std::string_view prefix, std::int64_t start_revision, const WatchHandler& on_events,
                      std::stop_token stop);

    /// The endpoints as `http://host:port` (never with user-info), for messages.
    [[nodiscard]] std::string endpoint_list() const;

private:
    struct Channel;
    struct Reply {
        long status = 0;
        std::string body;
    };
    /// Starts `path` on `endpoint` in `channel`, to end by `deadline`.
    void start(Channel& channel, std::size_t endpoint, std::string_view path, const std::string& body,
               Deadline deadline);
    /// POSTs `body` to `path`, failing over between endpoints; throws ConnectionException `CANNOT_CONNECT`.
    [[nodiscard]] Reply post(std::string_view path, const std::string& body, Deadline deadline,
                             const std::stop_token& stop);
    [[nodiscard]] std::unique_ptr<Channel> acquire_channel();
    void release_channel(std::unique_ptr<Channel> channel);

    std::vector<std::string> endpoints_;
    GatewayLimits limits_;
    std::atomic<std::size_t> preferred_endpoint_ = 0;
    std::mutex channels_mutex_;
    std::vector<std::unique_ptr<Channel>> idle_channels_;
};

}  // namespace pip::connect::etcd_detail
