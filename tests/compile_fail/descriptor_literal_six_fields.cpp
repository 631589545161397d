// Must not compile: a `_descriptor` literal with a sixth field is malformed too.
import pip.refer;

using namespace pip::refer;

int main() {
    constexpr auto logger = "pip-services:logger:console:default:1.0:extra"_descriptor;
    return logger.is_complete() ? 0 : 1;
}
