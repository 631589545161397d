#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"
#include <thread>
import pip.refer;

using namespace pip::refer;

namespace {

struct Animal {
    virtual ~Animal() = default;
    [[nodiscard]] virtual std::string sound() const = 0;
};
struct Dog : Animal {
    [[nodiscard]] std::string sound() const override { return "woof"; }
};
struct Puppy : Dog {
    [[nodiscard]] std::string sound() const override { return "yip"; }
};

// Multiple inheritance: Named sits at a non-zero offset inside Robot.
struct Serial {
    virtual ~Serial() = default;
    long long serial = 1234;
};
struct Named {
    virtual ~Named() = default;
    std::string name = "robby";
};
struct Robot : Serial, Named {};

// A diamond through virtual inheritance: one shared Root.
struct Root {
    virtual ~Root() = default;
    int root_value = 7;
};
struct Left : virtual Root {
    int left_value = 1;
};
struct Right : virtual Root {
    int right_value = 2;
};
struct Diamond : Left, Right {};

// A diamond without virtual inheritance: Root is an ambiguous base.
struct PlainLeft : Root {};
struct PlainRight : Root {};
struct AmbiguousDiamond : PlainLeft, PlainRight {};

struct Hidden {
    virtual ~Hidden() = default;
};
struct PrivatelyHidden : private Hidden {};

// Not polymorphic, single and multiple inheritance.
struct PlainBase {
    int value = 3;
};
struct PlainOther {
    int other = 4;
};
struct PlainDerived : PlainBase, PlainOther {};

struct Unrelated {
    virtual ~Unrelated() = default;
};

// references_test.cpp declares types of the same names in its own anonymous namespace, with another layout.
// clang with libstdc++ gives such types equal std::type_info, so a cast cache keyed by type would mix them up.
struct TwinOther {
    virtual ~TwinOther() = default;
    int other = 1;
};
struct TwinBase {
    virtual ~TwinBase() = default;
    int base = 2;
};
struct Twin : TwinOther, TwinBase {};

// A service implementing interfaces side by side, as factories return it: put as one, found as the others.
struct IRepo {
    virtual ~IRepo() = default;
    [[nodiscard]] virtual std::string table() const = 0;
};
struct IOpen {
    virtual ~IOpen() = default;
    [[nodiscard]] virtual bool opened() const = 0;
};
struct Repo : IRepo, IOpen, PlainBase {
    [[nodiscard]] std::string table() const override { return "users"; }
    [[nodiscard]] bool opened() const override { return true; }
};
// Its IOpen is private: dynamic_cast does not reach it, from any side.
struct SecretRepo : IRepo, private IOpen {
    [[nodiscard]] std::string table() const override { return "secrets"; }
    [[nodiscard]] bool opened() const override { return false; }
};

// Not polymorphic, with a private base and with a virtual base (a vtable but no virtual function).
struct PlainPrivate : private PlainBase {};
struct VirtualOnly : virtual PlainBase {
    int own = 5;
};

/// as<T>() finds what dynamic_cast<T*> finds from the pointer `put` the component was put as, and is<T>() says
/// whether it does.
template <class T, class P>
void check_agrees_with_dynamic_cast(const AnyComponent& component, const std::shared_ptr<P>& put) {
    const void* expected = dynamic_cast<T*>(put.get());
    BOOST_TEST(static_cast<const void*>(component.as<T>().get()) == expected,
               "as<" << typeid(T).name() << "> of a component put as " << typeid(P).name());
    BOOST_TEST(component.is<T>() == (expected != nullptr),
               "is<" << typeid(T).name() << "> of a component put as " << typeid(P).name());
}

/// The same for every T of Targets.
template <class... Targets, class P>
void check_agrees_with_dynamic_cast(const std::shared_ptr<P>& put) {
    const AnyComponent component(put);
    (check_agrees_with_dynamic_cast<Targets>(component, put), ...);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(component)

BOOST_AUTO_TEST_CASE(cast_to_the_put_type_returns_the_same_object) {
    // Arrange
    const auto dog = std::make_shared<Dog>();
    const AnyComponent component(dog);

    // Act
    const auto found = component.as<Dog>();

    // Assert
    BOOST_TEST(found == dog);
    BOOST_TEST((component.type() == typeid(Dog)));
    BOOST_TEST(static_cast<bool>(component));
}

BOOST_AUTO_TEST_CASE(cast_to_a_public_base) {
    // Arrange
    const auto puppy = std::make_shared<Puppy>();
    const AnyComponent component(puppy);

    // Act
    const auto as_dog = component.as<Dog>();
    const auto as_animal = component.as<Animal>();

    // Assert
    BOOST_TEST_REQUIRE(as_dog != nullptr);
    BOOST_TEST_REQUIRE(as_animal != nullptr);
    BOOST_TEST(as_dog.get() == static_cast<Dog*>(puppy.get()));
    BOOST_TEST(as_animal.get() == static_cast<Animal*>(puppy.get()));
    BOOST_TEST(as_animal->sound() == "yip");
}

BOOST_AUTO_TEST_CASE(cast_to_a_base_at_a_non_zero_offset) {
    // Arrange
    const auto robot = std::make_shared<Robot>();
    const AnyComponent component(robot);
    const auto* expected = static_cast<Named*>(robot.get());
    BOOST_TEST_REQUIRE(static_cast<const void*>(expected) != static_cast<const void*>(robot.get()));

    // Act
    const auto named = component.as<Named>();
    const auto serial = component.as<Serial>();

    // Assert
    BOOST_TEST_REQUIRE(named != nullptr);
    BOOST_TEST(named.get() == expected);
    BOOST_TEST(named->name == "robby");
    BOOST_TEST_REQUIRE(serial != nullptr);
    BOOST_TEST(serial->serial == 1234);
}

BOOST_AUTO_TEST_CASE(repeated_casts_give_the_same_pointer) {
    // Arrange: the second cast comes from the cache
    const auto robot = std::make_shared<Robot>();
    const AnyComponent component(robot);

    // Act
    const auto first = component.as<Named>();
    const auto second = component.as<Named>();
    const auto missing_first = component.as<Unrelated>();
    const auto missing_second = component.as<Unrelated>();

    // Assert
    BOOST_TEST(first.get() == second.get());
    BOOST_TEST(first.get() == static_cast<Named*>(robot.get()));
    BOOST_TEST(missing_first == nullptr);
    BOOST_TEST(missing_second == nullptr);
}

BOOST_AUTO_TEST_CASE(cast_to_a_virtual_base) {
    // Arrange
    const auto diamond = std::make_shared<Diamond>();
    const AnyComponent component(diamond);

    // Act
    const auto root = component.as<Root>();
    const auto left = component.as<Left>();
    const auto right = component.as<Right>();

    // Assert
    BOOST_TEST_REQUIRE(root != nullptr);
    BOOST_TEST(root.get() == static_cast<Root*>(diamond.get()));
    BOOST_TEST(root->root_value == 7);
    BOOST_TEST_REQUIRE(left != nullptr);
    BOOST_TEST(left->left_value == 1);
    BOOST_TEST_REQUIRE(right != nullptr);
    BOOST_TEST(right.get() == static_cast<Right*>(diamond.get()));
    BOOST_TEST(right->right_value == 2);
}

BOOST_AUTO_TEST_CASE(cast_to_a_virtual_base_of_an_intermediate_type) {
    // Arrange: put as Right, whose virtual Root lies where the complete Diamond puts it
    const auto diamond = std::make_shared<Diamond>();
    const AnyComponent component{std::shared_ptr<Right>(diamond)};

    // Act
    const auto root = component.as<Root>();
    const auto left = component.as<Left>();

    // Assert
    BOOST_TEST_REQUIRE(root != nullptr);
    BOOST_TEST(root.get() == static_cast<Root*>(diamond.get()));
    BOOST_TEST(left.get() == static_cast<Left*>(diamond.get()));  // a cross-cast within the Diamond
}

BOOST_AUTO_TEST_CASE(casts_are_right_for_every_object_of_a_type) {
    // Arrange: several objects of one layout, so later casts may reuse what the first one computed
    std::vector<std::shared_ptr<Robot>> robots;
    std::vector<AnyComponent> components;
    for (int i = 0; i < 3; ++i) {
        robots.push_back(std::make_shared<Robot>());
        robots.back()->name = "robot" + std::to_string(i);
        components.emplace_back(robots.back());
    }

    // Act / Assert
    for (std::size_t i = 0; i < robots.size(); ++i) {
        const auto named = components[i].as<Named>();
        BOOST_TEST_REQUIRE(named != nullptr);
        BOOST_TEST(named.get() == static_cast<Named*>(robots[i].get()));
        BOOST_TEST(named->name == "robot" + std::to_string(i));
    }
}

BOOST_AUTO_TEST_CASE(virtual_base_offsets_depend_on_the_complete_object) {
    // Arrange: both components are put as Left, but Root lies elsewhere in a Left than in a Diamond
    const auto alone = std::make_shared<Left>();
    const auto diamond = std::make_shared<Diamond>();
    const AnyComponent left_alone{std::shared_ptr<Left>(alone)};
    const AnyComponent left_in_diamond{std::shared_ptr<Left>(diamond)};
    const AnyComponent left_alone_again{std::shared_ptr<Left>(std::make_shared<Left>())};

    // Act
    const auto root_alone = left_alone.as<Root>();
    const auto root_in_diamond = left_in_diamond.as<Root>();
    const auto root_alone_again = left_alone_again.as<Root>();

    // Assert
    BOOST_TEST(root_alone.get() == static_cast<Root*>(alone.get()));
    BOOST_TEST(root_in_diamond.get() == static_cast<Root*>(diamond.get()));
    BOOST_TEST_REQUIRE(root_alone_again != nullptr);
    BOOST_TEST(root_alone_again->root_value == 7);
}

BOOST_AUTO_TEST_CASE(casts_depend_on_the_subobject_a_component_points_at) {
    // Arrange: the same complete type, put once as itself and once as its second base
    const auto first = std::make_shared<Robot>();
    const auto second = std::make_shared<Robot>();
    const AnyComponent as_robot(first);
    const AnyComponent as_named{std::shared_ptr<Named>(second)};

    // Act / Assert: each cast lands in its own object
    BOOST_TEST(as_robot.as<Named>().get() == static_cast<Named*>(first.get()));
    BOOST_TEST(as_named.as<Named>().get() == static_cast<Named*>(second.get()));
    BOOST_TEST(as_named.as<Serial>().get() == static_cast<Serial*>(second.get()));
    BOOST_TEST(as_named.as<Robot>().get() == second.get());
    BOOST_TEST(as_robot.as<Serial>().get() == static_cast<Serial*>(first.get()));
}

BOOST_AUTO_TEST_CASE(same_named_types_of_another_file_do_not_share_casts) {
    // Arrange
    const auto twin = std::make_shared<Twin>();
    const AnyComponent component(twin);

    // Act
    const auto base = component.as<TwinBase>();

    // Assert
    BOOST_TEST_REQUIRE(base != nullptr);
    BOOST_TEST(base.get() == static_cast<TwinBase*>(twin.get()));
    BOOST_TEST(base->base == 2);
}

BOOST_AUTO_TEST_CASE(ambiguous_or_private_bases_are_not_found) {
    // Arrange
    const AnyComponent ambiguous(std::make_shared<AmbiguousDiamond>());
    const AnyComponent hidden(std::make_shared<PrivatelyHidden>());

    // Act / Assert
    BOOST_TEST(ambiguous.as<Root>() == nullptr);
    BOOST_TEST(ambiguous.as<PlainLeft>() != nullptr);
    BOOST_TEST(hidden.as<Hidden>() == nullptr);
    BOOST_TEST(hidden.as<PrivatelyHidden>() != nullptr);
}

BOOST_AUTO_TEST_CASE(wrong_type_gives_null) {
    // Arrange
    const AnyComponent dog(std::make_shared<Dog>());
    const AnyComponent number(std::make_shared<int>(5));

    // Act / Assert
    BOOST_TEST(dog.as<Puppy>() == nullptr);  // a derived type the object is not
    BOOST_TEST(dog.as<Unrelated>() == nullptr);
    BOOST_TEST(dog.as<Robot>() == nullptr);
    BOOST_TEST(dog.as<int>() == nullptr);
    BOOST_TEST(number.as<long>() == nullptr);
    BOOST_TEST(number.as<unsigned>() == nullptr);
    BOOST_TEST_REQUIRE(number.as<int>() != nullptr);
    BOOST_TEST(*number.as<int>() == 5);
}

BOOST_AUTO_TEST_CASE(non_polymorphic_bases_are_found) {
    // Arrange
    const auto derived = std::make_shared<PlainDerived>();
    const AnyComponent component(derived);

    // Act
    const auto base = component.as<PlainBase>();
    const auto other = component.as<PlainOther>();

    // Assert
    BOOST_TEST_REQUIRE(base != nullptr);
    BOOST_TEST(base->value == 3);
    BOOST_TEST_REQUIRE(other != nullptr);
    BOOST_TEST(other.get() == static_cast<PlainOther*>(derived.get()));
    BOOST_TEST(other->other == 4);
}

BOOST_AUTO_TEST_CASE(const_component_is_found_only_as_const) {
    // Arrange
    const std::shared_ptr<const Robot> robot = std::make_shared<Robot>();
    const AnyComponent component(robot);

    // Act / Assert
    BOOST_TEST(component.as<Robot>() == nullptr);
    BOOST_TEST(component.as<Named>() == nullptr);
    BOOST_TEST_REQUIRE(component.as<const Robot>() != nullptr);
    BOOST_TEST(component.as<const Robot>().get() == robot.get());
    BOOST_TEST_REQUIRE(component.as<const Named>() != nullptr);
    BOOST_TEST(component.as<const Named>().get() == static_cast<const Named*>(robot.get()));
    BOOST_TEST(component.as<const Unrelated>() == nullptr);
    BOOST_TEST(!component.is<Robot>());
    BOOST_TEST(!component.is<Named>());
    BOOST_TEST(component.is<const Named>());
    BOOST_TEST(component.is<void>());
}

BOOST_AUTO_TEST_CASE(mutable_component_is_found_as_const_too) {
    // Arrange
    const auto dog = std::make_shared<Dog>();
    const AnyComponent component(dog);

    // Act
    const std::shared_ptr<const Animal> animal = component.as<const Animal>();

    // Assert
    BOOST_TEST(animal.get() == static_cast<const Animal*>(dog.get()));
}

BOOST_AUTO_TEST_CASE(cast_to_void_gives_the_object) {
    // Arrange
    const auto robot = std::make_shared<Robot>();
    const AnyComponent component(robot);

    // Act / Assert
    BOOST_TEST(component.as<void>().get() == static_cast<void*>(robot.get()));
    BOOST_TEST(component.as<const void>().get() == static_cast<const void*>(robot.get()));
}

BOOST_AUTO_TEST_CASE(casts_share_ownership) {
    // Arrange
    std::weak_ptr<Robot> watch;
    std::shared_ptr<Named> named;
    {
        auto robot = std::make_shared<Robot>();
        watch = robot;
        const AnyComponent component(std::move(robot));

        // Act
        named = component.as<Named>();
    }

    // Assert: the base pointer keeps the whole object alive
    BOOST_TEST(!watch.expired());
    BOOST_TEST(named->name == "robby");
    named.reset();
    BOOST_TEST(watch.expired());
}

BOOST_AUTO_TEST_CASE(identity_is_the_object_address_through_any_base) {
    // Arrange
    const auto robot = std::make_shared<Robot>();

    // Act
    const AnyComponent as_robot(robot);
    const AnyComponent as_named{std::shared_ptr<Named>(robot)};

    // Assert
    BOOST_TEST(as_robot.identity() == static_cast<const void*>(robot.get()));
    BOOST_TEST(as_named.identity() == as_robot.identity());
}

BOOST_AUTO_TEST_CASE(copies_share_the_component) {
    // Arrange
    const auto robot = std::make_shared<Robot>();
    const AnyComponent original(robot);
    static_cast<void>(original.as<Named>());  // fill the original's cache

    // Act
    const AnyComponent copy = original;  // NOLINT(performance-unnecessary-copy-initialization)

    // Assert
    BOOST_TEST(copy.as<Named>().get() == static_cast<Named*>(robot.get()));
    BOOST_TEST(copy.identity() == original.identity());
    BOOST_TEST((copy.type() == typeid(Robot)));
}

BOOST_AUTO_TEST_CASE(release_gives_up_the_component) {
    // Arrange
    const auto dog = std::make_shared<Dog>();
    AnyComponent component(dog);

    // Act
    const auto released = component.release();

    // Assert
    BOOST_TEST(released.get() == static_cast<void*>(dog.get()));
    BOOST_TEST(!static_cast<bool>(component));
    BOOST_TEST(component.as<Dog>() == nullptr);
    BOOST_TEST(component.as<Animal>() == nullptr);
}

BOOST_AUTO_TEST_CASE(concurrent_casts_agree) {
    // Arrange
    const auto robot = std::make_shared<Robot>();
    const AnyComponent component(robot);
    const auto* expected = static_cast<Named*>(robot.get());
    std::atomic<int> wrong{0};

    // Act: threads race to fill the cast cache
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (component.as<Named>().get() != expected) ++wrong;
                if (component.as<Unrelated>() != nullptr) ++wrong;
                if (component.as<Serial>() == nullptr) ++wrong;
            }
        });
    for (auto& thread : threads) thread.join();

    // Assert
    BOOST_TEST(wrong.load() == 0);
}

