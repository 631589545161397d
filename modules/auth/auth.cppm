// pip.auth: credentials, credential stores and the resolver that finds them. Re-exports pip.refer (and through it
// pip.config and pip.errors), whose types its signatures use.
export module pip.auth;
export import pip.refer;
export import :secret_masking;
export import :credential_params;
export import :credential_store;
export import :memory_credential_store;
export import :credential_resolver;
