// pip.refer:reference_exception: the error a required lookup throws when it finds nothing, and the error
// Referencer throws when a component fails to take or drop its references.
//
// Messages start as Pip's do (`Failed to obtain reference to <locator>`) and then say what the lookup saw, so the
// cause is in `what()`, not only in `details()`: the components that matched but were not of the wanted type, or,
// for a string locator that reads as a descriptor, the components registered under that descriptor.

export namespace pip::refer {

/// A component that matched a failed lookup: its complete (most derived) type and the type it was put as.
struct MatchedComponent {
    const std::type_info* object_type;
    const std::type_info* put_type;
    bool put_as_const = false;
};

/// What a required lookup that found nothing knows.
struct LookupFailure {
    const AnyLocator& locator;
    /// The type the lookup asked for (`void`: any).
    const std::type_info& wanted;
    /// The components that matched the locator, none of them a `wanted`.
    std::span<const MatchedComponent> matched = {};
    /// For a string locator that reads as a descriptor: how many components that descriptor finds.
    std::size_t found_by_descriptor = 0;
    /// The DependencyResolver name the locator belongs to, when the lookup came from one.
    std::string_view dependency = {};
    /// False when `dependency` has no locator configured (`locator` is then the name itself).
    bool dependency_configured = true;
};

/// `Failed to obtain reference to <locator>`, followed by what `failure` knows beyond "nothing matched".
std::string lookup_failure_message(const LookupFailure& failure);

/// Code `REF_ERROR`; `details["locator"]` the locator text.
class ReferenceException : public errors::ExceptionBuilders<ReferenceException, errors::InternalException> {
public:
    /// Nothing matched `locator`: message `Failed to obtain reference to <locator>`.
    ReferenceException(std::string_view correlation_id, const AnyLocator& locator)
        : ExceptionBuilders(correlation_id, "REF_ERROR", "Failed to obtain reference to " + locator.to_string()) {
        with_details("locator", locator.to_string());
    }
    /// A required lookup found nothing: lookup_failure_message's text; `details["dependency"]` when the lookup came
    /// from a DependencyResolver; when components of other types matched, `details["expected_type"]` and
    /// `details["components_of_other_types"]` (their count).
    ReferenceException(std::string_view correlation_id, const LookupFailure& failure);

    /// A component's `operation` (`set_references`, `unset_references`) threw `cause`: message
    /// `<operation> failed for component <locator> of type <type>: <the cause's message>`, the cause kept, and a pip
    /// cause's correlation id and details carried over; `details["component"]` (the locator, when known) and
    /// `details["component_type"]` name the component.
    [[nodiscard]] static ReferenceException component_failed(std::string_view operation, const AnyLocator* locator,
                                                             const std::type_info& type, const std::exception_ptr& cause);
    /// The same context for a pip exception, written into `error` itself so that rethrowing it keeps its type,
    /// code and cause: the message becomes `<operation> failed for component <locator> of type <type>: <message>`,
    /// and `details["component"]` / `details["component_type"]` are added.
    static void name_failed_component(errors::ApplicationException& error, std::string_view operation,
                                      const AnyLocator* locator, const std::type_info& type);

private:
    struct WithMessage {};
    ReferenceException(WithMessage, std::string_view correlation_id, std::string_view message)
        : ExceptionBuilders(correlation_id, "REF_ERROR", message) {}
};

}  // namespace pip::refer

