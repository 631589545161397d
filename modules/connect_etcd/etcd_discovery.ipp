// pip.connect.etcd:etcd_discovery: EtcdDiscovery, an IDiscovery whose registrations live in etcd, so that every
// process of a system, on any machine, resolves the same live connections.
//
// Configuration (decisions.md "connect on etcd"):
//   connection.uri=http://host:port             one etcd endpoint; or connection.host / connection.port (2379
//                                                when left out); or connections.<name>.* for a cluster, tried in
//                                                order with failover
//   options.prefix=pip/discovery                where registrations are kept: <prefix>/<key>/<id>
//   options.ttl=10                              seconds a registration outlives its process
//   options.timeout=2000                        milliseconds one etcd request may take, failover included
//   options.cache=true                          false: no watch thread, every resolve reads etcd (one-shot tools)
//
// Behaviour:
// - register_connection stores `connection.to_string()` under <prefix>/<key>/<id> (a new id per call), attached
//   to this discovery's lease of `ttl` seconds. A background thread renews the lease every ttl / 3; when the
//   process dies the entries disappear about `ttl` seconds later. If etcd forgets the lease (outage longer than
//   the TTL, or etcd back without its data) the thread takes a new lease and writes the entries again.
// - resolve_one / resolve_all see every live registration of the key, from any process, in registration order.
//   The first resolve starts a watch that keeps a local copy of <prefix>/ current; after that, resolves are
//   answered from memory. While the copy is out of sync (watch broken, re-sync pending) resolves read etcd.
// - etcd unreachable: ConnectionException `CANNOT_CONNECT` within `options.timeout`; never a hang.
// - close() stops the background threads and revokes the lease, so this discovery's entries disappear at once;
//   the discovery may be used again afterwards. configure() closes first (best effort), like MemoryDiscovery's
//   configure it drops what was registered. The destructor closes and never throws.
// Thread safety: every member function may be called from any number of threads.

export namespace pip::connect {

class EtcdDiscovery : public IDiscovery, public config::IReconfigurable {
public:
    EtcdDiscovery();
    /// Configures at once; see configure.
    explicit EtcdDiscovery(const config::ConfigParams& config);
    ~EtcdDiscovery() override;
    EtcdDiscovery(const EtcdDiscovery&) = delete;
    EtcdDiscovery& operator=(const EtcdDiscovery&) = delete;

    /// Throws ConfigException for a configuration without endpoints or with invalid options.
    void configure(const config::ConfigParams& config) override;

    /// Throws ConfigException when not configured, ConnectionException `CANNOT_CONNECT` when etcd is unreachable.
    ConnectionParams register_connection(std::string_view correlation_id, std::string_view key,
                                         const ConnectionParams& connection) override;
    [[nodiscard]] std::optional<ConnectionParams> resolve_one(std::string_view correlation_id,
                                                              std::string_view key) override;
    [[nodiscard]] std::vector<ConnectionParams> resolve_all(std::string_view correlation_id,
                                                            std::string_view key) override;

    /// Stops renewing and watching and revokes the lease. Throws ConnectionException `CANNOT_CONNECT` when
    /// etcd cannot be reached to revoke (the entries then expire after the TTL); the threads are stopped anyway.
    void close(std::string_view correlation_id = {});

private:
    struct Session;  // settings, etcd client, lease keeper and watched cache (etcd_discovery.cpp)

    /// The session, or ConfigException when not configured.
    [[nodiscard]] Session& session(std::string_view correlation_id) const;

    mutable std::shared_mutex mutex_;  // shared: register / resolve; exclusive: configure / close
    std::unique_ptr<Session> session_;
};

}  // namespace pip::connect
