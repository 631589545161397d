// pip.connect.etcd:etcd_discovery_factory: creating EtcdDiscovery by descriptor.

export namespace pip::connect {

/// Adds EtcdDiscovery under `pip-services:discovery:etcd:*:1.0` to any Factory (for example one that also
/// holds DefaultDiscoveryFactory's MemoryDiscovery).
void register_etcd_discovery(build::Factory& factory);

/// Creates EtcdDiscovery for `pip-services:discovery:etcd:*:1.0`.
class EtcdDiscoveryFactory : public build::Factory {
public:
    /// The descriptor of this factory.
    static refer::Descriptor descriptor() { return {"pip-services", "factory", "discovery", "etcd", "1.0"}; }
    /// The locator EtcdDiscovery is registered under.
    static constexpr refer::DescriptorView etcd_discovery_descriptor() {
        return refer::literals::operator""_descriptor<"pip-services:discovery:etcd:*:1.0">();
    }

    EtcdDiscoveryFactory() { register_etcd_discovery(*this); }
};

}  // namespace pip::connect
