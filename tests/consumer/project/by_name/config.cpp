#include <string>  // the operator== the check uses
import pip.config;

bool config_works() { return pip::config::ConfigParams::from_string("a.b=1").get_as_string("a.b") == "1"; }
