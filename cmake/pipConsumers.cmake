# How the installed package meets CMake's (3.28-3.31) rules for imported C++ modules, which a consumer build
# compiles itself, once per imported target and directory (a "synthetic" target):
# - a target can `import` only the modules of the pip targets it links *directly*, so every target that links
#   one also gets, as direct links, the pip targets whose modules that one re-exports (pip::pip: all of them;
#   pip::connect: pip::refer, pip::auth, ...);
# - the interfaces are compiled with the imported target's CXX_STANDARD and CXX_EXTENSIONS, which must match the
#   importer's or clang refuses the module files, so they are set to those of the targets that link pip.
# Both happen when the directory that called find_package(pip) has been read (cmake_language(DEFER)), when its
# targets and their settings are known.

# The pip targets `target` links through INTERFACE_LINK_LIBRARIES, transitively.
function(_pip_reexported_targets out target)
  set(found)
  set(pending ${target})
  while(pending)
    list(POP_FRONT pending current)
    get_target_property(links ${current} INTERFACE_LINK_LIBRARIES)
    foreach(link IN LISTS links)
      if(link MATCHES "^pip::" AND NOT link IN_LIST found)
        list(APPEND found ${link})
        list(APPEND pending ${link})
      endif()
    endforeach()
  endwhile()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# Every target defined in `dir` and its subdirectories.
function(_pip_targets_below out dir)
  get_directory_property(targets DIRECTORY ${dir} BUILDSYSTEM_TARGETS)
  get_directory_property(subdirs DIRECTORY ${dir} SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    _pip_targets_below(below ${subdir})
    list(APPEND targets ${below})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# A target's value of a language property, "<unset>" when it has none (the compiler default then applies).
function(_pip_language_setting out target property)
  get_target_property(value ${target} ${property})
  if(value STREQUAL "value-NOTFOUND")
    set(value "<unset>")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

function(_pip_adapt_to_consumers dir pip_targets)
  _pip_targets_below(targets ${dir})
  set(settings_from "")
  foreach(target IN LISTS targets)
    get_target_property(links ${target} LINK_LIBRARIES)
    set(direct)
    foreach(link IN LISTS links)
      if(link IN_LIST pip_targets)
        _pip_reexported_targets(reexported ${link})
        list(APPEND direct ${reexported})
      endif()
    endforeach()
    if(NOT direct)
      continue()
    endif()
    list(REMOVE_DUPLICATES direct)
    list(REMOVE_ITEM direct ${links})
    if(direct)
      set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${direct})
    endif()

    _pip_language_setting(standard ${target} CXX_STANDARD)
    _pip_language_setting(extensions ${target} CXX_EXTENSIONS)
    if(NOT settings_from)
      set(settings_from ${target})
      set(pip_standard "${standard}")
      set(pip_extensions "${extensions}")
    elseif(NOT standard STREQUAL pip_standard OR NOT extensions STREQUAL pip_extensions)
      message(FATAL_ERROR "pip: targets ${settings_from} and ${target} link pip with different CXX_STANDARD or "
        "CXX_EXTENSIONS (${pip_standard}/${pip_extensions}, ${standard}/${extensions}); a directory compiles pip's "
        "modules once, so give the targets of one directory the same settings")
    endif()
  endforeach()

  if(settings_from)
    foreach(pip_target IN LISTS pip_targets)
      foreach(property standard extensions)
        string(TOUPPER "CXX_${property}" name)
        if(pip_${property} STREQUAL "<unset>")
          set_property(TARGET ${pip_target} PROPERTY ${name})
        else()
          set_property(TARGET ${pip_target} PROPERTY ${name} "${pip_${property}}")
        endif()
      endforeach()
    endforeach()
  endif()
endfunction()

# Called by pipConfig.cmake once the imported targets exist.
function(pip_adapt_to_consumers pip_targets)
  cmake_language(EVAL CODE "
    cmake_language(DEFER DIRECTORY [[${CMAKE_CURRENT_SOURCE_DIR}]]
      CALL _pip_adapt_to_consumers [[${CMAKE_CURRENT_SOURCE_DIR}]] [[${pip_targets}]])")
endfunction()
