# Installs the pip build tree into a fresh prefix, then configures, builds and runs tests/consumer/project
# against it with the same compiler and flags. Run by CTest (see CMakeLists.txt) with:
#   -D PIP_BUILD_DIR=... -D WORK_DIR=... -D CONSUMER_SOURCE_DIR=... -D CXX_COMPILER=... -D BUILD_TYPE=...
#   -D CXX_FLAGS=... -D CXX_FLAGS_CONFIG=... -D EXE_LINKER_FLAGS=... -D CTEST_COMMAND=...
cmake_minimum_required(VERSION 3.28)

function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer test: ${step} failed (${result})")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${prefix} ${build})  # every run starts from an empty prefix: no stale installed files

run("install" ${CMAKE_COMMAND} --install ${PIP_BUILD_DIR} --prefix ${prefix})
set(build_type_flags "")
if(BUILD_TYPE)
  string(TOUPPER "${BUILD_TYPE}" build_type_upper)
  set(build_type_flags "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DCMAKE_CXX_FLAGS_${build_type_upper}=${CXX_FLAGS_CONFIG}")
endif()
run("configure" ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE_DIR} -B ${build} -G Ninja
  -D CMAKE_CXX_COMPILER=${CXX_COMPILER}
  ${build_type_flags}
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
  -D CMAKE_PREFIX_PATH=${prefix}
  -D CMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
set(jobs "")
if(NOT DEFINED ENV{CMAKE_BUILD_PARALLEL_LEVEL})
  set(jobs --parallel 2)  # a test must not take every core of a shared machine
endif()
run("build" ${CMAKE_COMMAND} --build ${build} ${jobs})
run("run" ${CTEST_COMMAND} --test-dir ${build} --output-on-failure --no-tests=error)
