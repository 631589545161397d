// pip.connect:discovery: IDiscovery, a service that registers connections under keys and finds them again.

export namespace pip::connect {

class IDiscovery {
public:
    virtual ~IDiscovery() = default;

    /// Registers `connection` under `key` and returns the registered connection.
    virtual ConnectionParams register_connection(std::string_view correlation_id, std::string_view key,
                                                 const ConnectionParams& connection) = 0;
    /// The first connection registered under `key`, or empty. Not const: a discovery may talk to a remote
    /// service and keep state about it.
    [[nodiscard]] virtual std::optional<ConnectionParams> resolve_one(std::string_view correlation_id,
                                                                      std::string_view key) = 0;
    /// Every connection registered under `key`, in registration order; empty when none.
    [[nodiscard]] virtual std::vector<ConnectionParams> resolve_all(std::string_view correlation_id,
                                                                    std::string_view key) = 0;
};

}  // namespace pip::connect
