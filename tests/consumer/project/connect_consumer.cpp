// Registers and resolves a connection through an installed pip::connect; exits 0 only when it is found.
#include <string>
import pip.connect;

int main() {
    pip::connect::MemoryDiscovery discovery;
    discovery.register_connection("", "db", pip::connect::ConnectionParams::from_string("host=localhost;port=5432"));

    const auto connection = discovery.resolve_one("", "db");
    return connection && connection->get_host().value_or("") == "localhost" ? 0 : 1;
}
