// Must not compile: a key without operator== cannot be a Locator, so References::put rejects it.
#include <memory>
import pip.refer;

struct NonComparableKey {
    int id = 0;
};

int main() {
    pip::refer::References references;
    references.put(NonComparableKey{}, std::make_shared<int>(1));
    return 0;
}
