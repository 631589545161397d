// pip.build:create_exception: the error a factory throws when it cannot create a component.

export namespace pip::build {

/// An InternalException with code `CANNOT_CREATE`.
class CreateException : public errors::ExceptionBuilders<CreateException, errors::InternalException> {
public:
    explicit CreateException(std::string_view correlation_id = {}, std::string_view message = {})
        : ExceptionBuilders(correlation_id, "CANNOT_CREATE", message) {}

    /// `Requested component <locator> cannot be created`, with `details["locator"]` (the Node/.NET form).
    [[nodiscard]] static CreateException for_locator(std::string_view correlation_id,
                                                     const refer::AnyLocator& locator) {
        CreateException error(correlation_id, "Requested component " + locator.to_string() + " cannot be created");
        error.with_details("locator", locator.to_string());
        return error;
    }
};

}  // namespace pip::build
