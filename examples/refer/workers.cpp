// The worker/controller example of Pip's "Component References" guide, in C++.
//
// Two workers are registered under descriptors; a controller finds its worker through a DependencyResolver
// whose default locator (`*:worker:*:*:1.0`, the newest worker) is re-targeted by configuration to worker1.
#include <iostream>
#include <memory>
#include <string>
import pip.refer;

using namespace pip::refer;
using pip::config::ConfigParams;

class IWorker {
public:
    virtual ~IWorker() = default;
    virtual std::string do_work(const std::string& task) = 0;
};

class Worker1 final : public IWorker {
public:
    std::string do_work(const std::string& task) override { return "worker1 did " + task; }
};

class Worker2 final : public IWorker {
public:
    std::string do_work(const std::string& task) override { return "worker2 did " + task; }
};

class Controller final : public pip::config::IReconfigurable, public IReferenceable, public IUnreferenceable {
public:
    Controller() { dependencies_.put("worker", "*:worker:*:*:1.0"_descriptor); }

    void configure(const ConfigParams& config) override { dependencies_.configure(config); }
    void set_references(IReferences& references) override {
        dependencies_.set_references(references);
        worker_ = dependencies_.get_one_required<IWorker>("worker");
    }
    void unset_references() override { worker_.reset(); }

    std::string greet(const std::string& task) { return worker_->do_work(task); }

private:
    DependencyResolver dependencies_;
    std::shared_ptr<IWorker> worker_;
};

int main() {
    References references;
    references.put("sample:worker:worker1:default:1.0"_descriptor, std::make_shared<Worker1>());
    references.put("sample:worker:worker2:default:1.0"_descriptor, std::make_shared<Worker2>());
    auto controller = std::make_shared<Controller>();
    references.put("sample:controller:default:default:1.0"_descriptor, controller);

    Referencer::set_references(references);
    std::cout << "default dependency: " << controller->greet("task A") << '\n';

    controller->configure(ConfigParams::from_tuples("dependencies.worker", "*:worker:worker1:*:1.0"));
    Referencer::set_references_for_one(references, controller);
    std::cout << "configured dependency: " << controller->greet("task B") << '\n';

    try {
        static_cast<void>(references.get_one_required<IWorker>("sample:worker:worker3:*:*"_descriptor));
    } catch (const ReferenceException& error) {
        std::cout << "missing worker: " << error.what() << " (code " << error.code() << ")\n";
    }

    Referencer::unset_references(references);
}
