// pip.auth:secret_masking: log-safe text of configuration that may hold secrets, and the one URI splitting rule
// that the masking, ConnectionUtils::parse_uri and every message showing an endpoint share.
//
// `to_string()` of ConfigParams, ConnectionParams and CredentialParams keeps Pip's exact, round-tripping format
// and therefore prints secrets. For logs use `to_safe_string()` (member of ConnectionParams / CredentialParams,
// free function here for any ConfigParams), which writes `***` in place of:
//   - the value of a secret key (is_secret_key). The key is percent-decoded and split at `.`; a leading Pip
//     section name (`connection(s)`, `credential(s)`, `options`) followed by more segments is a container, not a
//     name. Any other segment containing `password`, `passwd`, `passphrase`, `secret`, `token`, `authorization`,
//     `bearer`, `cookie`, `signature` or `jwt` (case-insensitively) makes the key secret, so
//     `credential.password.value` is. The last segment is also secret when one of its words (split at `_`, `-`,
//     space and lower-to-upper case changes, trailing digits dropped) is `key`, `pass`, `pwd`, `auth`, `sig`,
//     `sas`, `credential` or `credentials`, or when it ends, digits dropped, with `key`, `pass`, `pwd` or
//     `auth`. Except `discovery_key` and `store_key` (names of entries, not secrets). So `pass1`, `pwd2`,
//     `apikey2`, `accessKey`, `api_key_id`, `key1`, `oauth` are masked; `keyspace`, `passenger`, `access_id`,
//     `connections.key1.host` are not. When in doubt the rule masks (`authSource` is masked).
//   - in any value read as a URI (split_uri): the whole user-info; a port that is not a number when there is a
//     scheme (`http://admin:S3CRET` has no `@`, so the password reads as a port); the value of every query or
//     fragment parameter (`?`, `&`, `#`) with a secret name; a parameter value that is itself a URI with
//     user-info or such parameters (`?next=amqp://u:pw@h`), masked the same way two nesting levels deep, and
//     whole (`***`) when it is percent-encoded or nested deeper;
//   - a `port` value that is not a list of numbers, and every such port in a `servers` value (`host:port,...`):
//     parse_uri puts a password there when a URI lacks its `@` (`http://admin:S3CRET`);
//   - inside a value that is itself a connection string (it contains `;` or starts with `name=`, as in the
//     MemoryDiscovery format `key1=host=h;password=p`): its entries, by the same rules, one level deep; the text
//     is then masked as a URI as well (both readings).
// A value containing `@` is taken as a URI even without `scheme://` (`user:pass@host` is one for parse_uri), so
// an e-mail address shows as `***@example.com`.

export namespace pip::auth {

/// What a masked value is replaced with.
inline constexpr std::string_view masked_value = "***";

/// The parts of `scheme://user-info@servers/path?query`, as views into the text given to split_uri; a part that
/// is not there is an empty optional (`servers` may be empty).
struct UriParts {
    std::optional<std::string_view> scheme;
    std::optional<std::string_view> user_info;
    std::string_view servers;
    std::optional<std::string_view> path;
    std::optional<std::string_view> query;
};

/// Splits `uri`, trimmed of ASCII white space. A separator counts only past position 0 of the text it is looked
/// for in. The scheme is the text before the first `://` that comes before the first `?`. The user-info ends at
/// the last `@` after the scheme that comes before the query's values (the first `=` after the first `?`), so a
/// raw `@`, `?`, `/`, `#` or `:` in a password stays in the user-info (`amqp://u:pw?x@h`, `?x@h?password=pw`),
/// while a URI in a query value stays in the query (`http://h/cb?next=amqp://u:pw@h2`). The query starts at
/// the first `?` after the user-info, the path at the first `/` before the query; the servers are what is left.
/// Never throws; any text gives parts.
[[nodiscard]] UriParts split_uri(std::string_view uri) noexcept;

/// One server of a `servers` list: `host:port` split at the first `:` past position 0 (`port` empty optional
/// when there is none).
struct ServerParts {
    std::string_view host;
    std::optional<std::string_view> port;
};
[[nodiscard]] ServerParts split_server(std::string_view server) noexcept;

/// `text` with valid `%XX` escapes decoded; anything else (an invalid escape, `+`) is kept as written.
[[nodiscard]] std::string percent_decode(std::string_view text);

/// Whether the value of `key` is a secret (see the module comment for the rule).
[[nodiscard]] bool is_secret_key(std::string_view key);

/// `value` with URI user-info, non-numeric ports and secret parameters masked; unchanged when it holds none.
[[nodiscard]] std::string mask_uri_secrets(std::string_view value);

/// A copy of `config` in which every secret is masked; keys and order are kept.
[[nodiscard]] config::ConfigParams mask_secrets(const config::ConfigParams& config);

/// `mask_secrets(config).to_string()`: the text form of a configuration that is safe to log.
[[nodiscard]] std::string to_safe_string(const config::ConfigParams& config);

}  // namespace pip::auth
