#include <string>  // the operator== the check uses
import pip.errors;

bool errors_works() { return pip::errors::ConfigException("", "BAD_PORT", "bad port").code() == "BAD_PORT"; }
