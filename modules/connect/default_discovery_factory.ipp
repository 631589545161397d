// pip.connect:default_discovery_factory: DefaultDiscoveryFactory, the factory of the built-in discoveries.

export namespace pip::connect {

/// Creates MemoryDiscovery for `pip-services:discovery:memory:*:1.0`.
class DefaultDiscoveryFactory : public build::Factory {
public:
    /// The descriptor of this factory.
    static refer::Descriptor descriptor() { return {"pip-services", "factory", "discovery", "default", "1.0"}; }
    /// The locator MemoryDiscovery is registered under.
    static constexpr refer::DescriptorView memory_discovery_descriptor() {
        return refer::literals::operator""_descriptor<"pip-services:discovery:memory:*:1.0">();
    }

    DefaultDiscoveryFactory();
};

}  // namespace pip::connect
