module pip.connect;

namespace pip::connect {

void MemoryDiscovery::configure(const config::ConfigParams& config) {
    std::vector<Entry> entries;
    for (auto& name : config.get_section_names()) {
        auto connection = ConnectionParams::from_string(config.get(name).value_or(""));
        connection.append(config.get_section(name));
        entries.push_back(Entry{std::move(name), std::move(connection)});
    }
    const std::scoped_lock lock(mutex_);
    entries_ = std::move(entries);
}

ConnectionParams MemoryDiscovery::register_connection(std::string_view, std::string_view key,
                                                      const ConnectionParams& connection) {
    const std::scoped_lock lock(mutex_);
    entries_.push_back(Entry{std::string(key), connection});
    return connection;
}

std::optional<ConnectionParams> MemoryDiscovery::resolve_one(std::string_view, std::string_view key) {
    const std::scoped_lock lock(mutex_);
    const auto it = std::ranges::find(entries_, key, &Entry::key);
    return it == entries_.end() ? std::nullopt : std::optional(it->connection);
}

std::vector<ConnectionParams> MemoryDiscovery::resolve_all(std::string_view, std::string_view key) {
    const std::scoped_lock lock(mutex_);
    std::vector<ConnectionParams> connections;
    for (const auto& entry : entries_)
        if (entry.key == key) connections.push_back(entry.connection);
    return connections;
}

}  // namespace pip::connect
