// pip.connect:connection_resolver: ConnectionResolver, which finds the connections of a component.
//
// `configure` appends `connections.<name>.*` (or `connection.*`) entries. A connection with a `discovery_key` is
// looked up in the IDiscovery components found in the references through `*:discovery:*:*:*` (newest first);
// the result is the configured connection with the discovered values over it. No discovery to ask, because the
// references are not set yet or hold none: ConfigException `CANNOT_RESOLVE` (never a silent empty result that
// would let a component start without the connection it was configured to find).
// Not thread-safe while being configured; resolving concurrently afterwards is fine when the discoveries are.

export namespace pip::connect {

class ConnectionResolver : public config::IConfigurable, public refer::IReferenceable {
public:
    ConnectionResolver() = default;
    explicit ConnectionResolver(const config::ConfigParams& config) { configure(config); }
    ConnectionResolver(const config::ConfigParams& config, refer::IReferences& references)
        : ConnectionResolver(config) {
        set_references(references);
    }

    /// Appends the connections of `config`; repeated calls accumulate.
    void configure(const config::ConfigParams& config) override;
    void set_references(refer::IReferences& references) override { references_ = &references; }

    [[nodiscard]] const std::vector<ConnectionParams>& get_all() const noexcept { return connections_; }
    void add(ConnectionParams connection) { connections_.push_back(std::move(connection)); }

    /// Registers `connection` in every discovery under its discovery key and then keeps it; returns whether it
    /// was registered (false without a discovery key, references or discovery).
    bool register_connection(std::string_view correlation_id, const ConnectionParams& connection);

    /// The first connection without a discovery key as configured; else the first discovery connection that a
    /// discovery knows, merged with what it found; else empty.
    [[nodiscard]] std::optional<ConnectionParams> resolve(std::string_view correlation_id) const;
    /// Every connection without a discovery key, then every discovered connection (merged), in order.
    [[nodiscard]] std::vector<ConnectionParams> resolve_all(std::string_view correlation_id) const;

private:
    /// The discoveries in the references; ConfigException `CANNOT_RESOLVE` when there is none or no references.
    [[nodiscard]] std::vector<std::shared_ptr<IDiscovery>> discoveries(std::string_view correlation_id) const;

    std::vector<ConnectionParams> connections_;
    refer::IReferences* references_ = nullptr;
};

}  // namespace pip::connect
