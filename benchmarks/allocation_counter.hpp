// Heap accounting for the benchmarks: allocation_counter.cpp replaces the global operator new/delete of the
// executable it is linked into, so every allocation (the library's included) is counted per thread.
#pragma once
#include <cstddef>

namespace bench {

/// Heap bytes this thread holds through operator new (malloc_usable_size of each block), net of deletes.
/// Blocks freed by another thread than the one that allocated them skew both threads' figures.
[[nodiscard]] std::ptrdiff_t thread_heap_bytes() noexcept;

}  // namespace bench
