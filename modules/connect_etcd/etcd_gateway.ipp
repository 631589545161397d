// pip.connect.etcd:etcd_gateway (internal partition): etcd's v3 key-value, lease and watch calls through etcd's
// JSON gateway over HTTP. The implementation (etcd_gateway.cpp) holds libcurl and nlohmann_json, so this
// declaration, which consumers compile, needs neither.
//
// Failover: a request starts at the endpoint that answered last and moves on to the next one when an endpoint
// cannot be reached, answers 5xx or does not answer in time, round after round, until `timeout` has passed: one
// request, failover included, ends within `timeout`. An attempt may take 250 ms in the first round, twice as
// long in each next one, so a dead or leaderless member cannot use up the budget of the others.
// Cancellation: every call takes a std::stop_token; requesting stop ends the call at once (the background
// threads use this to shut down without waiting for a timeout).

namespace pip::connect::etcd_detail {

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

/// A change seen by a watch: a put (the new key-value) or a delete (only `kv.key` is set).
struct WatchEvent {
    bool deleted = false;
    KeyValue kv;
};

using WatchHandler = std::function<void(std::span<const WatchEvent>)>;

class EtcdGateway {
public:
    /// `endpoints` are base URLs (`http://127.0.0.1:2379`); at least one.
    EtcdGateway(std::vector<std::string> endpoints, std::chrono::milliseconds timeout);
    ~EtcdGateway();
    EtcdGateway(const EtcdGateway&) = delete;
    EtcdGateway& operator=(const EtcdGateway&) = delete;

    /// A new lease of `ttl_seconds`; returns its id.
    [[nodiscard]] std::int64_t grant_lease(std::int64_t ttl_seconds, std::stop_token stop = {});
    /// Renews `lease`; false when etcd no longer knows it (it expired or was revoked).
    [[nodiscard]] bool keep_alive(std::int64_t lease, std::stop_token stop = {});
    /// Revokes `lease`, deleting its keys; a lease etcd no longer knows is not an error.
    void revoke_lease(std::int64_t lease, std::stop_token stop = {});
    /// Writes `key` attached to `lease`; false when the lease is gone.
    [[nodiscard]] bool put(std::string_view key, std::string_view value, std::int64_t lease, std::stop_token stop = {});
    /// Every key starting with `prefix`, oldest creation first.
    [[nodiscard]] Snapshot range_prefix(std::string_view prefix, std::stop_token stop = {});
    /// Streams every change under `prefix` from `start_revision` on to `on_events`, until `stop` is requested
    /// (then it returns) or the stream breaks (then it throws ConnectionException).
    void watch_prefix(std::string_view prefix, std::int64_t start_revision, const WatchHandler& on_events,
                      std::stop_token stop);

    /// The endpoints as configured, for messages.
    [[nodiscard]] std::string endpoint_list() const;

private:
    struct Channel;
    struct Reply {
        long status = 0;
        std::string body;
    };

    /// One try of `path` on `endpoint`; empty (with `failure` set) when it could not be reached or answered 5xx.
    [[nodiscard]] std::optional<Reply> attempt(Channel& channel, std::size_t endpoint, std::string_view path,
                                               const std::string& body, std::chrono::milliseconds budget,
                                               const std::stop_token& stop, std::string& failure);
    /// POSTs `body` to `path`, failing over between endpoints; throws ConnectionException `CANNOT_CONNECT`.
    [[nodiscard]] Reply post(std::string_view path, const std::string& body, const std::stop_token& stop);
    [[nodiscard]] std::unique_ptr<Channel> acquire_channel();
    void release_channel(std::unique_ptr<Channel> channel);

    std::vector<std::string> endpoints_;
    std::chrono::milliseconds timeout_;
    std::atomic<std::size_t> preferred_endpoint_ = 0;
    std::mutex channels_mutex_;
    std::vector<std::unique_ptr<Channel>> idle_channels_;
};

}  // namespace pip::connect::etcd_detail
