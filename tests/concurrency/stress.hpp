// Helpers for the stress tests: start threads together, and collect invariant violations from any thread
// (Boost.Test assertions are not thread-safe, so threads record and the main thread asserts).
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pip::stress {

class Violations {
public:
    void check(bool holds, const std::string& what) {
        if (holds) return;
        const std::scoped_lock lock(mutex_);
        if (messages_.size() < 20) messages_.push_back(what);  // the first few are enough to diagnose
        ++count_;
    }
    [[nodiscard]] std::size_t count() const {
        const std::scoped_lock lock(mutex_);
        return count_;
    }
    [[nodiscard]] std::string summary() const {
        const std::scoped_lock lock(mutex_);
        std::string text;
        for (const auto& message : messages_) text += message + "\n";
        return text;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> messages_;
    std::size_t count_ = 0;
};

/// Runs `writers` until they all return, with `readers` looping (given the "writers still running" flag)
/// alongside them; every thread is released at once so they overlap as much as possible.
inline void run_together(const std::vector<std::function<void()>>& writers,
                         const std::vector<std::function<void(const std::atomic<bool>&)>>& readers) {
    std::atomic<bool> start{false};
    std::atomic<bool> writing{true};
    std::vector<std::thread> reader_threads;
    for (const auto& reader : readers)
        reader_threads.emplace_back([&, reader] {
            while (!start.load()) std::this_thread::yield();
            reader(writing);
        });
    std::vector<std::thread> writer_threads;
    for (const auto& writer : writers)
        writer_threads.emplace_back([&, writer] {
            while (!start.load()) std::this_thread::yield();
            writer();
        });
    start = true;
    for (auto& thread : writer_threads) thread.join();
    writing = false;
    for (auto& thread : reader_threads) thread.join();
}

}  // namespace pip::stress
