# pip_add_module(<name> INTERFACES <files...> [SOURCES <files...>] [DEPENDS <targets...>])
# Builds one named module as the static library `pip_<name>`, exported as `pip::<name>`.
# Module dependencies are PUBLIC: consumers rebuild the interfaces from the installed sources.
function(pip_add_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "INTERFACES;SOURCES;DEPENDS")
  set(target pip_${name})
  add_library(${target} STATIC)
  add_library(pip::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  target_sources(${target}
    PUBLIC FILE_SET CXX_MODULES BASE_DIRS ${PROJECT_SOURCE_DIR}/modules FILES ${arg_INTERFACES}
    PRIVATE ${arg_SOURCES})
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/modules/detail>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/pip>)
  target_link_libraries(${target} PUBLIC ${arg_DEPENDS})
  target_compile_options(${target} PRIVATE ${PIP_WARNINGS})
  set_property(GLOBAL APPEND PROPERTY PIP_MODULE_TARGETS ${target})
endfunction()
