// EtcdDiscovery: a Session (settings, etcd client, lease keeper, watched cache) per configuration; configure and
// close swap it for a fresh one and wind the old one down outside the lock.
module;
#include "pip_std.hpp"
module pip.connect.etcd;
import pip.config;
import pip.connect;
import pip.errors;
import :internals;

namespace pip::connect {
namespace {

/// 64 random bits in hex: registrations of different discoveries never share an id.
std::string random_id() {
    std::random_device device;
    const std::uint64_t bits = (std::uint64_t{device()} << 32) | device();
    char text[16];
    const auto end = std::to_chars(std::begin(text), std::end(text), bits, 16).ptr;
    return std::string(text, end);
}

/// Runs `action`, stamping `correlation_id` on any pip exception it throws.
template <std::invocable Action>
auto with_correlation_id(std::string_view correlation_id, Action&& action) -> std::invoke_result_t<Action> {
    try {
        return std::forward<Action>(action)();
    } catch (errors::ApplicationException& error) {
        if (!correlation_id.empty()) error.with_correlation_id(correlation_id);
        throw;
    }
}

void check_key(std::string_view key) {
    if (key.empty()) throw std::invalid_argument("Discovery key cannot be empty");
}

}  // namespace

struct EtcdDiscovery::Session {
    explicit Session(etcd_detail::EtcdSettings configured)
        : settings(std::move(configured)),
          gateway(settings.endpoints, {.timeout = settings.timeout, .max_response_bytes = settings.max_response_bytes}),
          registrar(gateway, settings.ttl),
          cache(gateway, settings.prefix + "/", settings.cache, settings.check_interval) {}

    [[nodiscard]] std::string new_entry_key(std::string_view key) {
        return etcd_detail::entry_key(settings.prefix + "/", key, id_prefix + "-" + std::to_string(++registrations));
    }

    etcd_detail::EtcdSettings settings;
    etcd_detail::EtcdGateway gateway;
    etcd_detail::EtcdRegistrar registrar;  // destroyed before the gateway it uses, as is the cache
    etcd_detail::EtcdWatchedCache cache;
    const std::string id_prefix = random_id();
    std::atomic<std::uint64_t> registrations = 0;
};

EtcdDiscovery::EtcdDiscovery() = default;

EtcdDiscovery::EtcdDiscovery(const config::ConfigParams& config) { configure(config); }

EtcdDiscovery::~EtcdDiscovery() {
    if (!session_) return;
    try {
        session_->registrar.close();
    } catch (...) {  // a destructor must not throw: unreachable etcd only means the entries expire after the TTL
    }
}

void EtcdDiscovery::configure(const config::ConfigParams& config) {
    auto fresh = std::make_unique<Session>(etcd_detail::EtcdSettings::from_config(config));
    std::unique_ptr<Session> old;
    {
        const std::unique_lock lock(mutex_);
        old = std::exchange(session_, std::move(fresh));
    }
    if (!old) return;
    try {
        old->registrar.close();
    } catch (const std::exception&) {  // best effort: the old entries expire after their TTL
    }
}

void EtcdDiscovery::close(std::string_view correlation_id) {
    std::unique_ptr<Session> old;
    {
        const std::unique_lock lock(mutex_);
        if (!session_) return;
        old = std::exchange(session_, std::make_unique<Session>(session_->settings));
    }
    with_correlation_id(correlation_id, [&] { old->registrar.close(); });
}

EtcdDiscovery::Session& EtcdDiscovery::session(std::string_view correlation_id) const {
    if (!session_)
        throw errors::ConfigException(correlation_id, "NO_CONNECTION",
                                      "EtcdDiscovery is not configured: set connection.uri or connections.<name>.*");
    return *session_;
}

ConnectionParams EtcdDiscovery::register_connection(std::string_view correlation_id, std::string_view key,
                                                    const ConnectionParams& connection) {
    check_key(key);
    const std::shared_lock lock(mutex_);
    auto& current = session(correlation_id);
    const auto deadline = current.gateway.deadline();
    with_correlation_id(correlation_id, [&] {
        current.registrar.add(current.new_entry_key(key), etcd_detail::encode_entry(connection), deadline);
    });
    return connection;
}

std::optional<ConnectionParams> EtcdDiscovery::resolve_one(std::string_view correlation_id, std::string_view key) {
    check_key(key);
    const std::shared_lock lock(mutex_);
    auto& current = session(correlation_id);
    const auto deadline = current.gateway.deadline();
    return with_correlation_id(correlation_id, [&] { return current.cache.first(key, deadline); });
}

std::vector<ConnectionParams> EtcdDiscovery::resolve_all(std::string_view correlation_id, std::string_view key) {
    check_key(key);
    const std::shared_lock lock(mutex_);
    auto& current = session(correlation_id);
    const auto deadline = current.gateway.deadline();
    return with_correlation_id(correlation_id, [&] { return current.cache.all(key, deadline); });
}

}  // namespace pip::connect
