// pip.auth: credentials, credential stores and the resolver that finds them. Re-exports pip.refer (and through it
// pip.config and pip.errors), whose types its signatures use.
export module pip.auth;
import pip.detail.std;  // the standard library, parsed once per build
export import pip.refer;

#include "secret_masking.ipp"
#include "credential_params.ipp"
#include "credential_store.ipp"
#include "memory_credential_store.ipp"
#include "credential_resolver.ipp"
