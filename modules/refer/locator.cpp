module;
#include "pip_std.hpp"
#include <cxxabi.h>
module pip.refer;

namespace pip::refer {

bool AnyLocator::matches(const AnyLocator& query) const {
    if (value_.index() != query.value_.index()) return false;
    return std::visit(
        [&](const auto& stored) -> bool {
            using Stored = std::decay_t<decltype(stored)>;
            const auto& wanted = std::get<Stored>(query.value_);
            if constexpr (std::same_as<Stored, Descriptor>)
                return stored.match(wanted);
            else if constexpr (std::same_as<Stored, std::shared_ptr<const Custom>>)
                return stored->type() == wanted->type() && stored->matches(*wanted);
            else
                return stored == wanted;
        },
        value_);
}

std::string AnyLocator::to_string() const {
    return std::visit(
        [](const auto& stored) -> std::string {
            using Stored = std::decay_t<decltype(stored)>;
            if constexpr (std::same_as<Stored, Descriptor>)
                return stored.to_string();
            else if constexpr (std::same_as<Stored, std::string>)
                return stored;
            else if constexpr (std::same_as<Stored, IntegerKey>)
                return (stored.negative ? "-" : "") + std::to_string(stored.magnitude);
            else
                return stored->to_string();
        },
        value_);
}

std::optional<std::type_index> AnyLocator::custom_type() const {
    const auto* custom = std::get_if<std::shared_ptr<const Custom>>(&value_);
    return custom ? std::optional<std::type_index>((*custom)->type()) : std::nullopt;
}

namespace detail {

std::string type_name(const std::type_info& type) {
    int status = 0;
    const std::unique_ptr<char, void (*)(void*)> demangled(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status),
                                                           std::free);
    return status == 0 && demangled ? demangled.get() : type.name();
}

}  // namespace detail
}  // namespace pip::refer
