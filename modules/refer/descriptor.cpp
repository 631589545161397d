module;
#include "pip_std.hpp"
module pip.refer;

namespace pip::refer {

Descriptor::Descriptor(const DescriptorView& view) {
    wildcards_ = 0;
    const auto normalised = view.normalised();
    for (std::size_t i = 0; i < normalised.fields.size(); ++i) {
        const auto& field = normalised.fields[i];
        if (!field)
            wildcards_ |= static_cast<std::uint8_t>(1U << i);
        else
            values_ += *field;
        ends_[i] = static_cast<std::uint32_t>(values_.size());
    }
    hash_ = this->view().hash();
}

std::optional<Descriptor> Descriptor::from_string(std::string_view text) {
    if (text.empty()) return std::nullopt;
    if (const auto view = DescriptorView::parse(text)) return Descriptor(*view);
    const std::string value(text);
    throw errors::ConfigException({}, "BAD_DESCRIPTOR", "Descriptor " + value + " is in wrong format")
        .with_details("descriptor", value);
}

DescriptorView Descriptor::view() const noexcept {
    DescriptorView view;
    std::uint32_t begin = 0;
    for (std::size_t i = 0; i < view.fields.size(); ++i) {
        if ((wildcards_ & (1U << i)) == 0) view.fields[i] = std::string_view(values_).substr(begin, ends_[i] - begin);
        begin = ends_[i];
    }
    return view;
}

std::optional<std::string> Descriptor::owned(std::size_t field) const {
    const auto value = view().fields[field];
    return value ? std::optional<std::string>(*value) : std::nullopt;
}

std::string Descriptor::to_string() const { return view().to_string(); }

}  // namespace pip::refer
