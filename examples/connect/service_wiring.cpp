// Wiring a service with pip.connect.
//
// A MemoryDiscovery is configured from a config string and registered in References. The orders repository
// names only a discovery key; its ConnectionResolver finds the discovery in the references and resolves the
// address. A CompositeConnectionResolver then builds the client options: the discovered connection, the
// credential (kept in a credential store under a store key) and the component's options. Everything printed
// uses the log-safe forms, so the password never reaches the output.
#include <iostream>
#include <memory>
#include <string>
#include <vector>
import pip.connect;

using namespace pip::connect;
using pip::auth::MemoryCredentialStore;
using pip::config::ConfigParams;
using pip::refer::Descriptor;
using pip::refer::References;

class OrdersRepository final : public pip::config::IConfigurable, public pip::refer::IReferenceable {
public:
    void configure(const ConfigParams& config) override {
        connection_resolver_.configure(config);
        options_resolver_.configure(config);
    }
    void set_references(pip::refer::IReferences& references) override {
        connection_resolver_.set_references(references);
        options_resolver_.set_references(references);
    }

    void open() const {
        if (const auto connection = connection_resolver_.resolve("open"))
            std::cout << "resolved connection: " << connection->to_safe_string() << '\n';
        const auto options = options_resolver_.resolve("open");
        std::cout << "client options:      " << pip::auth::to_safe_string(options) << '\n';
        std::cout << "client uri:          "
                  << pip::auth::mask_uri_secrets(ConnectionUtils::compose_uri(options, "postgres", 5432)) << '\n';
    }

private:
    ConnectionResolver connection_resolver_;
    CompositeConnectionResolver options_resolver_{
        ConnectionRules{.cluster_supported = false,
                        .default_protocol = "postgres",
                        .default_port = 5432,
                        .supported_protocols = std::vector<std::string>{"postgres"}}};
};

int main() {
    // The discovery: both configuration formats, a section and a connection string.
    auto discovery = std::make_shared<MemoryDiscovery>(ConfigParams::from_tuples(
        "orders-db.host", "10.0.0.5", "orders-db.port", "5433", "billing-db", "host=10.0.0.6;port=5432"));
    auto credentials = std::make_shared<MemoryCredentialStore>(
        ConfigParams::from_string("orders-admin.username=orders;orders-admin.password=S3cr3t!"));

    auto references = References::from_tuples(
        DefaultDiscoveryFactory::memory_discovery_descriptor(), discovery,
        Descriptor("pip-services", "credential-store", "memory", "default", "1.0"), credentials);

    // The component knows only names: a discovery key, a credential store key and its own options.
    OrdersRepository repository;
    repository.configure(ConfigParams::from_string(
        "connection.discovery_key=orders-db;connection.database=orders;"
        "credential.store_key=orders-admin;options.pool_size=8;options.host=ignored"));
    repository.set_references(references);

    try {
        repository.open();
    } catch (const pip::errors::ApplicationException& e) {
        std::cerr << "cannot open: " << e.code() << ": " << e.what() << '\n';  // messages never hold secrets
        return 1;
    }
}
