// pip.connect.etcd:etcd_registrar (internal partition): the registrations of one EtcdDiscovery and the lease
// that keeps them alive.
//
// All registrations share one lease of `ttl`. A background thread renews it every ttl / 3 (every 0.5 s at most
// while etcd does not answer). When etcd has forgotten the lease (it expired during an outage, or etcd came back
// without its data) the thread takes a new lease and writes every registration again, so registrations come
// back without the user doing anything.

namespace pip::connect::etcd_detail {

class EtcdRegistrar {
public:
    EtcdRegistrar(EtcdGateway& gateway, std::chrono::seconds ttl) : gateway_(gateway), ttl_(ttl) {}

    /// Writes `value` under `key` with the shared lease (taken on first use) and keeps it alive from then on.
    /// Throws ConnectionException when etcd cannot be reached.
    void add(std::string key, std::string value);

    /// Stops renewing, forgets the registrations and revokes the lease, which deletes their keys at once.
    /// Throws ConnectionException when etcd cannot be reached (the keys then expire after the TTL).
    void close();

private:
    void keep_alive(const std::stop_token& stop);
    /// Renews the lease, or replaces a lost one and writes every registration again.
    void refresh(const std::stop_token& stop);
    /// Takes a new lease and writes every registration with it; `mutex_` is held.
    void reestablish(const std::stop_token& stop);

    EtcdGateway& gateway_;
    std::chrono::seconds ttl_;
    std::mutex mutex_;  // guards registrations_ and lease_, and keeps the writes of add and reestablish apart
    std::vector<std::pair<std::string, std::string>> registrations_;
    std::int64_t lease_ = 0;     // 0: none yet; close() revokes it
    bool all_written_ = true;  // false while (or when) reestablish has not written every registration yet
    std::jthread keeper_;     // last member: stopped and joined first
};

}  // namespace pip::connect::etcd_detail
