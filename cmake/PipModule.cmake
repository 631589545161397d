# pip_add_module(<name> INTERFACE <files...> [FRAGMENTS <files...>] [INTERNAL <file>] [SOURCES <files...>]
#                [DEPENDS <targets...>])
# Builds one named module as the static library `pip_<name>`, exported as `pip::<name>`.
# INTERFACE is the module's one interface unit (pip::errors also carries pip.detail.std, which the others import);
# FRAGMENTS are the files it #includes (installed beside it: consumers compile the interface from the installed
# sources). INTERNAL is an implementation partition that only SOURCES import: built in a private file set, never
# installed. Module dependencies are PUBLIC.
function(pip_add_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "INTERNAL" "INTERFACE;FRAGMENTS;SOURCES;DEPENDS")
  set(target pip_${name})
  add_library(${target} STATIC)
  add_library(pip::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  target_sources(${target}
    PUBLIC FILE_SET CXX_MODULES BASE_DIRS ${PROJECT_SOURCE_DIR}/modules ${PROJECT_BINARY_DIR}/modules  # generated
                                FILES ${arg_INTERFACE}
    PRIVATE ${arg_SOURCES} ${arg_FRAGMENTS})
  if(arg_INTERNAL)
    target_sources(${target} PRIVATE FILE_SET internal TYPE CXX_MODULES FILES ${arg_INTERNAL})
  endif()
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/modules/detail>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/pip>)
  target_link_libraries(${target} PUBLIC ${arg_DEPENDS})
  # Build-tree only: exported, they would become the flags of every consumer's build of the interfaces.
  target_compile_options(${target} PRIVATE "$<BUILD_INTERFACE:${PIP_WARNINGS}>")
  foreach(fragment IN LISTS arg_FRAGMENTS)
    cmake_path(GET fragment PARENT_PATH fragment_dir)
    install(FILES ${fragment} DESTINATION ${PIP_INSTALL_MODULEDIR}/${fragment_dir})
  endforeach()
  set_property(GLOBAL APPEND PROPERTY PIP_MODULE_TARGETS ${target})
endfunction()
