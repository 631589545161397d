// Your first service: the walkthrough of the README, built and run by the main job and the test suite.
//
// Three components, each with a compile-time checked descriptor:
//   ConsoleLogger      the logger every other component writes to;
//   OrdersRepository   resolves its database connection through a discovery and its password through a
//                      credential store, and logs the connection with to_safe_string() (no password printed);
//   OrdersController   depends on "a logger" and "a repository", named in its configuration.
// The lifecycle is Pip's: configure every component, set_references, use, unset_references.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
import pip;

using namespace pip::refer::literals;
using pip::config::ConfigParams;
using pip::config::IConfigurable;
using pip::refer::DependencyResolver;
using pip::refer::IReferenceable;
using pip::refer::IReferences;
using pip::refer::IUnreferenceable;

struct ILogger {
    virtual ~ILogger() = default;
    virtual void info(std::string_view component, std::string_view message) = 0;
};

struct IOrdersRepository {
    virtual ~IOrdersRepository() = default;
    [[nodiscard]] virtual std::vector<std::string> open_orders() const = 0;
};

class ConsoleLogger final : public ILogger, public IConfigurable {
public:
    static constexpr auto descriptor = "acme:logger:console:default:1.0"_descriptor;
    static_assert(descriptor.is_complete());

    void configure(const ConfigParams& config) override { prefix_ = config.get_as_string_with_default("prefix", ">"); }
    void info(std::string_view component, std::string_view message) override {
        std::cout << prefix_ << ' ' << component << ": " << message << '\n';
    }

private:
    std::string prefix_ = ">";
};

class OrdersRepository final : public IOrdersRepository,
                               public IConfigurable,
                               public IReferenceable,
                               public IUnreferenceable {
public:
    static constexpr auto descriptor = "acme:repository:postgres:orders:1.0"_descriptor;
    static_assert(descriptor.is_complete());

    void configure(const ConfigParams& config) override {
        connections_.configure(config);
        credentials_.configure(config);
        dependencies_.configure(config);
    }
    void set_references(IReferences& references) override {
        connections_.set_references(references);
        credentials_.set_references(references);
        dependencies_.set_references(references);
        logger_ = dependencies_.get_one_required<ILogger>("logger");

        // Resolved through the discovery and the credential store; logged without secrets.
        connection_ = connections_.resolve("wiring").value_or(pip::connect::ConnectionParams{});
        const auto credential = credentials_.lookup("wiring");
        logger_->info("orders-repository", "connecting to " + connection_.to_safe_string());
        if (credential) logger_->info("orders-repository", "as " + credential->to_safe_string());
        connected_ = credential.has_value() && credential->get_password().has_value();
    }
    void unset_references() override {
        logger_->info("orders-repository", "disconnected");
        logger_.reset();
        connected_ = false;
    }

    [[nodiscard]] std::vector<std::string> open_orders() const override {
        if (!connected_) return {};
        return {"order-1 from " + connection_.get_host().value_or("?"), "order-2"};
    }

private:
    pip::connect::ConnectionResolver connections_;
    pip::auth::CredentialResolver credentials_;
    DependencyResolver dependencies_{ConfigParams::from_tuples("dependencies.logger", "*:logger:*:*:1.0")};
    std::shared_ptr<ILogger> logger_;
    pip::connect::ConnectionParams connection_;
    bool connected_ = false;
};

class OrdersController final : public IConfigurable, public IReferenceable, public IUnreferenceable {
public:
    static constexpr auto descriptor = "acme:controller:default:orders:1.0"_descriptor;
    static_assert(descriptor.is_complete());
    // The default says "any repository"; the configuration narrows it to the postgres one.
    static_assert("acme:repository:*:*:1.0"_descriptor.match(OrdersRepository::descriptor));

    void configure(const ConfigParams& config) override { dependencies_.configure(config); }
    void set_references(IReferences& references) override {
        dependencies_.set_references(references);
        logger_ = dependencies_.get_one_required<ILogger>("logger");
        repository_ = dependencies_.get_one_required<IOrdersRepository>("repository");
    }
    void unset_references() override {
        repository_.reset();
        logger_.reset();
    }

    [[nodiscard]] std::size_t report() const {
        const auto orders = repository_->open_orders();
        for (const auto& order : orders) logger_->info("orders-controller", order);
        return orders.size();
    }

private:
    DependencyResolver dependencies_{ConfigParams::from_tuples("dependencies.logger", "*:logger:*:*:1.0",
                                                               "dependencies.repository", "acme:repository:*:*:1.0")};
    std::shared_ptr<ILogger> logger_;
    std::shared_ptr<IOrdersRepository> repository_;
};

int main() {
    // What a deployment would write in its config file: one section per component.
    const auto config = ConfigParams::from_string(
        "logger.prefix=[orders];"
        "repository.connection.discovery_key=orders-db;repository.connection.database=orders;"
        "repository.credential.store_key=orders-admin;"
        "controller.dependencies.repository=acme:repository:postgres:*:1.0");

    auto logger = std::make_shared<ConsoleLogger>();
    auto repository = std::make_shared<OrdersRepository>();
    auto controller = std::make_shared<OrdersController>();
    auto discovery = std::make_shared<pip::connect::MemoryDiscovery>(
        ConfigParams::from_string("orders-db.host=db.internal;orders-db.port=5432"));
    auto credentials = std::make_shared<pip::auth::MemoryCredentialStore>(
        ConfigParams::from_string("orders-admin.username=orders;orders-admin.password=S3cr3t!"));

    auto references = pip::refer::References::from_tuples(
        ConsoleLogger::descriptor, logger,
        OrdersRepository::descriptor, repository,
        OrdersController::descriptor, controller,
        "acme:discovery:memory:default:1.0"_descriptor, discovery,
        "acme:credential-store:memory:default:1.0"_descriptor, credentials);

    try {
        logger->configure(config.get_section("logger"));
        repository->configure(config.get_section("repository"));
        controller->configure(config.get_section("controller"));

        pip::refer::Referencer::set_references(references);  // every IReferenceable, oldest first
        const auto reported = controller->report();
        pip::refer::Referencer::unset_references(references);
        return reported == 2 ? EXIT_SUCCESS : EXIT_FAILURE;
    } catch (const pip::errors::ApplicationException& e) {
        std::cerr << "wiring failed: " << e.code() << ": " << e.what() << '\n';  // messages never hold secrets
        return EXIT_FAILURE;
    }
}
