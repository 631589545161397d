// EtcdWatchedCache: a range read, then a watch from the revision after it; any break, and any check that finds
// the watch behind etcd, drops the cache out of sync until the next range read succeeds.
module;
#include "pip_std.hpp"
#include <nlohmann/json.hpp>
module pip.connect.etcd;
import pip.config;
import pip.connect;
import :internals;

namespace pip::connect::etcd_detail {
namespace {

using OrderedJson = nlohmann::ordered_json;  // keeps the keys of a registration in their order

std::string escape_key(std::string_view key) {
    std::string escaped;
    escaped.reserve(key.size());
    for (const char c : key) {
        if (c == '%')
            escaped += "%25";
        else if (c == '/')
            escaped += "%2F";
        else
            escaped += c;
    }
    return escaped;
}

std::string unescape_key(std::string_view escaped) {
    std::string key;
    key.reserve(escaped.size());
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        const auto code = escaped.substr(i, 3);
        if (code == "%25" || code == "%2F") {
            key += code == "%25" ? '%' : '/';
            i += 2;
        } else {
            key += escaped[i];
        }
    }
    return key;
}

/// Waits `pause` unless `stop` is requested first.
void sleep_for(std::chrono::milliseconds pause, const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any sleeper;
    std::unique_lock lock(mutex);
    sleeper.wait_for(lock, stop, pause, [] { return false; });
}

}  // namespace

std::string entry_key(std::string_view root, std::string_view key, std::string_view id) {
    return std::string(root) + escape_key(key) + "/" + std::string(id);
}

