// pip.connect.etcd:etcd_watched_cache (internal partition): what etcd holds under `<prefix>/`, kept current by a
// watch, so that resolving costs no round trip.
//
// The first lookup starts a background thread that reads everything under the prefix (one range request) and
// then watches it from the revision it read at, applying every put and delete. While the cache is not in sync
// (before the first read, or after the watch broke and until the re-read succeeds) lookups read etcd directly,
// so an unreachable etcd shows as ConnectionException rather than as stale answers. Without `watch` (option
// `options.cache=false`) every lookup reads etcd directly and no thread runs.
//
// Keys are `<prefix>/<discovery key>/<registration id>`; entries of one discovery key are kept in etcd's
// create-revision order, which is registration order.

namespace pip::connect::etcd_detail {

class EtcdWatchedCache {
public:
    /// `root` is `<prefix>/`.
    EtcdWatchedCache(EtcdGateway& gateway, std::string root, bool watch)
        : gateway_(gateway), root_(std::move(root)), watch_(watch) {}

    /// The first live registration of `key`, empty when there is none.
    [[nodiscard]] std::optional<ConnectionParams> first(std::string_view key);
    /// Every live registration of `key`, oldest first.
    [[nodiscard]] std::vector<ConnectionParams> all(std::string_view key);

private:
    struct Entry {
        std::string etcd_key;
        std::int64_t create_revision = 0;
        ConnectionParams connection;
    };
    using Entries = std::vector<Entry>;

    /// Answers from the cache when it is in sync, else by reading etcd; starts the watch on first use.
    template <class Answer>
    [[nodiscard]] auto lookup(std::string_view key, Answer answer) -> decltype(answer(std::declval<const Entries&>()));
    [[nodiscard]] Entries read_directly(std::string_view key);
    void watch(const std::stop_token& stop);
    void load(const Snapshot& snapshot);
    void apply(std::span<const WatchEvent> events);
    /// The `<discovery key>` of `<root><discovery key>/<id>`; empty for any other key.
    [[nodiscard]] std::optional<std::string_view> discovery_key_of(std::string_view etcd_key) const;
    /// Adds or replaces the entry of `kv` in `entries` when its key is `<root><discovery key>/<id>`.
    void store(std::map<std::string, Entries, std::less<>>& entries, const KeyValue& kv) const;

    EtcdGateway& gateway_;
    const std::string root_;
    const bool watch_;
    std::mutex mutex_;  // guards everything below
    bool synced_ = false;
    std::map<std::string, Entries, std::less<>> entries_;  // by discovery key
    std::jthread watcher_;                                 // last member: stopped and joined first
};

}  // namespace pip::connect::etcd_detail
