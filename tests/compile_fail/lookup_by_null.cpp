// Must not compile: null is not a Locator, so a lookup by nullptr is rejected rather than matching nothing.
#include <memory>
import pip.refer;

int main() {
    const pip::refer::References references;
    return references.get_one_optional<int>(nullptr) ? 1 : 0;
}
