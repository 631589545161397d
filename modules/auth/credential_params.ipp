// pip.auth:credential_params: CredentialParams, the credentials of one connection.
//
// Keys: `store_key`, `username` (alternative `user`), `password` (`pass`), `access_id` (`client_id`),
// `access_key` (`client_key`, then `secret_key`; Node/.NET behaviour, not Python's bug that ignores them).
// A getter reads the first alternative with a non-empty value, else the last alternative as stored (JavaScript's
// `a || b`, which Python's `or` matches). Setters write the main key.
// Secrets: `to_string()` round-trips and prints them; `to_safe_string()` masks them for logs.

export namespace pip::auth {

class CredentialParams : public config::ConfigParams {
public:
    CredentialParams() = default;
    CredentialParams(std::initializer_list<value_type> entries) : ConfigParams(entries) {}
    explicit CredentialParams(const config::ConfigParams& values) : ConfigParams(values) {}

    [[nodiscard]] static CredentialParams from_string(std::string_view text) {
        return CredentialParams(ConfigParams::from_string(text));
    }
    template <config::ConfigValue... Args>
    [[nodiscard]] static CredentialParams from_tuples(const Args&... args) {
        return CredentialParams(ConfigParams::from_tuples(args...));
    }
    /// Each `credentials.<name>.*` section in order; else the `credential.*` section when it is not empty;
    /// else nothing.
    [[nodiscard]] static std::vector<CredentialParams> many_from_config(const config::ConfigParams& config);
    /// The first of many_from_config, or empty.
    [[nodiscard]] static std::optional<CredentialParams> from_config(const config::ConfigParams& config);

    /// True when `store_key` has a non-empty value: the real credentials are kept in a credential store.
    [[nodiscard]] bool use_credential_store() const;
    [[nodiscard]] std::optional<std::string> get_store_key() const { return get("store_key"); }
    void set_store_key(std::optional<std::string> value) { put("store_key", std::move(value)); }

    [[nodiscard]] std::optional<std::string> get_username() const;
    void set_username(std::optional<std::string> value) { put("username", std::move(value)); }
    [[nodiscard]] std::optional<std::string> get_password() const;
    void set_password(std::optional<std::string> value) { put("password", std::move(value)); }
    [[nodiscard]] std::optional<std::string> get_access_id() const;
    void set_access_id(std::optional<std::string> value) { put("access_id", std::move(value)); }
    [[nodiscard]] std::optional<std::string> get_access_key() const;
    void set_access_key(std::optional<std::string> value) { put("access_key", std::move(value)); }

    /// The text form for logs: like to_string(), with passwords, access keys and URI user-info as `***`.
    [[nodiscard]] std::string to_safe_string() const { return auth::to_safe_string(*this); }
};

}  // namespace pip::auth