// --- the dynamic_cast rule, whatever pointer type the component was put as ----------------------------------------

BOOST_AUTO_TEST_CASE(found_as_a_sibling_interface_of_the_put_type) {
    // Arrange: put as IRepo, as a factory returns it
    const auto repo = std::make_shared<Repo>();
    const AnyComponent component{std::shared_ptr<IRepo>(repo)};

    // Act
    const auto open = component.as<IOpen>();
    const auto plain = component.as<PlainBase>();

    // Assert: cross-casts, also to a non-polymorphic base of the complete object
    BOOST_TEST_REQUIRE(open != nullptr);
    BOOST_TEST(open.get() == static_cast<IOpen*>(repo.get()));
    BOOST_TEST(open->opened());
    BOOST_TEST(plain.get() == static_cast<PlainBase*>(repo.get()));
}

BOOST_AUTO_TEST_CASE(found_as_the_complete_type_through_a_base_pointer) {
    // Arrange
    const auto puppy = std::make_shared<Puppy>();
    const AnyComponent puppy_as_animal{std::shared_ptr<Animal>(puppy)};
    const AnyComponent dog_as_animal{std::shared_ptr<Animal>(std::make_shared<Dog>())};

    // Act / Assert: down-casts reach what the object is, and no further
    BOOST_TEST(puppy_as_animal.as<Puppy>().get() == puppy.get());
    BOOST_TEST(puppy_as_animal.as<Dog>().get() == static_cast<Dog*>(puppy.get()));
    BOOST_TEST(dog_as_animal.as<Dog>() != nullptr);
    BOOST_TEST(dog_as_animal.as<Puppy>() == nullptr);
}

