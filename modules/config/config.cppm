// pip.config: ConfigParams and the configuration interfaces. Re-exports pip.errors, whose exceptions it throws.
module;
#include "pip_std.hpp"
export module pip.config;
export import pip.errors;

#include "config_params.ipp"
#include "configurable.ipp"
#include "resolvers.ipp"
