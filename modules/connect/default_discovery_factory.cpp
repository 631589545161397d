module pip.connect;

namespace pip::connect {

DefaultDiscoveryFactory::DefaultDiscoveryFactory() { register_as_type<MemoryDiscovery>(memory_discovery_descriptor()); }

}  // namespace pip::connect
