#include <optional>  // the operator== the checks use
#include <string>
import pip.refer;

bool refer_works() { return pip::refer::Descriptor("g", "t", "k", "n", "1.0").get_version() == "1.0"; }