BOOST_AUTO_TEST_CASE(casts_agree_with_dynamic_cast_from_the_put_pointer) {
    // Arrange
    const auto robot = std::make_shared<Robot>();
    const auto diamond = std::make_shared<Diamond>();
    const auto ambiguous = std::make_shared<AmbiguousDiamond>();
    const auto repo = std::make_shared<Repo>();
    const std::shared_ptr<Root> root_of_left = std::shared_ptr<PlainLeft>(ambiguous);

    // Act / Assert
    check_agrees_with_dynamic_cast<Robot, Serial, Named, Unrelated>(std::shared_ptr<Serial>(robot));
    check_agrees_with_dynamic_cast<Robot, Serial, Named, Unrelated>(std::shared_ptr<Named>(robot));
    check_agrees_with_dynamic_cast<Diamond, Left, Right, Root>(std::shared_ptr<Root>(diamond));
    check_agrees_with_dynamic_cast<Diamond, Left, Right, Root>(std::shared_ptr<Left>(diamond));
    check_agrees_with_dynamic_cast<AmbiguousDiamond, PlainLeft, PlainRight, Root>(std::shared_ptr<PlainRight>(ambiguous));
    check_agrees_with_dynamic_cast<AmbiguousDiamond, PlainLeft, PlainRight, Root>(root_of_left);
    check_agrees_with_dynamic_cast<Repo, IRepo, IOpen, PlainBase, Animal>(std::shared_ptr<IOpen>(repo));
    check_agrees_with_dynamic_cast<Puppy, Dog, Animal, Robot>(std::shared_ptr<Animal>(std::make_shared<Puppy>()));
}

