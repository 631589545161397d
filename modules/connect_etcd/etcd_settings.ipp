// pip.connect.etcd:etcd_settings (internal partition): EtcdDiscovery's configuration, read and checked once.
//
// Endpoints come from `connections.<name>.*` or `connection.*` (ConnectionParams::many_from_config): `uri`
// `http://host:port`, or `host` (or `ip`) and `port` (etcd's client port 2379 when left out), with `protocol`
// `http` when given. User-info in a URI is dropped: this discovery does not use etcd authentication.

namespace pip::connect::etcd_detail {

struct EtcdSettings {
    std::vector<std::string> endpoints;  // base URLs, `http://host:port`
    std::string prefix = "pip/discovery";
    std::chrono::seconds ttl{10};
    std::chrono::milliseconds timeout{2000};
    bool cache = true;

    /// Throws ConfigException: `NO_CONNECTION` without endpoints, `UNSUPPORTED_PROTOCOL`, `NO_HOST`,
    /// `INVALID_OPTION` (a prefix that is empty, a ttl or timeout that is not a positive integer, a cache flag
    /// that is not a boolean).
    [[nodiscard]] static EtcdSettings from_config(const config::ConfigParams& config);
};

}  // namespace pip::connect::etcd_detail
