// pip.connect.etcd:etcd_settings (internal partition): EtcdDiscovery's configuration, read and checked once.
//
// Endpoints come from `connections.<name>.*` or `connection.*` (ConnectionParams::many_from_config): `uri`
// `http://host:port`, or `host` (or `ip`) and `port` (etcd's client port 2379 when left out), with `protocol`
// `http` when given. A URI is split as ConnectionUtils::parse_uri splits it (user-info ends at the last `@`, so
// `http://u:pw/x@h:1` is host `h`); a `uri` may list several servers (`http://h1:1,h2:2`). User-info, in a URI
// or in a host, is dropped and never shown: this discovery does not use etcd authentication.

namespace pip::connect::etcd_detail {

struct EtcdSettings {
    std::vector<std::string> endpoints;  // base URLs, `http://host:port`
    std::string prefix = "pip/discovery";
    std::chrono::seconds ttl{10};
    std::chrono::milliseconds timeout{2000};
    std::chrono::milliseconds check_interval{1000};  // how often the watched cache checks that it is current
    std::size_t max_response_bytes = 4 << 20;        // the largest answer or watch message taken from etcd
    bool cache = true;

    /// Throws ConfigException: `NO_CONNECTION` without endpoints, `UNSUPPORTED_PROTOCOL`, `NO_HOST`,
    /// `INVALID_OPTION` (a prefix that is empty; a ttl, timeout, check interval or maximum response size that is
    /// not a positive integer; a cache flag that is not a boolean).
    [[nodiscard]] static EtcdSettings from_config(const config::ConfigParams& config);
};

}  // namespace pip::connect::etcd_detail
