// pip.refer: component references. Re-exports pip.errors and pip.config, which its signatures use.
module;
#include "pip_std.hpp"
// range-v3 is a usage requirement of pip::refer: References::query and the lookups are its pipelines.
#include <range/v3/algorithm/copy.hpp>
#include <range/v3/algorithm/find_if.hpp>
#include <range/v3/range/access.hpp>
#include <range/v3/range/concepts.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/interface.hpp>
#include <range/v3/view/reverse.hpp>
#include <range/v3/view/set_algorithm.hpp>
#include <range/v3/view/subrange.hpp>
#include <range/v3/view/transform.hpp>
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
