// pip.auth:memory_credential_store: MemoryCredentialStore, an ICredentialStore kept in memory.
//
// Configuration: one entry per top-level name, as a section (`key1.user=jdoe;key1.pass=...`) or as a
// credential string (`key1=user=jdoe;pass=...` given through ConfigParams, e.g. from_tuples("key1",
// "user=jdoe;pass=...")); when a name has both, the section's keys win. `configure` replaces everything held.
// Thread safety: every member may be called concurrently.

export namespace pip::auth {

class MemoryCredentialStore : public ICredentialStore, public config::IReconfigurable {
public:
    MemoryCredentialStore() = default;
    explicit MemoryCredentialStore(const config::ConfigParams& config) { configure(config); }

    void configure(const config::ConfigParams& config) override;

    void store(std::string_view correlation_id, std::string_view key,
               std::optional<CredentialParams> credential) override;
    [[nodiscard]] std::optional<CredentialParams> lookup(std::string_view correlation_id,
                                                         std::string_view key) const override;

private:
    using Items = std::map<std::string, CredentialParams, std::less<>>;

    mutable std::mutex mutex_;
    Items items_;
};

}  // namespace pip::auth
