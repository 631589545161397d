// Must compile: the same shapes as the must-not-compile cases, written correctly. Proves that those cases fail
// for their own reason and not because an excluded target cannot import pip.refer.
#include <memory>
import pip.refer;

using namespace pip::refer;

struct ComparableKey {
    int id = 0;
    friend bool operator==(const ComparableKey&, const ComparableKey&) = default;
};

int main() {
    constexpr auto logger = "pip-services:logger:console:default:1.0"_descriptor;
    References references;
    references.put(ComparableKey{}, std::make_shared<int>(1));
    references.put(logger, std::make_shared<int>(2));
    return logger.is_complete() && references.get_one_optional<int>(ComparableKey{}) ? 0 : 1;
}