BOOST_AUTO_TEST_CASE(an_ambiguous_base_is_found_only_from_a_side_holding_one_copy) {
    // Arrange: AmbiguousDiamond holds two Roots, one per side
    const auto ambiguous = std::make_shared<AmbiguousDiamond>();
    const AnyComponent whole(ambiguous);
    const AnyComponent left{std::shared_ptr<PlainLeft>(ambiguous)};
    const AnyComponent right{std::shared_ptr<PlainRight>(ambiguous)};

    // Act / Assert: as dynamic_cast, an upcast from the put type first, then the complete object
    BOOST_TEST(whole.as<Root>() == nullptr);
    BOOST_TEST(left.as<Root>().get() == static_cast<Root*>(static_cast<PlainLeft*>(ambiguous.get())));
    BOOST_TEST(right.as<Root>().get() == static_cast<Root*>(static_cast<PlainRight*>(ambiguous.get())));
    BOOST_TEST(left.as<Root>() != right.as<Root>());
    BOOST_TEST(left.as<PlainRight>().get() == static_cast<PlainRight*>(ambiguous.get()));
}

BOOST_AUTO_TEST_CASE(a_private_interface_is_not_found_from_any_side) {
    // Arrange
    const auto secret = std::make_shared<SecretRepo>();
    const AnyComponent as_repo{std::shared_ptr<IRepo>(secret)};
    const AnyComponent as_itself(secret);

    // Act / Assert
    BOOST_TEST(as_repo.as<IOpen>() == nullptr);
    BOOST_TEST(as_itself.as<IOpen>() == nullptr);
    BOOST_TEST(as_repo.as<SecretRepo>().get() == secret.get());
}

