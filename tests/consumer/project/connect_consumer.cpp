// Through an installed pip::connect, imports pip.refer before pip.connect (both by name) and resolves a
// registered connection; exits 0 only when it is found.
#include <memory>
#include <string>
import pip.refer;
import pip.connect;

using namespace pip::refer::literals;

int main() {
    pip::refer::References references;
    references.put("pip-consumer:discovery:memory:default:1.0"_descriptor,
                   std::make_shared<pip::connect::MemoryDiscovery>());
    const auto discovery = references.get_one_required<pip::connect::IDiscovery>("*:discovery:*:*:1.0"_descriptor);
    discovery->register_connection("", "db", pip::connect::ConnectionParams::from_string("host=localhost;port=5432"));

    const auto connection = discovery->resolve_one("", "db");
    return connection && connection->get_host().value_or("") == "localhost" ? 0 : 1;
}
