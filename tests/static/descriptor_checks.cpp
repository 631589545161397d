// Compile-time behaviour of DescriptorView and the `_descriptor` literal: this file passes by compiling.
// Each check comes with its negative counterpart, so a rule that silently became "always true" fails here.
#include <concepts>
#include <optional>
#include <string_view>
import pip.refer;

using namespace pip::refer;
using namespace std::string_view_literals;

namespace {

constexpr auto logger = "pip-services:logger:console:default:1.0"_descriptor;

// The literal is a DescriptorView, evaluated at compile time, that converts to an owning Descriptor.
static_assert(std::same_as<decltype("g:t:k:n:v"_descriptor), DescriptorView>);
static_assert(std::convertible_to<DescriptorView, Descriptor>);
static_assert(logger.group() == "pip-services"sv && logger.type() == "logger"sv && logger.kind() == "console"sv &&
              logger.name() == "default"sv && logger.version() == "1.0"sv);

// match: wildcards on either side match anything; values compare exactly and case-sensitively.
static_assert(logger.match("pip-services:logger:*:*:1.0"_descriptor));
static_assert("pip-services:logger:*:*:1.0"_descriptor.match(logger));  // symmetric
static_assert(logger.match("*:*:*:*:*"_descriptor));
static_assert(logger.match(DescriptorView{}));  // a default view is all wildcards
static_assert(!logger.match("pip-services:counters:*:*:1.0"_descriptor));
static_assert(!logger.match("pip-services:logger:console:default:2.0"_descriptor));
static_assert(!logger.match("Pip-Services:logger:console:default:1.0"_descriptor));

// exact_match: field by field, a wildcard equals only a wildcard.
static_assert(logger.exact_match("pip-services:logger:console:default:1.0"_descriptor));
static_assert("g:t:*:*:v"_descriptor.exact_match("g:t:*:*:v"_descriptor));
static_assert(!logger.exact_match("pip-services:logger:*:default:1.0"_descriptor));
static_assert(!"g:t:*:*:v"_descriptor.exact_match("g:t:k:*:v"_descriptor));

// is_complete: no field is a wildcard.
static_assert(logger.is_complete());
static_assert(!"pip-services:logger:console:default:*"_descriptor.is_complete());
static_assert(!"*:logger:console:default:1.0"_descriptor.is_complete());
static_assert(!DescriptorView{}.is_complete());

// Fields are trimmed, so " * " is the wildcard and " g " the value "g".
static_assert(!"g:t: * :n:v"_descriptor.kind().has_value());
static_assert("g:t: * :n:v"_descriptor.exact_match("g:t:*:n:v"_descriptor));
static_assert(" g : t :k:n: v "_descriptor.exact_match("g:t:k:n:v"_descriptor));
static_assert(!"g:t: *x :n:v"_descriptor.exact_match("g:t:*:n:v"_descriptor));  // only a lone "*" is a wildcard

// "" is an ordinary value, not a wildcard.
constexpr auto unnamed = "g:t:k::v"_descriptor;
static_assert(unnamed.name().has_value() && unnamed.name() == ""sv);
static_assert(unnamed.is_complete());
static_assert(unnamed.match("g:t:k::v"_descriptor));
static_assert(unnamed.match("g:t:k:*:v"_descriptor));
static_assert(!unnamed.match("g:t:k:n:v"_descriptor));
static_assert(!unnamed.exact_match("g:t:k:*:v"_descriptor));

// The literal carries its field hashes, computed by the compiler with the function the index uses at run time.
static_assert(logger.hashed && !DescriptorView{}.hashed);
static_assert(logger.hash() == DescriptorView{{"pip-services", "logger", "console", "default", "1.0"}}.hash());
static_assert(logger.hash() != "pip-services:logger:console:default:2.0"_descriptor.hash());
static_assert("g:*:k:n:v"_descriptor.field_hash(1) == DescriptorView{}.field_hash(1));  // the wildcard's hash

// parse: exactly five fields, otherwise no view.
static_assert(DescriptorView::parse("g:t:k:n:v").has_value());
static_assert(DescriptorView::parse("g:t:k:n:v")->exact_match("g:t:k:n:v"_descriptor));
static_assert(DescriptorView::parse("::::").has_value());  // five empty values
static_assert(DescriptorView::parse("::::")->is_complete());
static_assert(!DescriptorView::parse("g:t:k:n").has_value());
static_assert(!DescriptorView::parse("g:t:k:n:v:x").has_value());
static_assert(!DescriptorView::parse("").has_value());

}  // namespace
