// pip.connect: connection parameters, discovery and the resolvers that combine them. Re-exports pip.auth,
// pip.build and pip.refer (and through them pip.config and pip.errors), so `import pip.connect;` is enough.
export module pip.connect;
import pip.detail.std;  // the standard library, parsed once per build
export import pip.refer;
export import pip.auth;
export import pip.build;

#include "connection_params.ipp"
#include "connection_utils.ipp"
#include "discovery.ipp"
#include "memory_discovery.ipp"
#include "connection_resolver.ipp"
#include "composite_connection_resolver.ipp"
#include "default_discovery_factory.ipp"
