module;
#include "pip_std.hpp"
module pip.refer;

namespace pip::refer {

void DependencyResolver::configure(const config::ConfigParams& config) {
    for (const auto& [name, value] : config.get_section("dependencies")) {
        if (!value) continue;
        try {
            if (auto descriptor = Descriptor::from_string(*value)) {
                put(name, *descriptor);
                continue;
            }
        } catch (const errors::ConfigException&) {
            // Not a descriptor: Pip keeps the raw text as the locator.
        }
        put(name, *value);
    }
}

const AnyLocator* DependencyResolver::get_locator(std::string_view name) const {
    const auto found = dependencies_.find(name);
    return found == dependencies_.end() ? nullptr : &found->second;
}

const IReferences& DependencyResolver::references() const {
    if (references_ == nullptr) throw std::logic_error("References shall be set");
    return *references_;
}

const AnyLocator* DependencyResolver::locate(std::string_view name) const {
    static_cast<void>(references());  // Pip checks the references first, even for optional lookups
    return get_locator(name);
}

const AnyLocator& DependencyResolver::required_locator(std::string_view name) const {
    if (const auto* locator = locate(name)) return *locator;
    throw ReferenceException({}, name);
}

}  // namespace pip::refer