BOOST_AUTO_TEST_CASE(a_non_polymorphic_component_is_found_as_its_put_type_and_public_bases_only) {
    // Arrange
    const auto derived = std::make_shared<PlainDerived>();
    const AnyComponent as_base{std::shared_ptr<PlainBase>(derived)};
    const AnyComponent hidden(std::make_shared<PlainPrivate>());
    const auto virtual_only = std::make_shared<VirtualOnly>();
    const AnyComponent through_virtual_base(virtual_only);

    // Act / Assert: no down- or cross-casts without run-time type information
    BOOST_TEST(as_base.as<PlainBase>().get() == static_cast<PlainBase*>(derived.get()));
    BOOST_TEST(as_base.as<PlainDerived>() == nullptr);
    BOOST_TEST(as_base.as<PlainOther>() == nullptr);
    BOOST_TEST(hidden.as<PlainBase>() == nullptr);
    BOOST_TEST(hidden.as<PlainPrivate>() != nullptr);
    BOOST_TEST_REQUIRE(through_virtual_base.as<PlainBase>() != nullptr);
    BOOST_TEST(through_virtual_base.as<PlainBase>().get() == static_cast<PlainBase*>(virtual_only.get()));
    BOOST_TEST(through_virtual_base.as<PlainBase>()->value == 3);
}

