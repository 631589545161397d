// Property checks for the libFuzzer targets. A broken property aborts; libFuzzer reports that as a crash and
// saves the input as a reproducer.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <source_location>
#include <string_view>

namespace pip::fuzz {

inline void require(bool holds, std::string_view property,
                    std::source_location where = std::source_location::current()) {
    if (holds) return;
    std::fprintf(stderr, "%s:%u: property broken: %.*s\n", where.file_name(), static_cast<unsigned>(where.line()),
                 static_cast<int>(property.size()), property.data());
    std::abort();
}

/// The fuzzer's bytes as text (libFuzzer inputs may hold any byte, NUL included).
inline std::string_view as_text(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace pip::fuzz
