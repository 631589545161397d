// The modules as a product ({fmt} style): this file only imports them, uses every exported name at least once,
// and checks that importing brings in no macros. Built twice when the umbrella exists: with the named modules,
// and with `import pip;` alone (PIP_TEST_UMBRELLA_IMPORT, a definition of this test only).
#include <boost/test/unit_test.hpp>
#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#ifdef PIP_TEST_UMBRELLA_IMPORT
import pip;
#else
import pip.errors;
import pip.config;
import pip.refer;
#endif

// Macros never cross `import`: none of these may exist. A header-based build or a leaked header would define some.
#if defined(PIP_API) || defined(PIP_EXPORT) || defined(PIP_VERSION) || defined(PIP_REFER_HPP) || \
    defined(PIP_CONFIG_HPP) || defined(PIP_ERRORS_HPP) || defined(PIP_DESCRIPTOR)
static_assert(false, "a pip macro is visible to an importer");
#endif
// The modules use range-v3 in their global module fragments; its macros must stay there.
#if defined(RANGES_CXX_VERSION) || defined(RANGES_ASSERT) || defined(CPP_template) || defined(META_CONCEPT)
static_assert(false, "a range-v3 macro leaked through a pip module");
#endif

namespace errors = pip::errors;
namespace config = pip::config;
namespace refer = pip::refer;
using namespace pip::refer::literals;

namespace exported_names {  // named: a type used only through the library would warn in an unnamed one

template <class Exception>
void check_categorized(std::string_view category, int status) {
    const Exception error("corr-1", "SOME_CODE", "some message");
    const errors::ApplicationException& base = error;
    BOOST_TEST(base.category() == category);
    BOOST_TEST(base.status() == status);
    BOOST_TEST(base.code() == "SOME_CODE");
    BOOST_TEST(base.correlation_id() == "corr-1");
    BOOST_TEST(std::string_view(base.what()) == "some message");
}

// A user exception built on the exported builder template.
class TimeoutException final : public errors::ExceptionBuilders<TimeoutException, errors::ApplicationException> {
public:
    using ExceptionBuilders::ExceptionBuilders;
};

struct Settings : config::IReconfigurable {
    void configure(const config::ConfigParams& config) override { name = config.get_as_string("name"); }
    std::string name;
};
static_assert(std::derived_from<Settings, config::IConfigurable>);

struct Service : refer::IReferenceable, refer::IUnreferenceable {
    void set_references(refer::IReferences& references) override {
        settings = references.get_one_required<Settings>("settings");
    }
    void unset_references() override { settings.reset(); }
    std::shared_ptr<Settings> settings;
};

// A user locator with its own matching rule.
struct Tag {
    std::string value;
    [[nodiscard]] bool match(const Tag& query) const { return query.value.empty() || value == query.value; }
    friend bool operator==(const Tag&, const Tag&) = default;
};

}  // namespace exported_names

using namespace exported_names;

BOOST_AUTO_TEST_SUITE(module_pip_errors)

BOOST_AUTO_TEST_CASE(every_error_category_equals_its_name) {
    const std::vector<std::pair<std::string_view, std::string_view>> categories{
        {errors::ErrorCategory::Unknown, "Unknown"},
        {errors::ErrorCategory::Internal, "Internal"},
        {errors::ErrorCategory::Misconfiguration, "Misconfiguration"},
        {errors::ErrorCategory::InvalidState, "InvalidState"},
        {errors::ErrorCategory::NoResponse, "NoResponse"},
        {errors::ErrorCategory::FailedInvocation, "FailedInvocation"},
        {errors::ErrorCategory::FileError, "FileError"},
        {errors::ErrorCategory::BadRequest, "BadRequest"},
        {errors::ErrorCategory::Unauthorized, "Unauthorized"},
        {errors::ErrorCategory::NotFound, "NotFound"},
        {errors::ErrorCategory::Conflict, "Conflict"},
        {errors::ErrorCategory::Unsupported, "Unsupported"}};

    for (const auto& [constant, name] : categories) BOOST_TEST(constant == name);
}

BOOST_AUTO_TEST_CASE(every_exception_class_has_its_category_and_status) {
    check_categorized<errors::UnknownException>("Unknown", 500);
    check_categorized<errors::InternalException>("Internal", 500);
    check_categorized<errors::ConfigException>("Misconfiguration", 500);
    check_categorized<errors::InvalidStateException>("InvalidState", 500);
    check_categorized<errors::ConnectionException>("NoResponse", 500);
    check_categorized<errors::InvocationException>("FailedInvocation", 500);
    check_categorized<errors::FileException>("FileError", 500);
    check_categorized<errors::BadRequestException>("BadRequest", 400);
    check_categorized<errors::UnauthorizedException>("Unauthorized", 401);
    check_categorized<errors::NotFoundException>("NotFound", 404);
    check_categorized<errors::ConflictException>("Conflict", 409);
    check_categorized<errors::UnsupportedException>("Unsupported", 500);
    static_assert(std::derived_from<errors::ConfigException,
                                    errors::CategorizedException<errors::ConfigException,
                                                                 errors::ErrorCategory::Misconfiguration, 500>>);
}

