// pip.connect.etcd:etcd_discovery: EtcdDiscovery, an IDiscovery whose registrations live in etcd, so that every
// process of a system, on any machine, resolves the same live connections.
//
// Configuration (decisions.md "connect on etcd"):
//   connection.uri=http://host:port             one etcd endpoint (user-info is dropped, never shown; the URI is
//                                                split as ConnectionUtils::parse_uri splits it); or connection.host /
//                                                connection.port (2379 when left out); or connections.<name>.* for
//                                                a cluster, tried in order with failover
//   options.prefix=pip/discovery                where registrations are kept: <prefix>/<key>/<id>
//   options.ttl=10                              seconds a registration outlives its process
//   options.timeout=2000                        milliseconds one call may take, failover and retries included
//   options.cache=true                          false: no watch thread, every resolve reads etcd (one-shot tools)
//   options.check_interval=1000                 milliseconds between the watched cache's checks that it is current
//   options.max_response_bytes=4194304          the largest answer, and watch message, taken from etcd
//
// Behaviour:
// - Time: every call returns or throws by its deadline, options.timeout after it started, whatever etcd does and
//   however many threads call at once (each call has its own connections; a wait for the lease another call is
//   taking counts against the deadline). A request is never resent to an etcd that is still working on it, so an
//   answer arriving before the deadline gets through. A first registration needs two requests (lease grant, put)
//   within that deadline, later ones one.
// - register_connection stores the connection as a JSON object of its keys and values (in order; null for a key
//   without a value) under <prefix>/<key>/<id> (a new id per call; `/` and `%` in the key written `%2F`, `%25`),
//   attached to this discovery's lease of `ttl` seconds. So every byte comes back as registered, and prefix `a`
//   with key `x/b` never meets prefix `a/x` with key `b`. Entries in the `k=v;k=v` text of earlier versions are
//   still read. A background thread renews the lease every ttl / 3; when the process dies the entries disappear
//   about `ttl` seconds later. If etcd forgets the lease (outage longer than the TTL, or etcd back without its
//   data) the thread takes a new lease and writes the entries again.
// - A registration that throws leaves no live entry: etcd may still commit its write after the failure, so the
//   lease it was written under is retired at once: the thread writes the other registrations again under a new
//   lease, then revokes the old one (deleting the late entry, and making a later write under it fail). When etcd
//   cannot be reached for that, nobody renews the old lease and the entry expires after `ttl`.
// - resolve_one / resolve_all see every live registration of the key, from any process, in registration order.
//   The first resolve starts a watch that keeps a local copy of <prefix>/ current; after that, resolves are
//   answered from memory. While the copy is out of sync (watch broken, re-sync pending) resolves read etcd.
//   Staleness bound: every check_interval one small request checks that etcd holds what the watch has shown; a
//   failed check drops the copy at once, and two disagreeing checks with no progress of the watch in between
//   re-read etcd. A cached answer thus trails etcd by at most 2 x (check_interval + timeout) (6 s with the
//   defaults, about 2 x check_interval when etcd answers quickly); an etcd that stops answering shows as
//   CANNOT_CONNECT after at most check_interval + 2 x timeout. Reads never go back in time: after a direct read
//   the cache answers again only once it shows etcd at least as new as that read.
// - etcd unreachable: ConnectionException `CANNOT_CONNECT` within `options.timeout`; never a hang. An answer
//   larger than max_response_bytes: InvocationException `ETCD_RESPONSE_TOO_LARGE` (a watch message that large
//   makes the watch re-read etcd); an answer of an unexpected shape: InvocationException `ETCD_BAD_RESPONSE`. All
//   carry the call's correlation id; none shows user-info, a password or a registered value.
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