namespace pip::refer::detail {

/// `3 components match but none is of type W: A (2), B put as IB`: each kind of component once, in the order
/// first matched, with its count; at most five kinds.
std::string matched_components_clause(std::span<const MatchedComponent> matched, const std::type_info& wanted) {
    constexpr std::size_t listed_kinds = 5;
    struct Kind {
        MatchedComponent types;
        std::size_t count;
    };
    std::vector<Kind> kinds;
    std::size_t unlisted = 0;
    for (const auto& component : matched) {
        const auto same = std::ranges::find_if(kinds, [&](const Kind& kind) {
            return *kind.types.object_type == *component.object_type && *kind.types.put_type == *component.put_type &&
                   kind.types.put_as_const == component.put_as_const;
        });
        if (same != kinds.end())
            ++same->count;
        else if (kinds.size() < listed_kinds)
            kinds.push_back({component, 1});
        else
            ++unlisted;
    }

    std::string clause = std::to_string(matched.size()) +
                         (matched.size() == 1 ? " component matches" : " components match") +
                         " but none is of type " + type_name(wanted) + ": ";
    for (const auto& kind : kinds) {
        if (&kind != &kinds.front()) clause += ", ";
        clause += type_name(*kind.types.object_type);
        if (kind.types.put_as_const || *kind.types.put_type != *kind.types.object_type)
            clause += std::string(" put as ") + (kind.types.put_as_const ? "const " : "") + type_name(*kind.types.put_type);
        if (kind.count > 1) clause += " (" + std::to_string(kind.count) + ")";
    }
    if (unlisted > 0) clause += " and " + std::to_string(unlisted) + " more";
    return clause;
}

/// The exception `error` holds, when it is a std::exception (it lives as long as `error` does).
const std::exception* std_exception(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return &e;
    } catch (...) {
        return nullptr;
    }
}

}  // namespace pip::refer::detail

namespace pip::refer {

std::string lookup_failure_message(const LookupFailure& failure) {
    std::string message = "Failed to obtain reference to " + failure.locator.to_string();
    if (!failure.dependency.empty()) {
        message += " for dependency \"" + std::string(failure.dependency) + '"';
        if (failure.wanted != typeid(void)) message += " (wanted type " + detail::type_name(failure.wanted) + ')';
    }
    if (!failure.dependency_configured)
        message += ": no locator is configured for it";
    else if (!failure.matched.empty())
        message += ": " + detail::matched_components_clause(failure.matched, failure.wanted);
    else if (failure.found_by_descriptor > 0)
        message += ": no component is registered under this string, but " + std::to_string(failure.found_by_descriptor) +
                   (failure.found_by_descriptor == 1 ? " is" : " are") +
                   " under the descriptor it spells (look it up with Descriptor::from_string or a _descriptor literal)";
    return message;
}

ReferenceException::ReferenceException(std::string_view correlation_id, const LookupFailure& failure)
    : ReferenceException(WithMessage{}, correlation_id, lookup_failure_message(failure)) {
    with_details("locator", failure.locator.to_string());
    if (!failure.dependency.empty()) with_details("dependency", failure.dependency);
    if (!failure.matched.empty())
        with_details("expected_type", detail::type_name(failure.wanted))
            .with_details("components_of_other_types", std::to_string(failure.matched.size()));
}

namespace detail {

/// `set_references failed for component <locator> of type <type>: `
std::string failed_component_prefix(std::string_view operation, const AnyLocator* locator, std::string_view type) {
    return std::string(operation) + " failed for " +
           (locator ? "component " + locator->to_string() : std::string("a component")) + " of type " +
           std::string(type) + ": ";
}

}  // namespace detail

void ReferenceException::name_failed_component(errors::ApplicationException& error, std::string_view operation,
                                               const AnyLocator* locator, const std::type_info& type) {
    const auto type_text = detail::type_name(type);
    error.with_message(detail::failed_component_prefix(operation, locator, type_text) + error.message());
    if (locator) error.with_details("component", locator->to_string());
    error.with_details("component_type", type_text);
}

ReferenceException ReferenceException::component_failed(std::string_view operation, const AnyLocator* locator,
                                                        const std::type_info& type, const std::exception_ptr& cause) {
    const auto type_text = detail::type_name(type);
    const auto* cause_error = detail::std_exception(cause);
    ReferenceException error(WithMessage{}, {},
                             detail::failed_component_prefix(operation, locator, type_text) +
                                 (cause_error ? cause_error->what() : "an exception that is not a std::exception"));
    if (const auto* pip_error = dynamic_cast<const errors::ApplicationException*>(cause_error)) {
        error.with_correlation_id(pip_error->correlation_id());
        for (const auto& [key, value] : pip_error->details()) error.with_details(key, value);
    }
    if (locator) error.with_details("component", locator->to_string());
    error.with_details("component_type", type_text).with_cause(cause);
    return error;
}

}  // namespace pip::refer
