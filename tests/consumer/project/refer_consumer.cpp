// Registers and finds a component through an installed pip::refer; exits 0 only when every answer is right.
#include <iostream>
#include <memory>
#include <string>
import pip.refer;

using namespace pip::refer;  // `_descriptor` included

namespace {

struct Greeter {
    virtual ~Greeter() = default;
    [[nodiscard]] virtual std::string greet() const = 0;
};
struct EnglishGreeter final : Greeter {
    [[nodiscard]] std::string greet() const override { return "hello"; }
};

int failures = 0;
void check(bool passed, const char* what) {
    if (passed) return;
    std::cerr << "consumer check failed: " << what << '\n';
    ++failures;
}

}  // namespace

int main() {
    References references;
    references.put("pip-consumer:greeter:english:default:1.0"_descriptor, std::make_shared<EnglishGreeter>());

    const auto greeter = references.get_one_optional<Greeter>(Descriptor("pip-consumer", "greeter", "*", "*", "*"));
    bool missing_throws = false;
    try {
        (void)references.get_one_required<Greeter>("no such component");
    } catch (const ReferenceException& error) {
        const pip::errors::ApplicationException& base = error;  // pip.errors comes with pip.refer
        missing_throws = base.code() == "REF_ERROR";
    }
    const auto options = pip::config::ConfigParams::from_string("options.greeting=hello");  // and pip.config

    check(greeter && greeter->greet() == "hello", "lookup by a wildcard descriptor");
    check(missing_throws, "a missing required component throws ReferenceException");
    check(options.get_section("options").get_as_string("greeting") == "hello", "ConfigParams");
    return failures == 0 ? 0 : 1;
}
