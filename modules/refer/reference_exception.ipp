// pip.refer:reference_exception: the error a required lookup throws when nothing matches.

export namespace pip::refer {

/// Code `REF_ERROR`, message `Failed to obtain reference to <locator>`, `details["locator"]` the locator text.
class ReferenceException : public errors::ExceptionBuilders<ReferenceException, errors::InternalException> {
public:
    ReferenceException(std::string_view correlation_id, const AnyLocator& locator)
        : ExceptionBuilders(correlation_id, "REF_ERROR", "Failed to obtain reference to " + locator.to_string()) {
        with_details("locator", locator.to_string());
    }
};

}  // namespace pip::refer
