# pip_modules_unsupported(<out-var>): sets <out-var> to a one-line reason when this build cannot compile pip's
# named modules, else to "". CMake builds C++20 modules only with the Ninja generators and a compiler that ships
# a dependency scanner: clang >= 19 (the version pip is tested with) or g++ >= 14.
# Used by pip's own build and by the installed package, so both refuse the same way.
function(pip_modules_unsupported out)
  set(compiler "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
  if(NOT CMAKE_GENERATOR MATCHES "Ninja")
    set(reason "pip's C++20 modules need the Ninja generator (this build uses ${CMAKE_GENERATOR}): configure with -G Ninja")
  elseif(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 19)
    set(reason "")
  elseif(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 14)
    set(reason "")
  else()
    set(reason "pip's C++20 modules need clang >= 19 or g++ >= 14 (this build uses ${compiler}): set CMAKE_CXX_COMPILER")
  endif()
  set(${out} "${reason}" PARENT_SCOPE)
endfunction()
