#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
import pip.refer;

using namespace pip::refer;

namespace {

using Log = std::vector<std::string>;

/// Records every life-cycle call into a shared log.
struct Recorder : IReferenceable, IUnreferenceable {
    Recorder(std::string n, Log& l) : name(std::move(n)), log(&l) {}
    void set_references(IReferences& references) override {
        received = &references;
        log->push_back("set " + name);
    }
    void unset_references() override {
        received = nullptr;
        log->push_back("unset " + name);
    }
    std::string name;
    Log* log;
    IReferences* received = nullptr;
};

/// Referenceable only.
struct SetOnly : IReferenceable {
    void set_references(IReferences& references) override { received = &references; }
    IReferences* received = nullptr;
};

/// Unreferenceable only.
struct UnsetOnly : IUnreferenceable {
    void unset_references() override { ++unset_calls; }
    int unset_calls = 0;
};

struct Plain {
    int value = 0;
};
struct PolymorphicPlain {
    virtual ~PolymorphicPlain() = default;
};

/// Seen through a base that is not IReferenceable; the object itself is.
struct Service {
    virtual ~Service() = default;
};
struct ReferenceableService : Service, IReferenceable {
    void set_references(IReferences& references) override { received = &references; }
    IReferences* received = nullptr;
};

struct WiringError : std::runtime_error {
    WiringError(std::string message, int c) : std::runtime_error(std::move(message)), code(c) {}
    int code;
};

/// Fails while it is being referenced.
struct Failing : IReferenceable {
    void set_references(IReferences&) override { throw WiringError("cannot wire", 17); }
};

/// Fails while it is being unreferenced.
struct FailingUnset : IUnreferenceable {
    void unset_references() override { throw WiringError("cannot unwire", 3); }
};

/// A repository as a factory returns it: put as IRepo, its life-cycle interfaces are siblings of IRepo.
struct IRepo {
    virtual ~IRepo() = default;
};
struct RepoService : IRepo, IReferenceable, IUnreferenceable {
    void set_references(IReferences& references) override { received = &references; }
    void unset_references() override { received = nullptr; }
    IReferences* received = nullptr;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(referencer)

// --- one component ----------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(set_references_for_one_calls_a_referenceable_component) {
    // Arrange
    References refs;
    Log log;
    const auto component = std::make_shared<Recorder>("r", log);

    // Act
    Referencer::set_references_for_one(refs, component);