BOOST_AUTO_TEST_CASE(a_const_component_is_cross_cast_only_to_const) {
    // Arrange
    const auto repo = std::make_shared<Repo>();
    const AnyComponent component{std::shared_ptr<const IRepo>(repo)};

    // Act / Assert
    BOOST_TEST(component.as<IOpen>() == nullptr);
    BOOST_TEST(component.as<const IOpen>().get() == static_cast<const IOpen*>(repo.get()));
    BOOST_TEST(component.as<const Repo>().get() == repo.get());
    BOOST_TEST(component.is_const());
}

BOOST_AUTO_TEST_CASE(cross_cast_results_share_the_put_pointer_ownership) {
    // Arrange: the component is put through an aliasing pointer into an owner that holds it as a member
    struct Holder {
        Repo repo;
    };
    auto holder = std::make_shared<Holder>();
    const std::weak_ptr<Holder> watch = holder;
    std::shared_ptr<IOpen> open;
    {
        const AnyComponent component{std::shared_ptr<IRepo>(holder, &holder->repo)};
        holder.reset();

        // Act
        open = component.as<IOpen>();
    }

    // Assert: the cast points into the member and keeps the owner alive, alone
    BOOST_TEST_REQUIRE(open != nullptr);
    BOOST_TEST(!watch.expired());
    BOOST_TEST(open.get() == static_cast<IOpen*>(&watch.lock()->repo));
    BOOST_TEST(open.use_count() == 1);
    open.reset();
    BOOST_TEST(watch.expired());
}

