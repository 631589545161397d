module;
#include "pip_std.hpp"
#include <cxxabi.h>
module pip.refer;

namespace pip::refer {
namespace {

/// The ABI describes every class type with a `__class_type_info`; both casts below take that view of a type_info.
const abi::__class_type_info* class_info(const std::type_info& type) noexcept {
    return static_cast<const abi::__class_type_info*>(&type);
}

/// `object`, of class `from`, as its public unambiguous base `to` (what a derived-to-base conversion gives), or null.
const void* upcast(const void* object, const std::type_info& from, const std::type_info& to) noexcept {
    auto* adjusted = const_cast<void*>(object);
    return from.__do_upcast(class_info(to), &adjusted) ? adjusted : nullptr;
}

/// dynamic_cast's run-time part: `object`, of polymorphic class `from`, down- or cross-cast to `to` within its
/// complete object (public, unambiguous), or null. -1: no static hint of how the two types relate.
const void* cast_within_object(const void* object, const std::type_info& from, const std::type_info& to) noexcept {
    return abi::__dynamic_cast(object, class_info(from), class_info(to), -1);
}

}  // namespace

AnyComponent::~AnyComponent() {
    for (auto* node = casts_.load(std::memory_order_acquire); node != nullptr;) delete std::exchange(node, node->next);
}

std::optional<std::ptrdiff_t> AnyComponent::cast_offset(const std::type_info& target, bool target_is_class) const {
    if (target == *traits_->type) return 0;
    if (!target_is_class || traits_->reach == CastReach::exact) return std::nullopt;
    auto* head = casts_.load(std::memory_order_acquire);
    for (auto* node = head; node != nullptr; node = node->next)
        if (node->target == &target) return node->offset;

    const auto offset = computed_cast_offset(target);
    // Racing threads may both add a node for the same target: harmless, both hold the same offset.
    auto* node = new CastNode{&target, offset, head};
    while (!casts_.compare_exchange_weak(node->next, node, std::memory_order_acq_rel, std::memory_order_acquire)) {
    }
    return offset;
}

std::optional<std::ptrdiff_t> AnyComponent::computed_cast_offset(const std::type_info& target) const {
    const void* object = object_.get();
    const void* found = upcast(object, *traits_->type, target);
    if (found == nullptr && traits_->reach == CastReach::dynamic) found = cast_within_object(object, *traits_->type, target);
    if (found == nullptr) return std::nullopt;
    return static_cast<const char*>(found) - static_cast<const char*>(object);
}

}  // namespace pip::refer
