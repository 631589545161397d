// pip.auth:secret_masking: log-safe text of configuration that may hold secrets.
//
// `to_string()` of ConfigParams, ConnectionParams and CredentialParams keeps Pip's exact, round-tripping format
// and therefore prints secrets. For logs use `to_safe_string()` (member of ConnectionParams / CredentialParams,
// free function here for any ConfigParams), which writes `***` in place of:
//   - the value of a secret key: judged on the key's last `.`-separated segment, case-insensitively, a key is
//     secret when it contains `password`, `passwd`, `secret` or `token`, or ends with `key`, `pass` or `pwd`,
//     or has one of those as a `_`/`-`-separated word; except `discovery_key` and `store_key` (names of
//     entries, not secrets). So `password`, `pass`, `access_key`, `accessKey`, `client_key`, `secret_key`,
//     `api_key_id`, `credential.password` are masked; `key1`, `keyspace`, `passenger`, `access_id` are not.
//   - the user-info of any value holding a URI: everything before the last `@` (after `scheme://` when there is
//     one) becomes `***`, so a password containing `@` does not leak either;
//   - the values of secret-named query parameters inside such values (`...?access_key=***`);
//   - inside a value that is itself a connection string (it contains `;` or starts with `name=`, as in the
//     MemoryDiscovery format `key1=host=h;password=p`): its entries, by the same rules, one level deep.
// A value containing `@` is taken as a URI even without `scheme://` (`user:pass@host` is one for parse_uri), so
// an e-mail address shows as `***@example.com`.

export namespace pip::auth {

/// What a masked value is replaced with.
inline constexpr std::string_view masked_value = "***";

/// Whether the value of `key` is a secret (see the module comment for the rule).
[[nodiscard]] bool is_secret_key(std::string_view key);

/// `value` with URI user-info and secret query parameters masked; unchanged when it holds neither.
[[nodiscard]] std::string mask_uri_secrets(std::string_view value);

/// A copy of `config` in which every secret is masked; keys and order are kept.
[[nodiscard]] config::ConfigParams mask_secrets(const config::ConfigParams& config);

/// `mask_secrets(config).to_string()`: the text form of a configuration that is safe to log.
[[nodiscard]] std::string to_safe_string(const config::ConfigParams& config);

}  // namespace pip::auth
