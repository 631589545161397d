import pip.connect.etcd;

// A configuration without an etcd endpoint is refused before any server is contacted.
bool connect_etcd_works() {
    pip::connect::EtcdDiscovery discovery;
    try {
        discovery.configure(pip::config::ConfigParams::from_string("options.ttl=10"));
    } catch (const pip::errors::ConfigException&) {
        return true;
    }
    return false;
}
