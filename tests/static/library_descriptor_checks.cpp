// The library's own descriptors are `_descriptor` literals: constexpr, so they are checked here by compiling.
import pip.refer;
import pip.connect;

using namespace pip::refer;

namespace {

constexpr auto memory_discovery = pip::connect::DefaultDiscoveryFactory::memory_discovery_descriptor();

static_assert(memory_discovery.match("*:discovery:*:*:*"_descriptor));  // what ConnectionResolver looks up
static_assert(!memory_discovery.match("*:credential-store:*:*:*"_descriptor));
static_assert(memory_discovery.exact_match("pip-services:discovery:memory:*:1.0"_descriptor));
static_assert(!memory_discovery.is_complete());
static_assert(memory_discovery.hashed);  // its field hashes were computed by the compiler

}  // namespace
