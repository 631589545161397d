// Configures an EtcdDiscovery from an installed pip::connect_etcd (no etcd server is contacted).
import pip.connect.etcd;

int main() {
    pip::connect::EtcdDiscovery discovery(pip::config::ConfigParams::from_string("connection.uri=http://localhost:2379"));
    return 0;
}
