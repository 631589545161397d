// pip.config: ConfigParams and the configuration interfaces. Re-exports pip.errors, whose exceptions it throws.
export module pip.config;
export import pip.errors;
export import :config_params;
export import :configurable;
export import :resolvers;
