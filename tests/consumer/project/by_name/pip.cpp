#include <memory>
import pip;

bool pip_works() {
    pip::refer::References references;
    references.put("answer", std::make_shared<int>(42));
    const auto answer = references.get_one_optional<int>("answer");
    return answer && *answer == 42;
}
