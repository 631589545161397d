// Must not compile: a lookup without a component type returns the component untyped, so using it as an object
// fails, with a static_assert that names the fix rather than an error about `void`.
#include <memory>
#include <string>
import pip.refer;

struct ILogger {
    virtual ~ILogger() = default;
    virtual void log(const std::string& message) = 0;
};

int main() {
    const pip::refer::References references;
    references.get_one_required("logger")->log("started");  // get_one_required<ILogger> was meant
    return 0;
}
