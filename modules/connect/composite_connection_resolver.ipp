// pip.connect:composite_connection_resolver: CompositeConnectionResolver, which turns the configured (or
// discovered) connections, the credential and the `options.*` section into one set of options for a client.
//
// Node's rules (decisions.md): a connection with a non-empty `uri` is valid; otherwise it needs a protocol
// (NO_PROTOCOL), one of the supported protocols when a list is given (UNSUPPORTED_PROTOCOL), a host (NO_HOST) and
// a port (NO_PORT). Choices where the originals are silent or cannot apply in C++: a connection with no keys at
// all is "not set" (NO_CONNECTION, the C++ form of a null connection); a `port` holding text that is not a
// number from 0 to 65535 is INVALID_PORT (the originals silently use the default port); empty values count as
// missing (an empty `protocol` takes the default protocol). Messages never quote a value that may hold
// user-info: an unsupported protocol shows only its scheme (`amqp` for `amqp://u:pw@h`) or its masked text, an
// invalid port only when it is made of digits. More than one connection with clustering off is
// MULTIPLE_CONNECTIONS_NOT_SUPPORTED (the originals' `> 0` test is a bug). Options: connections first (the first connection wins a duplicated key), then the
// credential over them, then `options.*` filling gaps only (set_defaults).
// Subclasses pass ConnectionRules to the constructor and may override the protected steps.

export namespace pip::connect {

/// What a CompositeConnectionResolver accepts.
struct ConnectionRules {
    /// Whether several connections (a cluster) may be resolved at once.
    bool cluster_supported = true;
    /// Used when a connection has no protocol; empty for none.
    std::string default_protocol;
    /// Used when a connection has no port; 0 for none.
    int default_port = 0;
    /// The accepted protocols; empty optional accepts any.
    std::optional<std::vector<std::string>> supported_protocols;
};

class CompositeConnectionResolver : public config::IConfigurable, public refer::IReferenceable {
public:
    CompositeConnectionResolver() = default;
    explicit CompositeConnectionResolver(ConnectionRules rules) : rules_(std::move(rules)) {}

    /// Configures the connection and credential resolvers and keeps the `options.*` section.
    void configure(const config::ConfigParams& config) override;
    void set_references(refer::IReferences& references) override;

    /// The options for the resolved connections, credential and configured options; validation errors throw
    /// pip::errors::ConfigException with the codes listed in the module comment.
    [[nodiscard]] config::ConfigParams resolve(std::string_view correlation_id) const;
    /// The same for connections and a credential obtained elsewhere (no cluster check, as in the originals).
    [[nodiscard]] config::ConfigParams compose(std::string_view correlation_id,
                                               const std::vector<ConnectionParams>& connections,
                                               const std::optional<auth::CredentialParams>& credential,
                                               const config::ConfigParams& parameters) const;

    [[nodiscard]] const ConnectionRules& rules() const noexcept { return rules_; }

protected:
    virtual void validate_connection(std::string_view correlation_id, const ConnectionParams& connection) const;
    /// Accepts everything; override to require credentials.
    virtual void validate_credential(std::string_view correlation_id, const auth::CredentialParams& credential) const;

    /// `options.set_defaults(connection)`: values already in `options` win.
    [[nodiscard]] virtual config::ConfigParams merge_connection(const config::ConfigParams& options,
                                                                const ConnectionParams& connection) const;
    /// `options.override(credential)`: the credential's values win.
    [[nodiscard]] virtual config::ConfigParams merge_credential(const config::ConfigParams& options,
                                                                const auth::CredentialParams& credential) const;
    /// `options.set_defaults(parameters)`: the configured options only fill gaps.
    [[nodiscard]] virtual config::ConfigParams merge_optional(const config::ConfigParams& options,
                                                              const config::ConfigParams& parameters) const;
    /// The last step; returns `options` unchanged.
    [[nodiscard]] virtual config::ConfigParams finalize_options(const config::ConfigParams& options) const;

    [[nodiscard]] config::ConfigParams compose_options(const std::vector<ConnectionParams>& connections,
                                                       const auth::CredentialParams& credential,
                                                       const config::ConfigParams& parameters) const;

    [[nodiscard]] ConnectionResolver& connection_resolver() noexcept { return connection_resolver_; }
    [[nodiscard]] auth::CredentialResolver& credential_resolver() noexcept { return credential_resolver_; }

private:
    ConnectionRules rules_;
    config::ConfigParams options_;
    ConnectionResolver connection_resolver_;
    auth::CredentialResolver credential_resolver_;
};

}  // namespace pip::connect
