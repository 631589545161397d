// pip.connect: connection parameters, discovery and the resolvers that combine them. Re-exports pip.auth,
// pip.build and pip.refer (and through them pip.config and pip.errors), so `import pip.connect;` is enough.
export module pip.connect;
export import pip.refer;
export import pip.auth;
export import pip.build;
export import :connection_params;
export import :connection_utils;
export import :discovery;
export import :memory_discovery;
export import :connection_resolver;
export import :composite_connection_resolver;
export import :default_discovery_factory;
