#include <string>
import pip.build;

bool build_works() {
    pip::build::Factory factory;
    factory.register_as_type<std::string>("text");
    return factory.can_create(pip::refer::AnyLocator("text")).has_value();
}
