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
import pip.build;
import pip.auth;
import pip.connect;
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
namespace build = pip::build;
namespace auth = pip::auth;
namespace connections = pip::connect;  // not `connect`, which <sys/socket.h> declares
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

struct Greeter {
    virtual ~Greeter() = default;
    [[nodiscard]] virtual std::string greet() const = 0;
};
struct EnglishGreeter final : Greeter {
    [[nodiscard]] std::string greet() const override { return "hello"; }
};

// A user resolver with its own rules and last step (the protected members are reachable through `import`).
class UriResolver final : public connections::CompositeConnectionResolver {
public:
    UriResolver()
        : CompositeConnectionResolver({.cluster_supported = false,
                                       .default_protocol = "http",
                                       .default_port = 8080,
                                       .supported_protocols = std::vector<std::string>{"http"}}) {}

protected:
    [[nodiscard]] config::ConfigParams finalize_options(const config::ConfigParams& options) const override {
        auto result = options;
        result.put("uri",
                   connections::ConnectionUtils::compose_uri(options, rules().default_protocol, rules().default_port));
        return result;
    }
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

BOOST_AUTO_TEST_SUITE(module_pip_build)

BOOST_AUTO_TEST_CASE(factory_through_the_ifactory_interface) {
    const auto make_settings = [](const refer::AnyLocator&) { return std::make_shared<Settings>(); };
    static_assert(build::ComponentCreator<decltype(make_settings)>);
    static_assert(!build::ComponentCreator<int (*)(const refer::AnyLocator&)>);
    build::Factory factory;
    factory.register_as_type<EnglishGreeter>(refer::Descriptor("g", "greeter", "english", "*", "1.0"));
    factory.register_factory("settings", make_settings);
    const build::IFactory& interface = factory;

    BOOST_TEST(interface.can_create(refer::Descriptor("*", "greeter", "*", "*", "*"))->to_string() ==
               "g:greeter:english:*:1.0");
    BOOST_TEST(interface.create<Greeter>(refer::Descriptor("g", "greeter", "english", "x", "1.0"))->greet() == "hello");
    BOOST_TEST(interface.create_component("settings")->as<config::IConfigurable>() != nullptr);
    BOOST_TEST(interface.create("unknown") == nullptr);
    BOOST_CHECK_THROW((void)interface.create<Greeter>("settings"), build::CreateException);
}

BOOST_AUTO_TEST_CASE(create_exception) {
    const auto error = build::CreateException::for_locator("corr-3", refer::AnyLocator("missing"));
    const errors::InternalException& internal = error;

    BOOST_TEST(internal.code() == "CANNOT_CREATE");
    BOOST_TEST(internal.message() == "Requested component missing cannot be created");
    BOOST_TEST(internal.details().at("locator") == "missing");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(module_pip_auth)

BOOST_AUTO_TEST_CASE(secret_masking) {
    const auto config = config::ConfigParams::from_string("uri=tcp://u:pw@h:1;password=pw;user=u");

    BOOST_TEST(auth::masked_value == "***");
    BOOST_TEST(auth::is_secret_key("access_key"));
    BOOST_TEST(!auth::is_secret_key("store_key"));
    BOOST_TEST(auth::mask_uri_secrets("tcp://u:pw@h:1") == "tcp://***@h:1");
    BOOST_TEST(auth::mask_secrets(config).get_as_string("password") == auth::masked_value);
    BOOST_TEST(auth::to_safe_string(config) == "uri=tcp://***@h:1;password=***;user=u");
}

BOOST_AUTO_TEST_CASE(credential_params) {
    auto credential = auth::CredentialParams::from_tuples("user", "jdoe", "pass", "pw");
    credential.set_access_id("id1");
    credential.set_access_key("ak");
    const auto from_config = auth::CredentialParams::from_config(
        config::ConfigParams::from_string("credentials.a.store_key=vault;credentials.b.username=x"));

    BOOST_TEST(credential.get_username().value_or("<none>") == "jdoe");
    BOOST_TEST(credential.get_password().value_or("<none>") == "pw");
    BOOST_TEST(credential.to_safe_string() == "user=jdoe;pass=***;access_id=id1;access_key=***");
    BOOST_TEST(!credential.use_credential_store());
    BOOST_TEST(from_config->use_credential_store());
    BOOST_TEST(from_config->get_store_key().value_or("<none>") == "vault");
}

BOOST_AUTO_TEST_CASE(credential_store_and_resolver) {
    auto store = std::make_shared<auth::MemoryCredentialStore>(
        config::ConfigParams::from_string("admin.username=root;admin.password=pw"));
    auth::ICredentialStore& interface = *store;
    refer::References references = refer::References::from_tuples(
        refer::Descriptor("pip-services", "credential-store", "memory", "default", "1.0"), store);
    auto stored = auth::CredentialParams::from_string("username=guest");
    stored.set_password("guest-pw");
    interface.store("", "guest", stored);
    auth::CredentialResolver resolver(config::ConfigParams::from_string("credential.store_key=guest"), references);

    BOOST_TEST(interface.lookup("", "admin")->get_username().value_or("<none>") == "root");
    BOOST_TEST(resolver.get_all().size() == 1U);
    BOOST_TEST(resolver.lookup("corr-4")->to_string() == "username=guest;password=guest-pw");
    resolver.add(auth::CredentialParams::from_string("username=direct"));
    BOOST_TEST(resolver.lookup("corr-4")->get_username().value_or("<none>") == "direct");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(module_pip_connect)

BOOST_AUTO_TEST_CASE(connection_params) {
    auto connection = connections::ConnectionParams::from_string("ip=10.0.0.1;port=none");
    const bool had_invalid_port = connection.has_invalid_port();
    connection.set_protocol("http");
    connection.set_port(connections::max_port);
    const auto discovered = connections::ConnectionParams::from_config(
        config::ConfigParams::from_string("connection.discovery_key=db;connection.uri=tcp://u:pw@h:1"));

    BOOST_TEST(had_invalid_port);
    BOOST_TEST(connection.get_host().value_or("<none>") == "10.0.0.1");
    BOOST_TEST(connection.get_port() == 65535);
    BOOST_TEST(connection.get_protocol_with_default("tcp") == "http");
    BOOST_CHECK_THROW(connection.set_port(connections::max_port + 1), std::invalid_argument);
    BOOST_TEST(discovered->use_discovery());
    BOOST_TEST(discovered->get_discovery_key().value_or("<none>") == "db");
    BOOST_TEST(discovered->to_safe_string() == "discovery_key=db;uri=tcp://***@h:1");
}

BOOST_AUTO_TEST_CASE(connection_utils) {
    using Utils = connections::ConnectionUtils;
    static_assert(connections::KeyName<const char*> && connections::KeyName<std::string> && !connections::KeyName<int>);
    const auto options = Utils::parse_uri("tcp://u:pw@h:1?x=a%20b", "", 0);
    const auto first = config::ConfigParams::from_string("host=a;user=u");
    const auto second = config::ConfigParams::from_string("host=b");

    BOOST_TEST(options.to_string() == "x=a b;protocol=tcp;username=u;password=pw;servers=h:1;host=h;port=1");
    BOOST_TEST(Utils::compose_uri(options, "", 0) == "tcp://u:pw@h:1?x=a%20b");
    BOOST_TEST(Utils::escape("a b") == "a%20b");
    BOOST_TEST(Utils::unescape("a%20b") == "a b");
    BOOST_TEST(Utils::concat(first, second, "host").to_string() == "host=a,b;user=u");
    BOOST_TEST(Utils::include(first, "user").to_string() == "user=u");
    BOOST_TEST(Utils::exclude(first, "user").to_string() == "host=a");
    BOOST_TEST(Utils::rename(first, "user", "username").to_string() == "host=a;username=u");
}

BOOST_AUTO_TEST_CASE(memory_discovery_and_connection_resolver) {
    auto discovery =
        std::make_shared<connections::MemoryDiscovery>(config::ConfigParams::from_string("db.host=10.0.0.5;db.port=5432"));
    connections::IDiscovery& interface = *discovery;
    refer::References references = refer::References::from_tuples(
        refer::Descriptor("pip-services", "discovery", "memory", "default", "1.0"), discovery);
    connections::ConnectionResolver resolver(
        config::ConfigParams::from_string("connection.discovery_key=db;connection.protocol=postgres"), references);
    const auto cache = connections::ConnectionParams::from_string("discovery_key=cache;host=redis");

    BOOST_TEST(resolver.resolve("")->to_string() == "discovery_key=db;protocol=postgres;host=10.0.0.5;port=5432");
    BOOST_TEST(resolver.register_connection("", cache));
    BOOST_TEST(interface.resolve_one("", "cache")->get_host().value_or("<none>") == "redis");
    BOOST_TEST(interface.register_connection("", "db", connections::ConnectionParams::from_string("host=h2")).to_string() ==
               "host=h2");
    BOOST_TEST(interface.resolve_all("", "db").size() == 2U);
    BOOST_TEST(resolver.get_all().size() == 2U);
    BOOST_TEST(resolver.resolve_all("").size() == 3U);  // two under `db`, one under `cache`
}

BOOST_AUTO_TEST_CASE(composite_connection_resolver) {
    const connections::ConnectionRules defaults;
    const connections::CompositeConnectionResolver plain(defaults);
    UriResolver resolver;
    refer::References references;
    resolver.configure(config::ConfigParams::from_string("connection.host=api;credential.username=svc"));
    resolver.set_references(references);

    BOOST_TEST(defaults.cluster_supported);
    BOOST_TEST(resolver.resolve("").to_string() == "host=api;username=svc;uri=http://svc@api:8080");
    BOOST_TEST(plain.compose("", {connections::ConnectionParams::from_string("protocol=http;host=h;port=1")},
                             auth::CredentialParams::from_string("username=u"), config::ConfigParams())
                   .to_string() == "protocol=http;host=h;port=1;username=u");
    BOOST_CHECK_THROW((void)plain.compose("", {connections::ConnectionParams::from_string("host=h")}, std::nullopt,
                                          config::ConfigParams()),
                      errors::ConfigException);
}

BOOST_AUTO_TEST_CASE(default_discovery_factory_makes_a_memory_discovery) {
    const connections::DefaultDiscoveryFactory factory;
    const build::IFactory& interface = factory;
    const refer::Descriptor locator("pip-services", "discovery", "memory", "default", "1.0");

    BOOST_TEST(connections::DefaultDiscoveryFactory::descriptor().to_string() ==
               "pip-services:factory:discovery:default:1.0");
    BOOST_TEST(interface.can_create(locator)->to_string() ==
               connections::DefaultDiscoveryFactory::memory_discovery_descriptor().to_string());
    BOOST_TEST(interface.create<connections::MemoryDiscovery>(locator) != nullptr);
    BOOST_TEST(!interface.create<connections::IDiscovery>(locator)->resolve_one("", "any").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
