// Must not compile: a `_descriptor` literal is checked at compile time and needs five fields.
import pip.refer;

using namespace pip::refer;

int main() {
    constexpr auto logger = "pip-services:logger:console:default"_descriptor;
    return logger.is_complete() ? 0 : 1;
}
