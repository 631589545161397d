module pip.connect.etcd;
import pip.build;

namespace pip::connect {

void register_etcd_discovery(build::Factory& factory) {
    factory.register_as_type<EtcdDiscovery>(EtcdDiscoveryFactory::etcd_discovery_descriptor());
}

}  // namespace pip::connect
