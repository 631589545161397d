// EtcdRegistrar: one lease for all registrations, renewed from a std::jthread that a stop request wakes.
module;
#include "pip_std.hpp"
module pip.connect.etcd;
import pip.errors;
import :internals;

namespace pip::connect::etcd_detail {
namespace {

[[noreturn]] void throw_out_of_time(const EtcdGateway& gateway) {
    throw errors::ConnectionException({}, "CANNOT_CONNECT",
                                      "Cannot reach etcd at " + gateway.endpoint_list() +
                                          " in time: the lease shared by this discovery's registrations was not "
                                          "granted or replaced before the deadline")
        .with_details("endpoints", gateway.endpoint_list());
}

}  // namespace

void EtcdRegistrar::add(std::string key, std::string value, Deadline deadline) {
    std::shared_lock writing(mutex_, std::defer_lock);
    const auto used_lease = lease(writing, deadline);
    {
        const std::scoped_lock lock(registrations_mutex_);
        registrations_.emplace_back(key, value);
    }
    bool written = false;
    try {
        written = gateway_.put(key, value, used_lease, deadline);
    } catch (...) {
        // The write may yet land in etcd: the lease it used is retired, and the entry with it.
        forget(key);
        writing.unlock();
        retire_lease();
        throw;
    }
    writing.unlock();
    if (!written) write_again(used_lease, key, value, deadline);
}

std::int64_t EtcdRegistrar::lease(std::shared_lock<std::shared_timed_mutex>& writing, Deadline deadline) {
    while (true) {
        if (!writing.try_lock_until(deadline)) throw_out_of_time(gateway_);
        if (lease_ != 0) return lease_;
        writing.unlock();
        std::unique_lock changing(mutex_, std::defer_lock);
        if (!changing.try_lock_until(deadline)) throw_out_of_time(gateway_);
        if (lease_ != 0) continue;
        lease_ = gateway_.grant_lease(ttl_.count(), deadline);
        all_written_ = true;
        if (!keeper_.joinable()) keeper_ = std::jthread([this](std::stop_token stop) { keep_alive(stop); });
    }
}

void EtcdRegistrar::write_again(std::int64_t lost_lease, const std::string& key, const std::string& value,
                                Deadline deadline) {
    std::unique_lock changing(mutex_, std::defer_lock);
    try {
        if (!changing.try_lock_until(deadline)) throw_out_of_time(gateway_);
        if (lease_ == lost_lease)
            reestablish(deadline, {});  // writes this registration too
        else if (!gateway_.put(key, value, lease_, deadline))
            throw errors::ConnectionException({}, "CANNOT_CONNECT", "etcd dropped a lease it had just granted");
    } catch (...) {
        forget(key);
        retire_lease();
        throw;
    }
}

void EtcdRegistrar::retire_lease() {
    retire_lease_ = true;
    { const std::scoped_lock wake(keeper_mutex_); }  // the keeper is waiting, or sees the flag before it waits
    wake_keeper_.notify_all();
}

void EtcdRegistrar::forget(const std::string& key) {
    const std::scoped_lock lock(registrations_mutex_);
    std::erase_if(registrations_, [&](const auto& registration) { return registration.first == key; });
}

void EtcdRegistrar::close() {
    if (keeper_.joinable()) {
        keeper_.request_stop();
        keeper_.join();
    }
    std::int64_t lease = 0;
    {
        const std::unique_lock changing(mutex_);
        const std::scoped_lock lock(registrations_mutex_);
        registrations_.clear();
        lease = std::exchange(lease_, 0);
        all_written_ = true;
        retire_lease_ = false;
    }
    if (lease != 0) gateway_.revoke_lease(lease, gateway_.deadline());
}

void EtcdRegistrar::keep_alive(const std::stop_token& stop) {
    const auto renew_interval = std::chrono::duration_cast<std::chrono::milliseconds>(ttl_) / 3;
    const auto retry_interval = std::min(renew_interval, std::chrono::milliseconds(500));
    bool healthy = true;
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(keeper_mutex_);
            // wakes on stop, and at once for a lease to retire unless etcd has just failed (then it waits)
            wake_keeper_.wait_for(lock, stop, healthy ? renew_interval : retry_interval,
                                  [&] { return healthy && retire_lease_.load(); });
        }
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
        const std::shared_lock reading(mutex_);
        lease = lease_;
        all_written = all_written_;
    }
    const bool retire = retire_lease_.exchange(false);
    // Renewal needs no exclusive lock, so a register call is never held up by a renewal that waits for etcd.
    if (!retire && (lease == 0 || (all_written && gateway_.keep_alive(lease, gateway_.deadline(), stop)))) return;
    try {
        const std::unique_lock changing(mutex_);
        const bool empty = [&] {
            const std::scoped_lock lock(registrations_mutex_);
            return registrations_.empty();
        }();
        if (lease_ == lease && retire && empty)
            lease_ = 0;  // the next registration takes a new lease
        else if (lease_ == lease && lease != 0)
            reestablish(std::nullopt, stop);  // else add() has replaced the lease in the meantime
    } catch (...) {
        if (retire) retire_lease_ = true;
        throw;
    }
    if (retire && lease != 0) gateway_.revoke_lease(lease, gateway_.deadline(), stop);  // else it expires after ttl
}

void EtcdRegistrar::reestablish(std::optional<Deadline> deadline, const std::stop_token& stop) {
    // The new lease is recorded before the writes, so that close() revokes it even if they are interrupted;
    // writing a key again moves it to the new lease, so a retry after a partial failure duplicates nothing.
    const auto until = [&] { return deadline.value_or(gateway_.deadline()); };
    lease_ = gateway_.grant_lease(ttl_.count(), until(), stop);
    all_written_ = false;
    std::vector<std::pair<std::string, std::string>> registrations;
    {
        const std::scoped_lock lock(registrations_mutex_);
        registrations = registrations_;
    }
    for (const auto& [key, value] : registrations)
        if (!gateway_.put(key, value, lease_, until(), stop))
            throw errors::ConnectionException({}, "CANNOT_CONNECT", "etcd dropped a lease it had just granted");
    all_written_ = true;
}

}  // namespace pip::connect::etcd_detail
