// The umbrella module alone gives every pip name; exits 0 only when a lookup through it is right.
#include <memory>
import pip;

int main() {
    pip::refer::References references;
    references.put("answer", std::make_shared<int>(42));
    const auto answer = references.get_one_optional<int>("answer");
    return answer && *answer == 42 ? 0 : 1;
}