std::string encode_entry(const ConnectionParams& connection) {
    auto object = OrderedJson::object();
    for (const auto& [key, value] : connection) object[key] = value ? OrderedJson(*value) : OrderedJson(nullptr);
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<ConnectionParams> decode_entry(std::string_view value) {
    if (!value.starts_with('{')) return ConnectionParams::from_string(value);
    const auto json = OrderedJson::parse(value, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return ConnectionParams::from_string(value);  // a k=v key with '{'
    ConnectionParams connection;
    for (const auto& [key, item] : json.items()) {
        if (item.is_string())
            connection.put(key, item.get<std::string>());
        else if (item.is_null())
            connection.put(key, std::nullopt);
        else
            return std::nullopt;
    }
    return connection;
}

std::optional<ConnectionParams> EtcdWatchedCache::first(std::string_view key, Deadline deadline) {
    return lookup(key, deadline, [](const Entries& entries) {
        return entries.empty() ? std::nullopt : std::optional<ConnectionParams>(entries.front().connection);
    });
}

std::vector<ConnectionParams> EtcdWatchedCache::all(std::string_view key, Deadline deadline) {
    return lookup(key, deadline, [](const Entries& entries) {
        std::vector<ConnectionParams> connections;
        connections.reserve(entries.size());
        for (const auto& entry : entries) connections.push_back(entry.connection);
        return connections;
    });
}

template <class Answer>
auto EtcdWatchedCache::lookup(std::string_view key, Deadline deadline, Answer answer)
    -> decltype(answer(std::declval<const Entries&>())) {
    if (watch_) {
        std::unique_lock lock(mutex_);
        if (!watcher_.joinable()) {
            watcher_ = std::jthread([this](std::stop_token stop) { watch(stop); });
            checker_ = std::jthread([this](std::stop_token stop) { check(stop); });
        }
        if (synced_ && revision_ >= read_floor_) {
            const auto found = entries_.find(key);
            return answer(found == entries_.end() ? Entries{} : found->second);
        }
    }
    return answer(read_directly(key, deadline));
}

EtcdWatchedCache::Entries EtcdWatchedCache::read_directly(std::string_view key, Deadline deadline) {
    const auto snapshot = gateway_.range_prefix(entry_key(root_, key, ""), deadline);
    if (watch_) {
        const std::scoped_lock lock(mutex_);
        read_floor_ = std::max(read_floor_, snapshot.revision);
    }
    EntryMap entries;
    for (const auto& kv : snapshot.kvs) store(entries, parse(kv, false));
    const auto found = entries.find(key);
    return found == entries.end() ? Entries{} : std::move(found->second);
}

void EtcdWatchedCache::watch(const std::stop_token& stop) {
    // The pause between attempts doubles while they fail (an etcd that is down, a prefix over the size limit)
    // and starts short again once a read succeeds; meanwhile lookups read etcd directly.
    constexpr auto first_pause = std::chrono::milliseconds(100);
    auto pause = first_pause;
    while (!stop.stop_requested()) {
        std::stop_source session;
        const std::stop_callback end_with_thread(stop, [&session] { session.request_stop(); });
        {
            const std::scoped_lock lock(mutex_);
            watch_session_ = session;
        }
        try {
            const auto snapshot = gateway_.range_prefix(root_, gateway_.deadline(), session.get_token());
            load(snapshot);
            pause = first_pause;
            gateway_.watch_prefix(
                root_, snapshot.revision + 1, [this](auto events, std::int64_t revision) { apply(events, revision); },
                session.get_token());
        } catch (const std::exception&) {
            // etcd unreachable, the stream broke or sent too much: lookups read directly until the re-read succeeds
        }
        {
            const std::scoped_lock lock(mutex_);
            synced_ = false;
        }
        sleep_for(pause, stop);
        pause = std::min(pause * 2, std::chrono::milliseconds(2000));
    }
}

void EtcdWatchedCache::check(const std::stop_token& stop) {
    std::optional<Suspicion> suspicion;
    while (!stop.stop_requested()) {
        sleep_for(check_interval_, stop);
        if (stop.stop_requested()) return;
        try {
            if (is_stale(suspicion, stop)) {
                suspicion.reset();
                resync();
            }
        } catch (const std::exception&) {
            suspicion.reset();
            if (!stop.stop_requested()) resync();  // etcd does not answer: nothing proves the cache current
        }
    }
}

bool EtcdWatchedCache::is_stale(std::optional<Suspicion>& suspicion, const std::stop_token& stop) {
    std::int64_t revision = 0;
    std::size_t keys = 0;
    std::uint64_t messages = 0;
    std::uint64_t loads = 0;
    {
        const std::scoped_lock lock(mutex_);
        if (!synced_) {
            suspicion.reset();
            return false;  // the watch thread is reading etcd again anyway
        }
        revision = revision_;
        keys = keys_.size();
        messages = messages_;
        loads = loads_;
    }
    const auto count = gateway_.count_prefix(root_, revision, gateway_.deadline(), stop);
    if (count.changed_since == 0 && count.keys == static_cast<std::int64_t>(keys)) {
        suspicion.reset();
        const std::scoped_lock lock(mutex_);
        if (messages_ == messages && loads_ == loads) revision_ = std::max(revision_, count.revision);  // current
        return false;
    }
    // The watch may merely be a moment behind: stale only when it has shown nothing since the last disagreement
    // (etcd sends the events of one watch in order and without gaps, so a watch that talks is not losing any).
    if (suspicion && messages == suspicion->messages) return true;
    suspicion = Suspicion{messages};
    return false;
}

void EtcdWatchedCache::resync() {
    const std::scoped_lock lock(mutex_);
    synced_ = false;
    watch_session_.request_stop();
}

void EtcdWatchedCache::load(const Snapshot& snapshot) {
    EntryMap entries;
    std::unordered_map<std::string, std::int64_t> keys;
    for (const auto& kv : snapshot.kvs) {
        keys.emplace(kv.key, kv.create_revision);
        store(entries, parse(kv, false));
    }
    const std::scoped_lock lock(mutex_);
    entries_ = std::move(entries);
    keys_ = std::move(keys);
    revision_ = snapshot.revision;
    ++loads_;
    synced_ = true;
}

void EtcdWatchedCache::apply(std::span<const WatchEvent> events, std::int64_t revision) {
    std::vector<Change> changes;  // parsed before locking, so that lookups never wait for parsing
    changes.reserve(events.size());
    for (const auto& event : events) changes.push_back(parse(event.kv, event.deleted));
    const std::scoped_lock lock(mutex_);
    for (auto& change : changes) {
        if (change.deleted) {
            keys_.erase(change.etcd_key);
            erase(entries_, change);
        } else {
            keys_.emplace(change.etcd_key, change.entry.create_revision);
            store(entries_, std::move(change));
        }
    }
    revision_ = std::max(revision_, revision);
    ++messages_;
}

EtcdWatchedCache::Change EtcdWatchedCache::parse(const KeyValue& kv, bool deleted) const {
    Change change{.deleted = deleted, .etcd_key = kv.key, .discovery_key = discovery_key_of(kv.key), .entry = {}};
    if (deleted || !change.discovery_key) return change;
    auto connection = decode_entry(kv.value);
    if (!connection) {
        change.discovery_key.reset();  // not a registration this discovery can read: left out
        return change;
    }
    change.entry = Entry{kv.key, kv.create_revision, std::move(*connection)};
    return change;
}

std::optional<std::string> EtcdWatchedCache::discovery_key_of(std::string_view etcd_key) const {
    if (!etcd_key.starts_with(root_)) return std::nullopt;
    const auto path = etcd_key.substr(root_.size());
    const auto separator = path.find('/');
    if (separator == std::string_view::npos || separator == 0 || separator + 1 == path.size() ||
        path.find('/', separator + 1) != std::string_view::npos)
        return std::nullopt;  // not `<key>/<id>`: another prefix's entry, or not written by EtcdDiscovery
    return unescape_key(path.substr(0, separator));
}

void EtcdWatchedCache::store(EntryMap& entries, Change change) {
    if (!change.discovery_key) return;
    auto& group = entries[*change.discovery_key];
    std::erase_if(group, [&](const Entry& entry) { return entry.etcd_key == change.etcd_key; });
    const auto position =
        std::ranges::upper_bound(group, change.entry.create_revision, std::less<>(), &Entry::create_revision);
    group.insert(position, std::move(change.entry));
}

void EtcdWatchedCache::erase(EntryMap& entries, const Change& change) {
    const auto group = change.discovery_key ? entries.find(*change.discovery_key) : entries.end();
    if (group == entries.end()) return;
    std::erase_if(group->second, [&](const Entry& entry) { return entry.etcd_key == change.etcd_key; });
    if (group->second.empty()) entries.erase(group);
}

}  // namespace pip::connect::etcd_detail
