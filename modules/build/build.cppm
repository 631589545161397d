// pip.build: factories that create components from locators. Re-exports pip.refer, whose locators and
// components its signatures use.
export module pip.build;
export import pip.refer;
export import :create_exception;
export import :ifactory;
export import :factory;
