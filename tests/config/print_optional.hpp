// Lets BOOST_TEST compare and print std::optional values (ConfigParams getters return them).
// Include after <boost/test/unit_test.hpp> and before any `import`.
#pragma once

#include <boost/test/unit_test.hpp>

#include "pip_std.hpp"

namespace boost::test_tools::tt_detail {

template <class T>
struct print_log_value<std::optional<T>> {
    void operator()(std::ostream& out, const std::optional<T>& value) {
        if (!value)
            out << "<no value>";
        else if constexpr (std::same_as<T, std::string>)
            out << '"' << *value << '"';
        else if constexpr (std::same_as<T, bool>)
            out << (*value ? "true" : "false");
        else
            out << *value;
    }
};

}  // namespace boost::test_tools::tt_detail
