module;
#include "pip_std.hpp"
#include <cxxabi.h>
module pip.refer;

namespace pip::refer {

bool AnyLocator::matches(const AnyLocator& query) const { return matches(LocatorView(query)); }

bool AnyLocator::matches(const LocatorView& query) const {
    switch (query.kind()) {
        case LocatorView::Kind::descriptor: {
            const auto* stored = descriptor();
            return stored != nullptr && stored->view().match(query.descriptor());
        }
        case LocatorView::Kind::string: {
            const auto* stored = string();
            return stored != nullptr && *stored == query.string();
        }
        case LocatorView::Kind::integer: {
            const auto* stored = integer();
            return stored != nullptr && *stored == query.integer();
        }
        case LocatorView::Kind::custom:
            return query.custom_.matched_by(*this, query.custom_.object);
    }
    return false;
}

void LocatorView::view_any(const AnyLocator& locator) noexcept {
    identity_ = locator.identity();
    if (const auto* descriptor = locator.descriptor()) {
        kind_ = Kind::descriptor;
        descriptor_ = descriptor->view();
        descriptor_hash_ = descriptor->hash();
    } else if (const auto* text = locator.string()) {
        kind_ = Kind::string;
        string_ = *text;
    } else if (const auto* integer = locator.integer()) {
        kind_ = Kind::integer;
        integer_ = *integer;
    } else {
        kind_ = Kind::custom;
        const auto& custom = *std::get<std::shared_ptr<const AnyLocator::Custom>>(locator.value_);
        custom_ = {&locator, &custom.type(),
                   [](const AnyLocator& stored, const void* object) {
                       const auto& query = *static_cast<const AnyLocator*>(object);
                       const auto* stored_custom = std::get_if<std::shared_ptr<const AnyLocator::Custom>>(&stored.value_);
                       const auto& query_custom = std::get<std::shared_ptr<const AnyLocator::Custom>>(query.value_);
                       return stored_custom != nullptr && (*stored_custom)->type() == query_custom->type() &&
                              (*stored_custom)->matches(*query_custom);
                   },
                   [](const void* object) { return *static_cast<const AnyLocator*>(object); }};
    }
}

AnyLocator LocatorView::to_any() const {
    switch (kind_) {
        case Kind::descriptor:
            return AnyLocator(Descriptor(descriptor_));
        case Kind::string:
            return AnyLocator(string_);
        case Kind::integer: {
            AnyLocator locator(0);
            locator.value_ = integer_;
            return locator;
        }
        case Kind::custom:
            return custom_.to_any(custom_.object);
    }
    return AnyLocator(Descriptor());
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
