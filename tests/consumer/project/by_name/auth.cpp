#include <optional>  // the operator== the checks use
#include <string>
import pip.auth;

bool auth_works() { return pip::auth::CredentialParams::from_string("username=jdoe").get_username() == "jdoe"; }
