// pip.auth:credential_store: ICredentialStore, where credentials referenced by `store_key` are kept.

export namespace pip::auth {

class ICredentialStore {
public:
    virtual ~ICredentialStore() = default;
    /// Saves `credential` under `key`, replacing what was there; an empty optional removes the key.
    virtual void store(std::string_view correlation_id, std::string_view key,
                       std::optional<CredentialParams> credential) = 0;
    /// The credential saved under `key`, or empty.
    [[nodiscard]] virtual std::optional<CredentialParams> lookup(std::string_view correlation_id,
                                                                 std::string_view key) const = 0;
};

}  // namespace pip::auth
