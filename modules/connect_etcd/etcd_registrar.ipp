// pip.connect.etcd:etcd_registrar (internal partition): the registrations of one EtcdDiscovery, kept alive in
// etcd by one lease.
//
// Registrations run in parallel, each ending by its deadline (a wait for another registration that is taking
// the first lease counts against it). A registration that fails leaves no live entry: its write may still reach
// etcd after the failure, so the lease it used is retired. The lease keeper writes the other registrations again
// under a new lease and then revokes the old one, which deletes anything etcd still holds under it and makes a
// late write fail; when etcd cannot be reached for that, nobody renews the old lease and it expires after `ttl`.

namespace pip::connect::etcd_detail {

class EtcdRegistrar {
public:
    EtcdRegistrar(EtcdGateway& gateway, std::chrono::seconds ttl) : gateway_(gateway), ttl_(ttl) {}

    /// Writes `value` under `key` with the shared lease (taken on first use) and keeps it alive from then on.
    /// Throws ConnectionException `CANNOT_CONNECT` when that cannot be done by `deadline`.
    void add(std::string key, std::string value, Deadline deadline);

    /// Stops renewing, forgets the registrations and revokes the lease, which deletes their keys at once.
    /// Throws ConnectionException when etcd cannot be reached (the keys then expire after the TTL).
    void close();

private:
    /// The lease, taken first when there is none.
    [[nodiscard]] std::int64_t lease(std::shared_lock<std::shared_timed_mutex>& writing, Deadline deadline);
    /// After a write found `lost_lease` gone: writes `key` again under the lease that replaces it.
    void write_again(std::int64_t lost_lease, const std::string& key, const std::string& value, Deadline deadline);
    void forget(const std::string& key);
    /// After a failed write: has the keeper replace the lease it used and revoke it.
    void retire_lease();
    void keep_alive(const std::stop_token& stop);
    /// Renews the lease; replaces a lost or retired one, writing every registration again.
    void refresh(const std::stop_token& stop);
    /// Takes a new lease and writes every registration with it; `mutex_` is held exclusively. Without a
    /// deadline (the keeper) each request has the timeout of a call.
    void reestablish(std::optional<Deadline> deadline, const std::stop_token& stop);

    EtcdGateway& gateway_;
    std::chrono::seconds ttl_;
    // Shared: the writes of add, which run in parallel. Exclusive: a change of the lease (the first grant, a
    // replacement), so that no write is made under a lease that is being replaced.
    std::shared_timed_mutex mutex_;
    std::mutex registrations_mutex_;  // guards registrations_ while add holds mutex_ shared
    std::vector<std::pair<std::string, std::string>> registrations_;
    std::int64_t lease_ = 0;           // 0: none yet; close() revokes it
    bool all_written_ = true;          // false while (or when) reestablish has not written every registration yet
    std::atomic<bool> retire_lease_ = false;  // a write under lease_ failed: the keeper replaces and revokes it
    std::condition_variable_any wake_keeper_;
    std::mutex keeper_mutex_;  // for wake_keeper_
    std::jthread keeper_;      // last member: stopped and joined first
};

}  // namespace pip::connect::etcd_detail
