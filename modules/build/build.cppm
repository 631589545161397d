// pip.build: factories that create components from locators. Re-exports pip.refer, whose locators and
// components its signatures use.
export module pip.build;
import pip.detail.std;  // the standard library, parsed once per build
export import pip.refer;

#include "create_exception.ipp"
#include "ifactory.ipp"
#include "factory.ipp"
