// pip.refer: component references. Re-exports pip.errors and pip.config, which its signatures use.
module;
#include "pip_std.hpp"
export module pip.refer;
export import pip.errors;
export import pip.config;

#include "descriptor.ipp"
#include "locator.ipp"
#include "component.ipp"
#include "reference_exception.ipp"
#include "ireferences.ipp"
#include "references.ipp"
#include "referencer.ipp"
#include "dependency_resolver.ipp"
