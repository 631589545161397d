// The README's usage example, built so that it stays true.
#include <iostream>
#include <memory>
#include <string_view>
import pip.refer;

using namespace pip::refer;

struct ILogger {
    virtual ~ILogger() = default;
    virtual void log(std::string_view message) = 0;
};
struct ConsoleLogger final : ILogger {
    void log(std::string_view message) override { std::cout << message << '\n'; }
};

int main() {
    References references;
    // Checked at compile time: a literal without exactly five fields does not compile.
    references.put("pip-services:logger:console:default:1.0"_descriptor, std::make_shared<ConsoleLogger>());

    // Found through its base class, by pattern, newest first.
    auto logger = references.get_one_required<ILogger>("*:logger:*:*:1.0"_descriptor);
    logger->log("wired");

    // Named dependencies re-targeted by configuration.
    DependencyResolver dependencies(
        pip::config::ConfigParams::from_tuples("dependencies.logger", "*:logger:console:*:1.0"), references);
    dependencies.get_one_required<ILogger>("logger")->log("resolved");
}