    // Assert
    BOOST_TEST(component->received == &refs);
    BOOST_TEST(log == (Log{"set r"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(set_references_for_one_ignores_other_components) {
    // Arrange
    References refs;
    const auto plain = std::make_shared<Plain>();
    const auto polymorphic = std::make_shared<PolymorphicPlain>();
    const auto unset_only = std::make_shared<UnsetOnly>();

    // Act / Assert: nothing to call, nothing thrown
    BOOST_CHECK_NO_THROW(Referencer::set_references_for_one(refs, plain));
    BOOST_CHECK_NO_THROW(Referencer::set_references_for_one(refs, polymorphic));
    BOOST_CHECK_NO_THROW(Referencer::set_references_for_one(refs, unset_only));
    BOOST_TEST(unset_only->unset_calls == 0);
}

BOOST_AUTO_TEST_CASE(set_references_for_one_finds_the_interface_behind_a_base_pointer) {
    // Arrange
    References refs;
    const auto service = std::make_shared<ReferenceableService>();
    const std::shared_ptr<Service> as_base = service;

    // Act
    Referencer::set_references_for_one(refs, as_base);

    // Assert
    BOOST_TEST(service->received == &refs);
}

BOOST_AUTO_TEST_CASE(set_references_for_one_accepts_a_null_component) {
    // Arrange
    References refs;

    // Act / Assert
    BOOST_CHECK_NO_THROW(Referencer::set_references_for_one(refs, std::shared_ptr<SetOnly>{}));
    BOOST_CHECK_NO_THROW(Referencer::set_references_for_one(refs, std::shared_ptr<Service>{}));
}

BOOST_AUTO_TEST_CASE(unset_references_for_one_calls_an_unreferenceable_component) {
    // Arrange
    Log log;
    References refs;
    const auto recorder = std::make_shared<Recorder>("r", log);
    const auto unset_only = std::make_shared<UnsetOnly>();
    const auto set_only = std::make_shared<SetOnly>();
    Referencer::set_references_for_one(refs, recorder);

    // Act
    Referencer::unset_references_for_one(recorder);
    Referencer::unset_references_for_one(unset_only);
    Referencer::unset_references_for_one(set_only);
    Referencer::unset_references_for_one(std::make_shared<Plain>());

    // Assert
    BOOST_TEST(recorder->received == nullptr);
    BOOST_TEST(log == (Log{"set r", "unset r"}), boost::test_tools::per_element());
    BOOST_TEST(unset_only->unset_calls == 1);
}

// --- many components --------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(set_references_calls_each_component_in_order) {
    // Arrange
    References refs;
    Log log;
    const std::vector<std::shared_ptr<IReferenceable>> components{std::make_shared<Recorder>("a", log),
                                                                  std::make_shared<SetOnly>(),
                                                                  std::make_shared<Recorder>("b", log)};

    // Act
    Referencer::set_references(refs, components);

    // Assert
    BOOST_TEST(log == (Log{"set a", "set b"}), boost::test_tools::per_element());
    BOOST_TEST(std::static_pointer_cast<SetOnly>(components[1])->received == &refs);
}

BOOST_AUTO_TEST_CASE(set_references_skips_non_referenceable_components) {
    // Arrange
    References refs;
    Log log;
    const auto recorder = std::make_shared<Recorder>("r", log);
    const std::vector<std::shared_ptr<PolymorphicPlain>> plain{std::make_shared<PolymorphicPlain>()};
    const std::vector<std::shared_ptr<Recorder>> recorders{recorder};

    // Act
    Referencer::set_references(refs, plain);
    Referencer::set_references(refs, recorders);

    // Assert
    BOOST_TEST(log == (Log{"set r"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(set_references_of_no_components_does_nothing) {
    References refs;
    BOOST_CHECK_NO_THROW(Referencer::set_references(refs, std::vector<std::shared_ptr<Recorder>>{}));
}

BOOST_AUTO_TEST_CASE(set_references_wires_every_registered_component_oldest_first) {
    // Arrange
    Log log;
    References refs;
    const auto first = std::make_shared<Recorder>("first", log);
    const auto second = std::make_shared<Recorder>("second", log);
    const auto set_only = std::make_shared<SetOnly>();
    refs.put("a", first);
    refs.put("plain", std::make_shared<Plain>());
    refs.put(Descriptor("g", "t", "k", "n", "1.0"), set_only);
    refs.put("b", second);

    // Act
    Referencer::set_references(refs);

    // Assert
    BOOST_TEST(log == (Log{"set first", "set second"}), boost::test_tools::per_element());
    BOOST_TEST(first->received == &refs);
    BOOST_TEST(second->received == &refs);
    BOOST_TEST(set_only->received == &refs);
}

BOOST_AUTO_TEST_CASE(set_references_wires_a_component_put_as_a_sibling_interface) {
    // Arrange
    References refs;
    const auto repo = std::make_shared<RepoService>();
    refs.put(Descriptor("pip", "repo", "memory", "default", "1.0"), std::shared_ptr<IRepo>(repo));

    // Act
    Referencer::set_references(refs);
    const auto* wired = repo->received;
    Referencer::unset_references(refs);

    // Assert
    BOOST_TEST(wired == &refs);
    BOOST_TEST(repo->received == nullptr);
}

BOOST_AUTO_TEST_CASE(set_references_wires_a_list_of_sibling_interface_pointers) {
    // Arrange
    References refs;
    const auto repo = std::make_shared<RepoService>();
    const std::vector<std::shared_ptr<IRepo>> components{repo};

    // Act
    Referencer::set_references(refs, components);

    // Assert
    BOOST_TEST(repo->received == &refs);
}

BOOST_AUTO_TEST_CASE(unset_references_calls_each_component) {
    // Arrange
    Log log;
    const auto a = std::make_shared<Recorder>("a", log);
    const auto unset_only = std::make_shared<UnsetOnly>();
    const std::vector<std::shared_ptr<IUnreferenceable>> components{a, unset_only};

    // Act
    Referencer::unset_references(components);

    // Assert
    BOOST_TEST(log == (Log{"unset a"}), boost::test_tools::per_element());
    BOOST_TEST(unset_only->unset_calls == 1);
}

BOOST_AUTO_TEST_CASE(unset_references_unwires_every_registered_component) {
    // Arrange
    Log log;
    References refs;
    const auto unset_only = std::make_shared<UnsetOnly>();
    refs.put("a", std::make_shared<Recorder>("a", log));
    refs.put("s", std::make_shared<SetOnly>());
    refs.put("u", unset_only);
    refs.put("b", std::make_shared<Recorder>("b", log));

    // Act
    Referencer::unset_references(refs);

    // Assert
    BOOST_TEST(log == (Log{"unset a", "unset b"}), boost::test_tools::per_element());
    BOOST_TEST(unset_only->unset_calls == 1);
}

BOOST_AUTO_TEST_CASE(a_full_life_cycle) {
    // Arrange
    Log log;
    References refs;
    refs.put("a", std::make_shared<Recorder>("a", log));
    refs.put("b", std::make_shared<Recorder>("b", log));

    // Act
    Referencer::set_references(refs);
    Referencer::unset_references(refs);

    // Assert
    BOOST_TEST(log == (Log{"set a", "set b", "unset a", "unset b"}), boost::test_tools::per_element());
}

// --- failures ---------------------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_failing_component_stops_wiring_and_is_named_in_the_exception) {
    // Arrange
    Log log;
    References refs;
    const auto before = std::make_shared<Recorder>("before", log);
    const auto after = std::make_shared<Recorder>("after", log);
    refs.put("a", before);
    refs.put("b", std::make_shared<Failing>());
    refs.put("c", after);

    // Act
    std::optional<ReferenceException> error;
    try {
        Referencer::set_references(refs);
    } catch (const ReferenceException& e) {
        error = e;
    }

    // Assert: the component's locator and type in the message, the original exception as the cause
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->message() == "set_references failed for component b of type (anonymous namespace)::Failing: cannot wire");
    BOOST_TEST(error->code() == "REF_ERROR");
    BOOST_TEST(error->details().at("component") == "b");
    BOOST_TEST(error->details().at("component_type") == "(anonymous namespace)::Failing");
    BOOST_CHECK_EXCEPTION(std::rethrow_exception(error->cause()), WiringError,
                          [](const WiringError& cause) { return cause.code == 17; });
    BOOST_TEST(before->received == &refs);
    BOOST_TEST(after->received == nullptr);
    BOOST_TEST(log == (Log{"set before"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failing_component_in_a_list_stops_wiring_and_is_named_by_its_type) {
    // Arrange
    Log log;
    References refs;
    const auto before = std::make_shared<Recorder>("before", log);
    const auto after = std::make_shared<Recorder>("after", log);
    const std::vector<std::shared_ptr<IReferenceable>> components{before, std::make_shared<Failing>(), after};

    // Act / Assert: the most derived type, though the list holds IReferenceable pointers
    BOOST_CHECK_EXCEPTION(Referencer::set_references(refs, components), ReferenceException,
                          [](const ReferenceException& e) {
                              return e.message() ==
                                         "set_references failed for a component of type (anonymous namespace)::Failing: "
                                         "cannot wire" &&
                                     !e.details().contains("component") && e.cause() != nullptr;
                          });
    BOOST_TEST(log == (Log{"set before"}), boost::test_tools::per_element());
    BOOST_TEST(after->received == nullptr);
}

BOOST_AUTO_TEST_CASE(a_failing_unset_references_is_named_in_the_exception) {
    // Arrange
    References refs;
    refs.put(Descriptor("pip", "repo", "memory", "default", "1.0"), std::make_shared<FailingUnset>());
    const std::vector<std::shared_ptr<IUnreferenceable>> components{std::make_shared<FailingUnset>()};

    // Act
    const auto registered = [&] { Referencer::unset_references(refs); };
    const auto listed = [&] { Referencer::unset_references(components); };

    // Assert
    BOOST_CHECK_EXCEPTION(registered(), ReferenceException, [](const ReferenceException& e) {
        return e.message() ==
                   "unset_references failed for component pip:repo:memory:default:1.0 of type "
                   "(anonymous namespace)::FailingUnset: cannot unwire" &&
               e.details().at("component") == "pip:repo:memory:default:1.0";
    });
    BOOST_CHECK_EXCEPTION(listed(), ReferenceException, [](const ReferenceException& e) {
        return e.message() ==
               "unset_references failed for a component of type (anonymous namespace)::FailingUnset: cannot unwire";
    });
}

BOOST_AUTO_TEST_CASE(a_pip_exception_keeps_its_type_and_details_and_names_the_component) {
    // Arrange
    struct FailingWithDetails : IReferenceable {
        void set_references(IReferences& references) override {
            static_cast<void>(references.get_one_required(Descriptor("*", "missing", "*", "*", "*")));
        }
    };
    References refs;
    refs.put("x", std::make_shared<FailingWithDetails>());

    // Act
    std::optional<ReferenceException> error;
    try {
        Referencer::set_references(refs);
    } catch (const ReferenceException& e) {
        error = e;
    }

    // Assert: the lookup's own exception, its message now naming the component
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->code() == "REF_ERROR");
    BOOST_TEST(error->details().at("locator") == "*:missing:*:*:*");
    BOOST_TEST(error->details().at("component") == "x");
    BOOST_TEST(error->message().starts_with("set_references failed for component x of type "));
    BOOST_TEST(error->message().ends_with(": Failed to obtain reference to *:missing:*:*:*"));
    BOOST_TEST(!error->cause());
}

BOOST_AUTO_TEST_CASE(a_referenced_component_may_look_up_its_dependencies) {
    // Arrange: a component resolving its dependency while being wired (no deadlock, sees every registration)
    struct NeedsLogger : IReferenceable {
        void set_references(IReferences& references) override {
            logger = references.get_one_required<std::string>(Descriptor("*", "logger", "*", "*", "*"));
        }
        std::shared_ptr<std::string> logger;
    };
    References refs;
    const auto needs = std::make_shared<NeedsLogger>();
    refs.put("consumer", needs);
    refs.put(Descriptor("pip", "logger", "console", "default", "1.0"), std::make_shared<std::string>("console"));

    // Act
    Referencer::set_references(refs);

    // Assert
    BOOST_TEST_REQUIRE(needs->logger != nullptr);
    BOOST_TEST(*needs->logger == "console");
}

BOOST_AUTO_TEST_SUITE_END()
