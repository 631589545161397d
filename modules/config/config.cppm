// pip.config: ConfigParams and the configuration interfaces. Re-exports pip.errors, whose exceptions it throws.
export module pip.config;
import pip.detail.std;  // the standard library, parsed once per build
export import pip.errors;

#include "config_params.ipp"
#include "configurable.ipp"
#include "resolvers.ipp"
