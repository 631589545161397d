// pip.refer: component references. Re-exports pip.errors and pip.config, which its signatures use.
export module pip.refer;
export import pip.errors;
export import pip.config;
export import :descriptor;
export import :locator;
export import :component;
export import :reference_exception;
export import :ireferences;
export import :references;
export import :referencer;
export import :dependency_resolver;
