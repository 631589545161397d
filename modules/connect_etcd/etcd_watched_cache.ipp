// pip.connect.etcd:etcd_watched_cache (internal partition): what etcd holds under `<prefix>/`, kept current by a
// watch, so that resolving costs no round trip; and the form registrations take in etcd.
//
// The first lookup starts a background thread that reads everything under the prefix (one range request) and
// then watches it from the revision it read at, applying every put and delete. While the cache is not in sync
// (before the first read, or after the watch broke and until the re-read succeeds) lookups read etcd directly,
// so an unreachable etcd shows as ConnectionException rather than as stale answers. Without `watch` (option
// `options.cache=false`) every lookup reads etcd directly and no thread runs.
//
// A watch can also go silent without breaking (etcd stopped, a proxy that holds the stream): a second thread
// checks every `check_interval` that etcd holds what the watch has shown, with one small request (how many keys
// are under the prefix, and how many of them changed after the revision the watch has reached). A check that
// fails drops the cache out of sync at once; two in a row that disagree while the watch showed nothing new
// restart the watch from a fresh read. So a cached answer never
// trails etcd by more than 2 x (check_interval + timeout).
//
// Keys are `<prefix>/<discovery key>/<registration id>`, with `/` and `%` in the discovery key written `%2F` and
// `%25`, so that prefix `a` with key `x/b` and prefix `a/x` with key `b` never share entries; keys with more
// levels under the prefix belong to a nested prefix and are ignored. Entries of one discovery key are kept in
// etcd's create-revision order, which is registration order. Values are parsed outside the cache's lock.
//
// Reads never go back in time: after a direct read at revision R, the cache answers again only once it has
// shown etcd up to R (through the watch, or a check that found it current at R or later).

namespace pip::connect::etcd_detail {

/// `<root><key with '/' and '%' escaped>/<id>`: the etcd key of registration `id` of discovery key `key`.
[[nodiscard]] std::string entry_key(std::string_view root, std::string_view key, std::string_view id);
/// The form a registration is stored in: a JSON object of its keys and values (null for a key without a value),
/// in order, so that every byte comes back as registered.
[[nodiscard]] std::string encode_entry(const ConnectionParams& connection);
/// A stored registration: the JSON object form, or the `k=v;k=v` text that earlier versions wrote. Empty for a
/// JSON object whose values are not all strings or null.
[[nodiscard]] std::optional<ConnectionParams> decode_entry(std::string_view value);

class EtcdWatchedCache {
public:
    /// `root` is `<prefix>/`.
    EtcdWatchedCache(EtcdGateway& gateway, std::string root, bool watch, std::chrono::milliseconds check_interval)
        : gateway_(gateway), root_(std::move(root)), watch_(watch), check_interval_(check_interval) {}

    /// The first live registration of `key`, empty when there is none; answered by `deadline`.
    [[nodiscard]] std::optional<ConnectionParams> first(std::string_view key, Deadline deadline);
    /// Every live registration of `key`, oldest first; answered by `deadline`.
    [[nodiscard]] std::vector<ConnectionParams> all(std::string_view key, Deadline deadline);

private:
    struct Entry {
        std::string etcd_key;
        std::int64_t create_revision = 0;
        ConnectionParams connection;
    };
    using Entries = std::vector<Entry>;
    using EntryMap = std::map<std::string, Entries, std::less<>>;  // by discovery key
    /// A put of a registration, parsed; `discovery_key` is empty for keys this discovery did not write.
    struct Change {
        bool deleted = false;
        std::string etcd_key;
        std::optional<std::string> discovery_key;
        Entry entry;
    };
    /// A check that disagreed with the cache: how many watch messages had arrived then.
    struct Suspicion {
        std::uint64_t messages = 0;
    };

    /// Answers from the cache when it is in sync, else by reading etcd; starts the threads on first use.
    template <class Answer>
    [[nodiscard]] auto lookup(std::string_view key, Deadline deadline, Answer answer)
        -> decltype(answer(std::declval<const Entries&>()));
    [[nodiscard]] Entries read_directly(std::string_view key, Deadline deadline);
    void watch(const std::stop_token& stop);
    void check(const std::stop_token& stop);
    /// Compares one count of etcd with the cache; true when the cache is to be thrown away.
    [[nodiscard]] bool is_stale(std::optional<Suspicion>& suspicion, const std::stop_token& stop);
    /// Drops the cache out of sync and ends the current watch, so that the watch thread reads etcd again.
    void resync();
    void load(const Snapshot& snapshot);
    void apply(std::span<const WatchEvent> events, std::int64_t revision);
    [[nodiscard]] Change parse(const KeyValue& kv, bool deleted) const;
    /// The unescaped `<discovery key>` of `<root><escaped key>/<id>`; empty for any other key.
    [[nodiscard]] std::optional<std::string> discovery_key_of(std::string_view etcd_key) const;
    static void store(EntryMap& entries, Change change);
    static void erase(EntryMap& entries, const Change& change);

    EtcdGateway& gateway_;
    const std::string root_;
    const bool watch_;
    const std::chrono::milliseconds check_interval_;
    std::mutex mutex_;  // guards everything below
    bool synced_ = false;
    EntryMap entries_;
    std::unordered_map<std::string, std::int64_t> keys_;  // every key under the root (create revision): the count
    std::int64_t revision_ = 0;                           // how far the cache is known to show etcd
    std::int64_t read_floor_ = 0;                         // the newest revision a direct read answered from
    std::uint64_t messages_ = 0;                          // watch messages received
    std::uint64_t loads_ = 0;                             // range reads loaded
    std::stop_source watch_session_;                      // ends the current watch
    std::jthread watcher_;                                // the threads last: stopped and joined first
    std::jthread checker_;
};

}  // namespace pip::connect::etcd_detail
