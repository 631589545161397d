// Replaces every form of the global operator new/delete with malloc/free plus a per-thread byte count.
// A thread-local counter costs no shared write, so it does not disturb the concurrency benchmarks.
#include "allocation_counter.hpp"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace {

thread_local std::ptrdiff_t heap_bytes = 0;

void* counted(void* block) noexcept {
    if (block != nullptr) heap_bytes += static_cast<std::ptrdiff_t>(malloc_usable_size(block));
    return block;
}

void* allocate(std::size_t size) noexcept { return counted(std::malloc(size == 0 ? 1 : size)); }

void* allocate_aligned(std::size_t size, std::align_val_t alignment) noexcept {
    const auto align = static_cast<std::size_t>(alignment);
    const auto rounded = (size + align - 1) / align * align;  // aligned_alloc wants a multiple of the alignment
    return counted(std::aligned_alloc(align, rounded == 0 ? align : rounded));
}

void* allocate_or_throw(void* block) {
    if (block == nullptr) throw std::bad_alloc();
    return block;
}

void release(void* block) noexcept {
    if (block == nullptr) return;
    heap_bytes -= static_cast<std::ptrdiff_t>(malloc_usable_size(block));
    std::free(block);
}

}  // namespace

namespace bench {
std::ptrdiff_t thread_heap_bytes() noexcept { return heap_bytes; }
}  // namespace bench

void* operator new(std::size_t size) { return allocate_or_throw(allocate(size)); }
void* operator new[](std::size_t size) { return allocate_or_throw(allocate(size)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new(std::size_t size, std::align_val_t alignment) {
    return allocate_or_throw(allocate_aligned(size, alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
    return allocate_or_throw(allocate_aligned(size, alignment));
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return allocate_aligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return allocate_aligned(size, alignment);
}

void operator delete(void* block) noexcept { release(block); }
void operator delete[](void* block) noexcept { release(block); }
void operator delete(void* block, std::size_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t) noexcept { release(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete(void* block, std::align_val_t) noexcept { release(block); }
void operator delete[](void* block, std::align_val_t) noexcept { release(block); }
void operator delete(void* block, std::size_t, std::align_val_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept { release(block); }
void operator delete(void* block, std::align_val_t, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, std::align_val_t, const std::nothrow_t&) noexcept { release(block); }
