#include <optional>  // the operator== the checks use
#include <string>
import pip.connect;

bool connect_works() { return pip::connect::ConnectionParams::from_string("host=db").get_host() == "db"; }