BOOST_AUTO_TEST_CASE(object_type_is_the_most_derived_type) {
    // Arrange
    const auto repo = std::make_shared<Repo>();
    const AnyComponent polymorphic{std::shared_ptr<IOpen>(repo)};
    const AnyComponent plain{std::shared_ptr<PlainBase>(std::make_shared<PlainDerived>())};

    // Act / Assert
    BOOST_TEST((polymorphic.type() == typeid(IOpen)));
    BOOST_TEST((polymorphic.object_type() == typeid(Repo)));
    BOOST_TEST((plain.object_type() == typeid(PlainBase)));  // without run-time type information, the put type
}

// --- Reference: a locator with its component --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(reference_matches_its_locator) {
    // Arrange
    const Reference reference(Descriptor("g", "t", "k", "n", "1.0"), AnyComponent(std::make_shared<Dog>()));

    // Act / Assert
    BOOST_TEST(reference.match(Descriptor("g", "t", "*", "*", "*")));
    BOOST_TEST(!reference.match(Descriptor("g", "x", "*", "*", "*")));
    BOOST_TEST(!reference.match("g:t:k:n:1.0"));
    BOOST_TEST(reference.get_locator().descriptor() != nullptr);
    BOOST_TEST(reference.get_component().as<Animal>() != nullptr);
}

BOOST_AUTO_TEST_CASE(reference_matches_its_component_through_any_base) {
    // Arrange
    const auto robot = std::make_shared<Robot>();
    const Reference reference("robot", AnyComponent(robot));

    // Act / Assert
    BOOST_TEST(reference.match(robot));
    BOOST_TEST(reference.match(std::shared_ptr<Named>(robot)));
    BOOST_TEST(reference.match(std::shared_ptr<Serial>(robot)));
    BOOST_TEST(!reference.match(std::make_shared<Robot>()));
    BOOST_TEST(!reference.match(std::shared_ptr<Robot>{}));
}

BOOST_AUTO_TEST_SUITE_END()
