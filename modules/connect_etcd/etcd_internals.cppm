// pip.connect.etcd:internals: what the etcd implementation units share (settings, the etcd HTTP gateway, the
// lease keeper, the watched cache). An implementation partition in a private file set: consumers never compile it.
module;
#include "pip_std.hpp"
module pip.connect.etcd:internals;
import pip.connect;

#include "etcd_settings.ipp"
#include "etcd_gateway.ipp"
#include "etcd_registrar.ipp"
#include "etcd_watched_cache.ipp"
