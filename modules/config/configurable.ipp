// pip.config:configurable: the configuration life-cycle interfaces.

export namespace pip::config {

/// A component that takes its settings from ConfigParams once, before it opens.
class IConfigurable {
public:
    virtual ~IConfigurable() = default;
    virtual void configure(const ConfigParams& config) = 0;
};

/// A component that may be configured again while it runs.
class IReconfigurable : public IConfigurable {};

}  // namespace pip::config
