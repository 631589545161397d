module;
#include "pip_std.hpp"
module pip.refer;

namespace pip::refer {

AnyComponent::~AnyComponent() {
    for (auto* node = casts_.load(std::memory_order_acquire); node != nullptr;) delete std::exchange(node, node->next);
}

std::optional<std::ptrdiff_t> AnyComponent::cast_offset(const std::type_info& target, Caster caster) const {
    if (target == *type_) return 0;
    auto* head = casts_.load(std::memory_order_acquire);
    for (auto* node = head; node != nullptr; node = node->next)
        if (node->target == &target) return node->offset;

    const void* object = object_.get();
    std::optional<std::ptrdiff_t> offset;
    if (const void* base = caster(object, throw_pointer_))
        offset = static_cast<const char*>(base) - static_cast<const char*>(object);
    // Racing threads may both add a node for the same target: harmless, both hold the same offset.
    auto* node = new CastNode{&target, offset, head};
    while (!casts_.compare_exchange_weak(node->next, node, std::memory_order_acq_rel, std::memory_order_acquire)) {
    }
    return offset;
}

}  // namespace pip::refer
