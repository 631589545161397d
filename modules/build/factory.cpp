module pip.build;

namespace pip::build {

void Factory::add(refer::AnyLocator locator, Creator creator) {
    registrations_.push_back(Registration{std::move(locator), std::move(creator)});
}

const Factory::Registration* Factory::find(const refer::AnyLocator& locator) const {
    const auto it = std::ranges::find_if(
        registrations_, [&](const Registration& registration) { return registration.locator.matches(locator); });
    return it == registrations_.end() ? nullptr : &*it;
}

std::optional<refer::AnyLocator> Factory::can_create(const refer::AnyLocator& locator) const {
    const auto* registration = find(locator);
    return registration ? std::optional(registration->locator) : std::nullopt;
}

std::optional<refer::AnyComponent> Factory::create_component(const refer::AnyLocator& locator) const {
    const auto* registration = find(locator);
    if (!registration) return std::nullopt;
    try {
        return registration->create(locator);
    } catch (const CreateException&) {
        throw;
    } catch (...) {
        throw CreateException({}, "Failed to create object for " + locator.to_string())
            .with_details("locator", locator.to_string())
            .with_cause(std::current_exception());
    }
}

}  // namespace pip::build
