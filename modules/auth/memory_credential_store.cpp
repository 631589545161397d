module pip.auth;

namespace pip::auth {

void MemoryCredentialStore::configure(const config::ConfigParams& config) {
    Items items;
    for (const auto& name : config.get_section_names()) {
        auto credential = CredentialParams::from_string(config.get(name).value_or(""));
        credential.append(config.get_section(name));
        items.insert_or_assign(name, std::move(credential));
    }
    const std::scoped_lock lock(mutex_);
    items_ = std::move(items);
}

void MemoryCredentialStore::store(std::string_view, std::string_view key, std::optional<CredentialParams> credential) {
    const std::scoped_lock lock(mutex_);
    if (credential)
        items_.insert_or_assign(std::string(key), std::move(*credential));
    else if (const auto it = items_.find(key); it != items_.end())
        items_.erase(it);
}

std::optional<CredentialParams> MemoryCredentialStore::lookup(std::string_view, std::string_view key) const {
    const std::scoped_lock lock(mutex_);
    const auto it = items_.find(key);
    return it == items_.end() ? std::nullopt : std::optional(it->second);
}

}  // namespace pip::auth
