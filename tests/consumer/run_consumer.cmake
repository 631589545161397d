# Builds and runs tests/consumer/project against an installed pip, as a user would.
#   -D WORK_DIR=...              scratch directory (emptied first)
#   -D CONSUMER_SOURCE_DIR=...   the consumer project
#   -D PIP_BUILD_DIR=...         install this pip build tree into WORK_DIR/prefix first, or
#   -D PIP_PREFIX=...            use the pip already installed there (an unpacked .deb: <root>/usr)
#   -D CXX_COMPILER=... -D CTEST_COMMAND=...
#   optional: -D BUILD_TYPE=... -D CXX_STANDARD=... -D CXX_FLAGS=... -D CXX_FLAGS_CONFIG=... -D EXE_LINKER_FLAGS=...
#             -D CHECK_REFUSALS=ON: first check that find_package(pip) refuses, in one line, the Makefiles
#             generator and (when installed) Debian's g++ 12
# Only what a user would set is passed: no CMAKE_CXX_EXTENSIONS, the standard only when given.
cmake_minimum_required(VERSION 3.28)

function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer test: ${step} failed (${result})")
  endif()
endfunction()

set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})  # every run starts from nothing: no stale installed files or BMIs
if(PIP_BUILD_DIR)
  set(PIP_PREFIX ${WORK_DIR}/prefix)
  run("install" ${CMAKE_COMMAND} --install ${PIP_BUILD_DIR} --prefix ${PIP_PREFIX})
endif()

# expect_refusal(<what> <expected message regex> <configure options...>)
function(expect_refusal what expected)
  set(scratch ${WORK_DIR}/refused)
  file(REMOVE_RECURSE ${scratch})
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${scratch} ${ARGN}
                          -D CMAKE_PREFIX_PATH=${PIP_PREFIX}
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  string(REGEX REPLACE "[ \n]+" " " output "${output}")  # CMake wraps the reason it prints
  if(result EQUAL 0 OR NOT output MATCHES "${expected}")
    message(FATAL_ERROR "consumer test: find_package(pip) did not refuse ${what}:\n${output}")
  endif()
  message(STATUS "find_package(pip) refuses ${what}: ${CMAKE_MATCH_0}")
endfunction()
if(CHECK_REFUSALS)
  expect_refusal("the Makefiles generator" "pip's C\\+\\+20 modules need the Ninja generator[^:]*"
    -G "Unix Makefiles" -D CMAKE_CXX_COMPILER=${CXX_COMPILER})
  find_program(gxx12 g++-12)
  if(gxx12)
    expect_refusal("g++ 12" "pip's C\\+\\+20 modules need clang >= 19 or g\\+\\+ >= 14 \\(this build uses GNU 12[^)]*\\)"
      -G Ninja -D CMAKE_CXX_COMPILER=${gxx12})
  endif()
endif()

set(options "")
if(BUILD_TYPE)
  string(TOUPPER "${BUILD_TYPE}" build_type_upper)
  list(APPEND options "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
  if(DEFINED CXX_FLAGS_CONFIG)
    list(APPEND options "-DCMAKE_CXX_FLAGS_${build_type_upper}=${CXX_FLAGS_CONFIG}")
  endif()
endif()
if(CXX_STANDARD)
  list(APPEND options "-DCMAKE_CXX_STANDARD=${CXX_STANDARD}")
endif()
run("configure" ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${build} -G Ninja
  -D CMAKE_CXX_COMPILER=${CXX_COMPILER}
  ${options}
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
  -D CMAKE_PREFIX_PATH=${PIP_PREFIX}
  -D CMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
set(jobs "")
if(NOT DEFINED ENV{CMAKE_BUILD_PARALLEL_LEVEL})
  set(jobs --parallel 2)  # a test must not take every core of a shared machine
endif()
run("build" ${CMAKE_COMMAND} --build ${build} ${jobs})
run("run" ${CTEST_COMMAND} --test-dir ${build} --output-on-failure --no-tests=error)
