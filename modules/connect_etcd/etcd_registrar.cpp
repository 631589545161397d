// EtcdRegistrar: one lease for all registrations, renewed from a std::jthread that a stop request wakes.
module;
#include "pip_std.hpp"
module pip.connect.etcd;
import pip.errors;
import :internals;

namespace pip::connect::etcd_detail {

void EtcdRegistrar::add(std::string key, std::string value) {
    const std::scoped_lock lock(mutex_);
    if (lease_ == 0) lease_ = gateway_.grant_lease(ttl_.count());
    registrations_.emplace_back(std::move(key), std::move(value));
    try {
        const auto& [added_key, added_value] = registrations_.back();
        if (!gateway_.put(added_key, added_value, lease_)) reestablish({});  // the lease expired since its renewal
    } catch (...) {
        registrations_.pop_back();
        throw;
    }
    if (!keeper_.joinable()) keeper_ = std::jthread([this](std::stop_token stop) { keep_alive(stop); });
}

void EtcdRegistrar::close() {
    if (keeper_.joinable()) {
        keeper_.request_stop();
        keeper_.join();
    }
    std::int64_t lease = 0;
    {
        const std::scoped_lock lock(mutex_);
        registrations_.clear();
        lease = std::exchange(lease_, 0);
        all_written_ = true;
    }
    if (lease != 0) gateway_.revoke_lease(lease);
}

void EtcdRegistrar::keep_alive(const std::stop_token& stop) {
    const auto renew_interval = std::chrono::duration_cast<std::chrono::milliseconds>(ttl_) / 3;
    const auto retry_interval = std::min(renew_interval, std::chrono::milliseconds(500));
    std::mutex sleep_mutex;
    std::condition_variable_any sleeper;  // an interruptible sleep: wakes on stop
    bool healthy = true;
    while (!stop.stop_requested()) {
        std::unique_lock sleep_lock(sleep_mutex);
        sleeper.wait_for(sleep_lock, stop, healthy ? renew_interval : retry_interval, [] { return false; });
        sleep_lock.unlock();
        if (stop.stop_requested()) break;
        try {
            refresh(stop);
            healthy = true;
        } catch (const std::exception&) {
            healthy = false;  // etcd unreachable: try again soon, the lease may still be alive
        }
    }
}

void EtcdRegistrar::refresh(const std::stop_token& stop) {
    std::int64_t lease = 0;
    bool all_written = false;
    {
        const std::scoped_lock lock(mutex_);
        lease = lease_;
        all_written = all_written_;
    }
    // Renewal needs no lock, so a register call is never held up by a renewal that waits for etcd.
    if (lease != 0 && all_written && gateway_.keep_alive(lease, stop)) return;
    const std::scoped_lock lock(mutex_);
    if (lease_ == lease) reestablish(stop);  // else add() has replaced the lease in the meantime
}

void EtcdRegistrar::reestablish(const std::stop_token& stop) {
    // The new lease is recorded before the writes, so that close() revokes it even if they are interrupted;
    // writing a key again moves it to the new lease, so a retry after a partial failure duplicates nothing.
    lease_ = gateway_.grant_lease(ttl_.count(), stop);
    all_written_ = false;
    for (const auto& [key, value] : registrations_)
        if (!gateway_.put(key, value, lease_, stop))
            throw errors::ConnectionException({}, "CANNOT_CONNECT", "etcd dropped a lease it had just granted");
    all_written_ = true;
}

}  // namespace pip::connect::etcd_detail
