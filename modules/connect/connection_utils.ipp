// pip.connect:connection_utils: ConnectionUtils, helpers between connection options and URIs.
//
// URI form: `protocol://username:password@host1:port1,host2:port2/path?param1=abc&param2&...`.
// Choices (decisions.md, and where the originals are silent):
//   - the default protocol is a std::string_view, empty for none (no `protocol` key, no `://`); the default
//     port an int, 0 for none (parse_uri adds no port to a server without one; compose_uri writes none);
//   - parse_uri: a query parameter without `=` is a key with no value; an empty parameter (`a=1&&b=2`) or one
//     whose name is empty is skipped; `%XX` escapes are decoded in the query, an invalid escape is kept as
//     written and `+` stays `+`; the `path` part is split off (v4 rule); empty servers (`h1,,h2`) are skipped;
//     when a server has no port and there is no default port, the `port` list keeps an empty entry so that it
//     stays aligned with `host` (`h1,h2:2` -> port `,2`);
//   - parse_uri splits the text with pip::auth::split_uri, the rule the secret masking and every message that
//     shows an endpoint use too (see there): the user-info ends at the last `@` before the query's values, so a
//     raw `@`, `?`, `/` or `:` in a password parses (Node takes the first `@`) and never lands in a host, port or
//     path; a URI in a query value stays there. The user-info is split at its first `:`, also at position 0
//     (`:pw@h` is user "" and password "pw", never a user name holding the password). A fragment (`#`) is not
//     special;
//   - parse_uri never throws: any text gives a documented result (`:` is a host `:`, `@` a host `@`, `?&=` a
//     host `?&=` because a `?`, `://`, `@`, `/` or `:` only counts past position 0); NUL and other bytes are kept;
//   - compose_uri escapes query keys and values with the RFC 3986 unreserved set (`A-Z a-z 0-9 - . _ ~` kept,
//     everything else `%XX`); user-info, hosts, ports and path are written as stored; an empty `protocol` counts
//     as missing, so the default protocol applies (as in the originals).

namespace pip::connect::detail {

template <class... Keys>
std::array<std::string_view, sizeof...(Keys)> key_list(const Keys&... keys) {
    return {std::string_view(keys)...};
}

}  // namespace pip::connect::detail

export namespace pip::connect {

/// A key name given as a trailing argument: anything that converts to std::string_view.
template <class T>
concept KeyName = std::convertible_to<const T&, std::string_view>;

struct ConnectionUtils {
    /// A copy of `options1` to which each key of `options2` is added: when both have a non-empty value and the
    /// key is one of `keys` (or `keys` is empty) the values are joined as `v1,v2`, otherwise `options1` wins;
    /// a key only `options2` has is added when its value is not empty.
    template <KeyName... Keys>
    [[nodiscard]] static config::ConfigParams concat(const config::ConfigParams& options1,
                                                     const config::ConfigParams& options2, const Keys&... keys) {
        const auto list = detail::key_list(keys...);
        return concat_keys(options1, options2, list);
    }
    /// Only `keys` of `options`, in the order of `options`; no keys: a copy of `options`.
    template <KeyName... Keys>
    [[nodiscard]] static config::ConfigParams include(const config::ConfigParams& options, const Keys&... keys) {
        const auto list = detail::key_list(keys...);
        return include_keys(options, list);
    }
    /// `options` without `keys`; no keys: a copy of `options`.
    template <KeyName... Keys>
    [[nodiscard]] static config::ConfigParams exclude(const config::ConfigParams& options, const Keys&... keys) {
        const auto list = detail::key_list(keys...);
        return exclude_keys(options, list);
    }
    /// A copy with the value of `from_name` moved to `to_name`; unchanged when `from_name` has no value or
    /// `to_name` already has one.
    [[nodiscard]] static config::ConfigParams rename(const config::ConfigParams& options, std::string_view from_name,
                                                     std::string_view to_name);

    /// The options of `uri`, in the order: query parameters, protocol, username, password, path, servers, host,
    /// port. Empty text gives empty options. Never throws (see the module comment).
    [[nodiscard]] static config::ConfigParams parse_uri(std::string_view uri, std::string_view default_protocol,
                                                        int default_port);
    /// The URI of `options`; a missing host is written `???`. Keys other than protocol, host, port, username,
    /// password, servers and path become query parameters.
    [[nodiscard]] static std::string compose_uri(const config::ConfigParams& options, std::string_view default_protocol,
                                                 int default_port);

    /// `text` with every byte outside the RFC 3986 unreserved set written as `%XX`.
    [[nodiscard]] static std::string escape(std::string_view text);
    /// `text` with valid `%XX` escapes decoded; anything else is kept as written.
    [[nodiscard]] static std::string unescape(std::string_view text);

private:
    static config::ConfigParams concat_keys(const config::ConfigParams& options1, const config::ConfigParams& options2,
                                            std::span<const std::string_view> keys);
    static config::ConfigParams include_keys(const config::ConfigParams& options,
                                             std::span<const std::string_view> keys);
    static config::ConfigParams exclude_keys(const config::ConfigParams& options,
                                             std::span<const std::string_view> keys);
};

}  // namespace pip::connect
