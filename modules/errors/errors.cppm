// pip.errors: the exception hierarchy every pip module throws.
//
// ApplicationException carries Pip's category / code / status / correlation id / details and an optional
// cause. Each subclass fixes its category and status. Builders return the most derived type by reference,
// so `throw ConfigException(...).with_details("k", "v");` throws a ConfigException, not a sliced base.
export module pip.errors;
import pip.detail.std;  // the standard library, parsed once per build

export namespace pip::errors {

/// The error categories of Pip.Services; each value equals its name.
namespace ErrorCategory {
inline constexpr std::string_view Unknown = "Unknown";
inline constexpr std::string_view Internal = "Internal";
inline constexpr std::string_view Misconfiguration = "Misconfiguration";
inline constexpr std::string_view InvalidState = "InvalidState";
inline constexpr std::string_view NoResponse = "NoResponse";
inline constexpr std::string_view FailedInvocation = "FailedInvocation";
inline constexpr std::string_view FileError = "FileError";
inline constexpr std::string_view BadRequest = "BadRequest";
inline constexpr std::string_view Unauthorized = "Unauthorized";
inline constexpr std::string_view NotFound = "NotFound";
inline constexpr std::string_view Conflict = "Conflict";
inline constexpr std::string_view Unsupported = "Unsupported";
}  // namespace ErrorCategory

/// Details attached to an exception, ordered by key for stable output.
using ErrorDetails = std::map<std::string, std::string, std::less<>>;

class ApplicationException : public std::exception {
public:
    explicit ApplicationException(std::string_view category = ErrorCategory::Unknown,
                                  std::string_view correlation_id = {}, std::string_view code = {},
                                  std::string_view message = {})
        : category_(category.empty() ? ErrorCategory::Unknown : category),
          correlation_id_(correlation_id),
          code_(code.empty() ? "UNKNOWN" : code),
          message_(message.empty() ? "Unknown error" : message) {}

    [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }
    [[nodiscard]] const std::string& message() const noexcept { return message_; }
    [[nodiscard]] const std::string& category() const noexcept { return category_; }
    [[nodiscard]] const std::string& code() const noexcept { return code_; }
    [[nodiscard]] int status() const noexcept { return status_; }
    [[nodiscard]] const std::string& correlation_id() const noexcept { return correlation_id_; }
    [[nodiscard]] const ErrorDetails& details() const noexcept { return details_; }
    [[nodiscard]] const std::exception_ptr& cause() const noexcept { return cause_; }

    /// The cause's message, or empty when there is no cause or it is not a std::exception.
    [[nodiscard]] std::string cause_message() const {
        if (!cause_) return {};
        try {
            std::rethrow_exception(cause_);
        } catch (const std::exception& e) {
            return e.what();
        } catch (...) {
            return {};
        }
    }

    ApplicationException& with_code(std::string_view code) {
        code_ = code.empty() ? "UNKNOWN" : std::string(code);
        return *this;
    }
    ApplicationException& with_status(int status) {
        status_ = status;
        return *this;
    }
    ApplicationException& with_details(std::string_view key, std::string_view value) {
        details_.insert_or_assign(std::string(key), std::string(value));
        return *this;
    }
    ApplicationException& with_correlation_id(std::string_view correlation_id) {
        correlation_id_ = correlation_id;
        return *this;
    }
    ApplicationException& with_cause(std::exception_ptr cause) {
        cause_ = std::move(cause);
        return *this;
    }
    /// Replaces the message: lets a layer that rethrows the same object (`throw;`, so the type is kept) add
    /// the context it knows, as Referencer does with the failing component.
    ApplicationException& with_message(std::string_view message) {
        message_ = message.empty() ? "Unknown error" : std::string(message);
        return *this;
    }

protected:
    ApplicationException(std::string_view category, int status, std::string_view correlation_id,
                         std::string_view code, std::string_view message)
        : ApplicationException(category, correlation_id, code, message) {
        status_ = status;
    }

private:
    std::string category_;
    std::string correlation_id_;
    std::string code_;
    std::string message_;
    int status_ = 500;
    ErrorDetails details_;
    std::exception_ptr cause_;
};

/// Re-declares the builders of `Base` so that they return `Derived&`, keeping the thrown type exact.
template <class Derived, class Base>
class ExceptionBuilders : public Base {
public:
    using Base::Base;

    Derived& with_code(std::string_view code) { return self(Base::with_code(code)); }
    Derived& with_status(int status) { return self(Base::with_status(status)); }
    Derived& with_details(std::string_view key, std::string_view value) {
        return self(Base::with_details(key, value));
    }
    Derived& with_correlation_id(std::string_view id) { return self(Base::with_correlation_id(id)); }
    Derived& with_cause(std::exception_ptr cause) { return self(Base::with_cause(std::move(cause))); }

private:
    static Derived& self(ApplicationException& e) { return static_cast<Derived&>(e); }
};

/// A category-fixed subclass: (correlation_id, code, message) like the originals.
template <class Derived, const std::string_view& Category, int Status>
class CategorizedException : public ExceptionBuilders<Derived, ApplicationException> {
public:
    explicit CategorizedException(std::string_view correlation_id = {}, std::string_view code = {},
                                  std::string_view message = {})
        : ExceptionBuilders<Derived, ApplicationException>(Category, Status, correlation_id, code, message) {}
};

class UnknownException final : public CategorizedException<UnknownException, ErrorCategory::Unknown, 500> {
public:
    using CategorizedException::CategorizedException;
};
class InternalException : public CategorizedException<InternalException, ErrorCategory::Internal, 500> {
public:
    using CategorizedException::CategorizedException;
};
class ConfigException final
    : public CategorizedException<ConfigException, ErrorCategory::Misconfiguration, 500> {
public:
    using CategorizedException::CategorizedException;
};
class InvalidStateException final
    : public CategorizedException<InvalidStateException, ErrorCategory::InvalidState, 500> {
public:
    using CategorizedException::CategorizedException;
};
class ConnectionException final
    : public CategorizedException<ConnectionException, ErrorCategory::NoResponse, 500> {
public:
    using CategorizedException::CategorizedException;
};
class InvocationException final
    : public CategorizedException<InvocationException, ErrorCategory::FailedInvocation, 500> {
public:
    using CategorizedException::CategorizedException;
};
class FileException final : public CategorizedException<FileException, ErrorCategory::FileError, 500> {
public:
    using CategorizedException::CategorizedException;
};
class BadRequestException final
    : public CategorizedException<BadRequestException, ErrorCategory::BadRequest, 400> {
public:
    using CategorizedException::CategorizedException;
};
class UnauthorizedException final
    : public CategorizedException<UnauthorizedException, ErrorCategory::Unauthorized, 401> {
public:
    using CategorizedException::CategorizedException;
};
class NotFoundException final : public CategorizedException<NotFoundException, ErrorCategory::NotFound, 404> {
public:
    using CategorizedException::CategorizedException;
};
class ConflictException final : public CategorizedException<ConflictException, ErrorCategory::Conflict, 409> {
public:
    using CategorizedException::CategorizedException;
};
class UnsupportedException final
    : public CategorizedException<UnsupportedException, ErrorCategory::Unsupported, 500> {
public:
    using CategorizedException::CategorizedException;
};

}  // namespace pip::errors
