module pip.auth;

namespace pip::auth {
namespace {

using refer::literals::operator""_descriptor;
constexpr refer::DescriptorView credential_store_locator() { return "*:credential-store:*:*:*"_descriptor; }

}  // namespace

void CredentialResolver::configure(const config::ConfigParams& config) {
    std::ranges::move(CredentialParams::many_from_config(config), std::back_inserter(credentials_));
}

std::optional<CredentialParams> CredentialResolver::lookup(std::string_view correlation_id) const {
    if (const auto direct = std::ranges::find_if(
            credentials_, [](const CredentialParams& credential) { return !credential.use_credential_store(); });
        direct != credentials_.end())
        return *direct;
    for (const auto& credential : credentials_)
        if (auto found = lookup_in_stores(correlation_id, credential)) return found;
    return std::nullopt;
}

std::optional<CredentialParams> CredentialResolver::lookup_in_stores(std::string_view correlation_id,
                                                                     const CredentialParams& credential) const {
    const auto stores = references_ ? references_->get_optional<ICredentialStore>(credential_store_locator())
                                    : std::vector<std::shared_ptr<ICredentialStore>>{};
    if (stores.empty()) throw refer::ReferenceException(correlation_id, credential_store_locator());
    const auto key = credential.get_store_key().value_or("");
    for (const auto& store : stores)
        if (auto found = store->lookup(correlation_id, key)) return found;
    return std::nullopt;
}

}  // namespace pip::auth
