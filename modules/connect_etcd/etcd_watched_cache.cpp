// EtcdWatchedCache: a range read, then a watch from the revision after it; any break drops the cache out of
// sync until the next range read succeeds.
module;
#include "pip_std.hpp"
module pip.connect.etcd;
import pip.connect;
import :internals;

namespace pip::connect::etcd_detail {

std::optional<ConnectionParams> EtcdWatchedCache::first(std::string_view key) {
    return lookup(key, [](const Entries& entries) {
        return entries.empty() ? std::nullopt : std::optional<ConnectionParams>(entries.front().connection);
    });
}

std::vector<ConnectionParams> EtcdWatchedCache::all(std::string_view key) {
    return lookup(key, [](const Entries& entries) {
        std::vector<ConnectionParams> connections;
        connections.reserve(entries.size());
        for (const auto& entry : entries) connections.push_back(entry.connection);
        return connections;
    });
}

template <class Answer>
auto EtcdWatchedCache::lookup(std::string_view key, Answer answer) -> decltype(answer(std::declval<const Entries&>())) {
    if (watch_) {
        std::unique_lock lock(mutex_);
        if (!watcher_.joinable()) watcher_ = std::jthread([this](std::stop_token stop) { watch(stop); });
        if (synced_) {
            const auto found = entries_.find(key);
            return answer(found == entries_.end() ? Entries{} : found->second);
        }
    }
    return answer(read_directly(key));
}

EtcdWatchedCache::Entries EtcdWatchedCache::read_directly(std::string_view key) {
    std::map<std::string, Entries, std::less<>> entries;
    for (const auto& kv : gateway_.range_prefix(root_ + std::string(key) + "/").kvs) store(entries, kv);
    const auto found = entries.find(key);
    return found == entries.end() ? Entries{} : std::move(found->second);
}

void EtcdWatchedCache::watch(const std::stop_token& stop) {
    std::mutex sleep_mutex;
    std::condition_variable_any sleeper;  // an interruptible pause between attempts
    while (!stop.stop_requested()) {
        try {
            const auto snapshot = gateway_.range_prefix(root_, stop);
            load(snapshot);
            gateway_.watch_prefix(root_, snapshot.revision + 1, [this](auto events) { apply(events); }, stop);
        } catch (const std::exception&) {
            // etcd unreachable or the stream broke: lookups read directly until the next range read succeeds
        }
        {
            const std::scoped_lock lock(mutex_);
            synced_ = false;
        }
        std::unique_lock sleep_lock(sleep_mutex);
        sleeper.wait_for(sleep_lock, stop, std::chrono::milliseconds(100), [] { return false; });
    }
}

void EtcdWatchedCache::load(const Snapshot& snapshot) {
    std::map<std::string, Entries, std::less<>> entries;
    for (const auto& kv : snapshot.kvs) store(entries, kv);
    const std::scoped_lock lock(mutex_);
    entries_ = std::move(entries);
    synced_ = true;
}

void EtcdWatchedCache::apply(std::span<const WatchEvent> events) {
    const std::scoped_lock lock(mutex_);
    for (const auto& event : events) {
        if (!event.deleted) {
            store(entries_, event.kv);
            continue;
        }
        const auto discovery_key = discovery_key_of(event.kv.key);
        const auto group = discovery_key ? entries_.find(*discovery_key) : entries_.end();
        if (group == entries_.end()) continue;
        std::erase_if(group->second, [&](const Entry& entry) { return entry.etcd_key == event.kv.key; });
        if (group->second.empty()) entries_.erase(group);
    }
}

std::optional<std::string_view> EtcdWatchedCache::discovery_key_of(std::string_view etcd_key) const {
    if (!etcd_key.starts_with(root_)) return std::nullopt;
    const auto path = etcd_key.substr(root_.size());
    const auto separator = path.rfind('/');
    if (separator == std::string_view::npos || separator == 0 || separator + 1 == path.size()) return std::nullopt;
    return path.substr(0, separator);
}

void EtcdWatchedCache::store(std::map<std::string, Entries, std::less<>>& entries, const KeyValue& kv) const {
    const auto discovery_key = discovery_key_of(kv.key);
    if (!discovery_key) return;  // not written by EtcdDiscovery
    auto& group = entries[std::string(*discovery_key)];
    std::erase_if(group, [&](const Entry& entry) { return entry.etcd_key == kv.key; });
    const auto position = std::ranges::upper_bound(group, kv.create_revision, std::less<>(), &Entry::create_revision);
    group.insert(position, Entry{kv.key, kv.create_revision, ConnectionParams::from_string(kv.value)});
}

}  // namespace pip::connect::etcd_detail
