module pip.auth;

namespace pip::auth {
namespace {

// JavaScript's `get(a) || get(b) || ...`: the first non-empty value, else whatever the last key holds.
std::optional<std::string> first_set(const config::ConfigParams& params, std::initializer_list<std::string_view> keys) {
    std::optional<std::string> value;
    for (const auto key : keys) {
        value = params.get(key);
        if (value && !value->empty()) return value;
    }
    return value;
}

}  // namespace

std::vector<CredentialParams> CredentialParams::many_from_config(const config::ConfigParams& config) {
    std::vector<CredentialParams> result;
    if (const auto credentials = config.get_section("credentials"); !credentials.empty()) {
        for (const auto& name : credentials.get_section_names()) result.emplace_back(credentials.get_section(name));
    } else if (auto credential = config.get_section("credential"); !credential.empty()) {
        result.emplace_back(std::move(credential));
    }
    return result;
}

std::optional<CredentialParams> CredentialParams::from_config(const config::ConfigParams& config) {
    auto all = many_from_config(config);
    return all.empty() ? std::nullopt : std::optional(std::move(all.front()));
}

bool CredentialParams::use_credential_store() const {
    const auto key = get_store_key();
    return key && !key->empty();
}

std::optional<std::string> CredentialParams::get_username() const { return first_set(*this, {"username", "user"}); }

std::optional<std::string> CredentialParams::get_password() const { return first_set(*this, {"password", "pass"}); }

std::optional<std::string> CredentialParams::get_access_id() const {
    return first_set(*this, {"access_id", "client_id"});
}

std::optional<std::string> CredentialParams::get_access_key() const {
    return first_set(*this, {"access_key", "client_key", "secret_key"});
}

}  // namespace pip::auth
