module;
#include "pip_std.hpp"
module pip.refer;

namespace pip::refer {
namespace {

/// Where a cast lands depends only on the layout of the complete object: its most derived type, which of its
/// subobjects the component points at (the put type and its offset), and the target. Types are keyed by the
/// address of their type_info, not by name: same-named types of unnamed namespaces in two files are different
/// types with different layouts (a type with two type_info copies only costs a second computation).
struct CastKey {
    const std::type_info* most_derived;
    const std::type_info* put_type;
    std::ptrdiff_t subobject;
    const std::type_info* target;
    friend bool operator==(const CastKey&, const CastKey&) = default;
};
struct CastKeyHash {
    std::size_t operator()(const CastKey& key) const noexcept {
        std::size_t seed = 0;
        for (const auto part :
             {reinterpret_cast<std::uintptr_t>(key.most_derived), reinterpret_cast<std::uintptr_t>(key.put_type),
              static_cast<std::uintptr_t>(key.subobject), reinterpret_cast<std::uintptr_t>(key.target)})
            seed ^= std::hash<std::size_t>{}(part) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
        return seed;
    }
};

/// Casts computed for polymorphic components, shared by every component of the same layout.
class SharedCasts {
public:
    [[nodiscard]] std::optional<std::optional<std::ptrdiff_t>> find(const CastKey& key) const {
        const std::shared_lock lock(mutex_);
        const auto found = casts_.find(key);
        if (found == casts_.end()) return std::nullopt;
        return found->second;
    }
    void add(const CastKey& key, std::optional<std::ptrdiff_t> offset) {
        const std::scoped_lock lock(mutex_);
        casts_.emplace(key, offset);
    }

private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<CastKey, std::optional<std::ptrdiff_t>, CastKeyHash> casts_;
};

SharedCasts& shared_casts() {
    static SharedCasts casts;
    return casts;
}

}  // namespace

AnyComponent::~AnyComponent() {
    for (auto* node = casts_.load(std::memory_order_acquire); node != nullptr;) delete std::exchange(node, node->next);
}

std::optional<std::ptrdiff_t> AnyComponent::cast_offset(const std::type_info& target, Caster caster) const {
    if (target == *traits_->type) return 0;
    auto* head = casts_.load(std::memory_order_acquire);
    for (auto* node = head; node != nullptr; node = node->next)
        if (node->target == &target) return node->offset;

    const auto offset = computed_cast_offset(target, caster);
    // Racing threads may both add a node for the same target: harmless, both hold the same offset.
    auto* node = new CastNode{&target, offset, head};
    while (!casts_.compare_exchange_weak(node->next, node, std::memory_order_acq_rel, std::memory_order_acquire)) {
    }
    return offset;
}

std::optional<std::ptrdiff_t> AnyComponent::computed_cast_offset(const std::type_info& target, Caster caster) const {
    const void* object = object_.get();
    const auto throw_and_catch = [&]() -> std::optional<std::ptrdiff_t> {
        if (const void* base = caster(object, traits_->throw_pointer))
            return static_cast<const char*>(base) - static_cast<const char*>(object);
        return std::nullopt;
    };
    if (traits_->dynamic_type == nullptr) return throw_and_catch();

    const CastKey key{traits_->dynamic_type(object), traits_->type,
                      static_cast<const char*>(object) - static_cast<const char*>(identity_), &target};
    if (const auto known = shared_casts().find(key)) return *known;
    const auto offset = throw_and_catch();
    shared_casts().add(key, offset);
    return offset;
}

}  // namespace pip::refer
