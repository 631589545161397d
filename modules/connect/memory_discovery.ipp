// pip.connect:memory_discovery: MemoryDiscovery, an IDiscovery kept in memory, for tests and single processes.
//
// Configuration (decisions.md): each top-level name is one entry, written as a section
// (`key1.host=10.1.1.100;key1.port=8080`) or as a connection string
// (ConfigParams::from_tuples("key1", "host=10.1.1.100;port=8080")); when a name has both, the section's keys win.
// `configure` replaces everything held, registered connections included. Keys compare case-sensitively.
// Thread safety: every member may be called concurrently (one mutex guards the entries).

export namespace pip::connect {

class MemoryDiscovery : public IDiscovery, public config::IReconfigurable {
public:
    MemoryDiscovery() = default;
    explicit MemoryDiscovery(const config::ConfigParams& config) { configure(config); }

    void configure(const config::ConfigParams& config) override;

    /// Appends a copy of `connection` under `key` (after the configured entries) and returns it.
    ConnectionParams register_connection(std::string_view correlation_id, std::string_view key,
                                         const ConnectionParams& connection) override;
    /// The first entry under `key` in insertion order, or empty.
    [[nodiscard]] std::optional<ConnectionParams> resolve_one(std::string_view correlation_id,
                                                              std::string_view key) override;
    [[nodiscard]] std::vector<ConnectionParams> resolve_all(std::string_view correlation_id,
                                                            std::string_view key) override;

private:
    struct Entry {
        std::string key;
        ConnectionParams connection;
    };

    std::mutex mutex_;
    std::vector<Entry> entries_;
};

}  // namespace pip::connect
