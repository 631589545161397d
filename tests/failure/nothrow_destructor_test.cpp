// No exported class has a throwing destructor, and every interface can be deleted through its base.
// Checked at compile time; the test case only makes the file's passing visible in the report.
#include <boost/test/unit_test.hpp>
#include <type_traits>
import pip.connect;

namespace {

template <class... Classes>
constexpr bool all_nothrow_destructible = (std::is_nothrow_destructible_v<Classes> && ...);

template <class... Interfaces>
constexpr bool all_have_virtual_destructors = (std::has_virtual_destructor_v<Interfaces> && ...);

namespace errors = pip::errors;
namespace config = pip::config;
namespace refer = pip::refer;
namespace build = pip::build;
namespace auth = pip::auth;
namespace connect = pip::connect;

static_assert(all_nothrow_destructible<
              errors::ApplicationException, errors::UnknownException, errors::InternalException,
              errors::ConfigException, errors::InvalidStateException, errors::ConnectionException,
              errors::InvocationException, errors::FileException, errors::BadRequestException,
              errors::UnauthorizedException, errors::NotFoundException, errors::ConflictException,
              errors::UnsupportedException>);
static_assert(all_nothrow_destructible<config::ConfigParams, config::IConfigurable, config::IReconfigurable,
                                       config::NameResolver, config::OptionsResolver>);
static_assert(all_nothrow_destructible<refer::DescriptorView, refer::Descriptor, refer::IntegerKey, refer::AnyLocator,
                                       refer::AnyComponent, refer::Reference, refer::ReferenceException,
                                       refer::IReferences, refer::References, refer::IReferenceable,
                                       refer::IUnreferenceable, refer::Referencer, refer::DependencyResolver>);
static_assert(all_nothrow_destructible<build::CreateException, build::IFactory, build::Factory>);
static_assert(all_nothrow_destructible<auth::CredentialParams, auth::ICredentialStore, auth::MemoryCredentialStore,
                                       auth::CredentialResolver>);
static_assert(all_nothrow_destructible<connect::ConnectionParams, connect::ConnectionUtils, connect::IDiscovery,
                                       connect::MemoryDiscovery, connect::ConnectionResolver, connect::ConnectionRules,
                                       connect::CompositeConnectionResolver, connect::DefaultDiscoveryFactory>);

static_assert(all_have_virtual_destructors<errors::ApplicationException, config::IConfigurable,
                                           config::IReconfigurable, refer::IReferences, refer::IReferenceable,
                                           refer::IUnreferenceable, build::IFactory, auth::ICredentialStore,
                                           connect::IDiscovery, connect::CompositeConnectionResolver>);

}  // namespace

BOOST_AUTO_TEST_CASE(exported_destructors_do_not_throw) {
    BOOST_TEST((all_nothrow_destructible<pip::refer::References, pip::connect::MemoryDiscovery>));
}