BOOST_AUTO_TEST_CASE(application_exception_defaults_and_builders) {
    const errors::ApplicationException unknown;
    BOOST_TEST(unknown.code() == "UNKNOWN");
    BOOST_TEST(unknown.message() == "Unknown error");

    auto timeout = TimeoutException("Timeout", "corr-2", "TIMEOUT", "too slow").with_status(504);
    static_assert(std::same_as<decltype(TimeoutException().with_status(504)), TimeoutException&>);
    const errors::ErrorDetails& details = timeout.with_details("after", "5s").details();
    BOOST_TEST(timeout.status() == 504);
    BOOST_TEST(details.at("after") == "5s");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(module_pip_config)

BOOST_AUTO_TEST_CASE(config_params_and_values) {
    static_assert(config::ConfigValue<int> && config::ConfigValue<std::string>);
    static_assert(!config::ConfigValue<std::vector<int>>);
    const auto params = config::ConfigParams::from_tuples("name", "alpha", "options.retries", 3);

    BOOST_TEST(config::to_config_value(true).value_or("<none>") == "true");
    BOOST_TEST(params.to_string() == "name=alpha;options.retries=3");
}

BOOST_AUTO_TEST_CASE(configurable_and_resolvers) {
    const auto params = config::ConfigParams::from_string("id=beta;options.retries=3");
    Settings settings;
    config::IConfigurable& configurable = settings;

    configurable.configure(config::ConfigParams::from_tuples("name", "alpha"));

    BOOST_TEST(settings.name == "alpha");
    BOOST_TEST(config::NameResolver::resolve(params).value_or("<none>") == "beta");
    BOOST_TEST(config::OptionsResolver::resolve(params).get_as_integer("retries") == 3);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(module_pip_refer)

BOOST_AUTO_TEST_CASE(descriptors_and_the_literal) {
    constexpr refer::DescriptorView view = "g:t:k:n:1.0"_descriptor;
    constexpr refer::DescriptorField kind = view.kind();
    constexpr refer::DescriptorText text("g:t:*:*:*");
    const refer::Descriptor owned = view;

    static_assert(kind == std::string_view("k"));
    static_assert(refer::DescriptorView::parse(text.view())->match(view));
    BOOST_TEST(owned.to_string() == "g:t:k:n:1.0");
    BOOST_TEST(std::hash<refer::Descriptor>{}(owned) == std::hash<refer::Descriptor>{}(refer::Descriptor(view)));
}

BOOST_AUTO_TEST_CASE(locators) {
    static_assert(refer::Locator<int> && refer::Locator<refer::Descriptor> && !refer::Locator<std::nullptr_t>);
    static_assert(refer::MatchableLocator<Tag> && !refer::MatchableLocator<std::string>);
    static_assert(refer::LocatorArgument<refer::AnyLocator> && refer::LocatorArgument<Tag>);
    static_assert(std::same_as<refer::locator_key_t<long>, refer::IntegerKey>);
    const refer::AnyLocator by_number(7U);
    const refer::AnyLocator by_tag(Tag{"blue"});

    BOOST_TEST(by_number.matches(refer::AnyLocator(7LL)));
    BOOST_TEST(by_tag.matches(refer::AnyLocator(Tag{})));
    BOOST_TEST(!by_tag.matches(refer::AnyLocator(Tag{"red"})));
    BOOST_TEST(std::hash<refer::IntegerKey>{}(*by_number.integer()) ==
               std::hash<refer::IntegerKey>{}(refer::IntegerKey::of(7)));
}

BOOST_AUTO_TEST_CASE(components_and_reference_records) {
    auto settings = std::make_shared<Settings>();
    const refer::Reference reference(refer::AnyLocator("settings"), refer::AnyComponent(settings));

    BOOST_TEST(reference.match(refer::AnyLocator("settings")));
    BOOST_TEST(reference.get_component().as<config::IConfigurable>().get() == settings.get());
}

BOOST_AUTO_TEST_CASE(references_referencer_and_resolver) {
    auto settings = std::make_shared<Settings>();
    auto service = std::make_shared<Service>();
    refer::References references = refer::References::from_tuples("settings", settings, "service", service);
    refer::IReferences& interface = references;
    std::size_t visited = 0;

    refer::Referencer::set_references(interface);
    interface.visit(refer::AnyLocator("service"), nullptr, refer::ReferenceVisitor([&](const refer::Reference&) {
                        ++visited;
                        return true;
                    }));
    auto resolver = refer::DependencyResolver::from_tuples("settings", "settings");
    resolver.set_references(interface);

    BOOST_TEST(service->settings == settings);
    BOOST_TEST(visited == 1U);
    BOOST_TEST(resolver.get_one_required<Settings>("settings") == settings);
    BOOST_CHECK_THROW((void)interface.get_one_required<Settings>("missing"), refer::ReferenceException);
    refer::Referencer::unset_references(interface);
    BOOST_TEST(service->settings == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
