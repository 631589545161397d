// pip.connect.etcd: IDiscovery on etcd, for systems that outgrow one process. Its own module and CMake target
// (pip::connect_etcd) so that pip.connect keeps no network dependency; libcurl and nlohmann_json are used only
// by its implementation units. Re-exports pip.connect (and through it pip.build, pip.refer, pip.config,
// pip.errors), which its signatures use.
module;
#include "pip_std.hpp"
export module pip.connect.etcd;
export import pip.connect;

#include "etcd_discovery.ipp"
#include "etcd_discovery_factory.ipp"
