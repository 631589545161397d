// pip.connect:connection_params: ConnectionParams, how to reach one service.
//
// Keys: `discovery_key`, `protocol`, `host` (fallback `ip`), `port`, `uri`; any other key is allowed.
// Getters return an empty optional when the key is missing or has no value. A port is valid when its text reads
// as an integer (Pip's rule, so "3.5" reads 3) from 0 to 65535; anything else reads as missing.
// Secrets: `to_string()` round-trips and prints everything; `to_safe_string()` masks passwords, keys and URI
// user-info for logs.

export namespace pip::connect {

/// The largest TCP/UDP port number.
inline constexpr int max_port = 65535;

class ConnectionParams : public config::ConfigParams {
public:
    ConnectionParams() = default;
    ConnectionParams(std::initializer_list<value_type> entries) : ConfigParams(entries) {}
    explicit ConnectionParams(const config::ConfigParams& values) : ConfigParams(values) {}

    [[nodiscard]] static ConnectionParams from_string(std::string_view text) {
        return ConnectionParams(ConfigParams::from_string(text));
    }
    template <config::ConfigValue... Args>
    [[nodiscard]] static ConnectionParams from_tuples(const Args&... args) {
        return ConnectionParams(ConfigParams::from_tuples(args...));
    }
    /// Each `connections.<name>.*` section in order (a flat `connections.x=1` gives an empty entry for `x`);
    /// else the `connection.*` section when it is not empty; else nothing.
    [[nodiscard]] static std::vector<ConnectionParams> many_from_config(const config::ConfigParams& config);
    /// The first of many_from_config, or empty.
    [[nodiscard]] static std::optional<ConnectionParams> from_config(const config::ConfigParams& config);

    /// True when `discovery_key` has a non-empty value: the connection is looked up in a discovery service.
    [[nodiscard]] bool use_discovery() const;
    [[nodiscard]] std::optional<std::string> get_discovery_key() const { return get("discovery_key"); }
    void set_discovery_key(std::optional<std::string> value) { put("discovery_key", std::move(value)); }

    [[nodiscard]] std::optional<std::string> get_protocol() const { return get("protocol"); }
    /// The protocol, or `default_value` when it is missing, has no value or is empty (Node's `||`).
    [[nodiscard]] std::string get_protocol_with_default(std::string_view default_value) const;
    void set_protocol(std::optional<std::string> value) { put("protocol", std::move(value)); }

    /// `host` when it is set and not empty, else `ip` as stored.
    [[nodiscard]] std::optional<std::string> get_host() const;
    void set_host(std::optional<std::string> value) { put("host", std::move(value)); }

    /// The port, or 0 when it is missing or not a valid port.
    [[nodiscard]] int get_port() const { return get_port_with_default(0); }
    /// The port, or `default_value` when it is missing or not a valid port.
    [[nodiscard]] int get_port_with_default(int default_value) const;
    /// True when `port` holds non-empty text that is not a valid port (not a number, or outside 0..65535).
    [[nodiscard]] bool has_invalid_port() const;
    /// Throws std::invalid_argument for a value outside 0..65535.
    void set_port(int port);

    [[nodiscard]] std::optional<std::string> get_uri() const { return get("uri"); }
    void set_uri(std::optional<std::string> value) { put("uri", std::move(value)); }

    /// The text form for logs: like to_string(), with passwords, access keys and URI user-info as `***`.
    [[nodiscard]] std::string to_safe_string() const { return auth::to_safe_string(*this); }
};

}  // namespace pip::connect
