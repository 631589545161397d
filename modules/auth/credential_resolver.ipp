// pip.auth:credential_resolver: CredentialResolver, which finds the credentials of a component.
//
// `configure` appends `credentials.<name>.*` (or `credential.*`) entries. `lookup` returns the first credential
// without a store key; otherwise it asks the ICredentialStore components found in the references through
// `*:credential-store:*:*:*`. A credential with a store key and no store to ask (none registered, or the
// references not set yet) throws ReferenceException naming that descriptor, never a silent empty result.
// Not thread-safe while being configured; concurrent lookups are fine afterwards.

export namespace pip::auth {

class CredentialResolver : public config::IConfigurable, public refer::IReferenceable {
public:
    CredentialResolver() = default;
    explicit CredentialResolver(const config::ConfigParams& config) { configure(config); }
    CredentialResolver(const config::ConfigParams& config, refer::IReferences& references)
        : CredentialResolver(config) {
        set_references(references);
    }

    /// Appends the credentials of `config`; repeated calls accumulate.
    void configure(const config::ConfigParams& config) override;
    void set_references(refer::IReferences& references) override { references_ = &references; }

    [[nodiscard]] const std::vector<CredentialParams>& get_all() const noexcept { return credentials_; }
    void add(CredentialParams credential) { credentials_.push_back(std::move(credential)); }

    /// The credential to use, or empty when none is configured or no store knows the keys; ReferenceException
    /// when a store key is configured and there is no store (or no references) to ask.
    [[nodiscard]] std::optional<CredentialParams> lookup(std::string_view correlation_id) const;

private:
    [[nodiscard]] std::optional<CredentialParams> lookup_in_stores(std::string_view correlation_id,
                                                                   const CredentialParams& credential) const;

    std::vector<CredentialParams> credentials_;
    refer::IReferences* references_ = nullptr;
};

}  // namespace pip::auth
