// pip.build: factories that create components from locators. Re-exports pip.refer, whose locators and
// components its signatures use.
module;
#include "pip_std.hpp"
export module pip.build;
export import pip.refer;

#include "create_exception.ipp"
#include "ifactory.ipp"
#include "factory.ipp"
