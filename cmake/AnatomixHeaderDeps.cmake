# spdlog, {fmt} and nlohmann-json as headers, and GoogleTest from its sources, all from one folder
# (ANATOMIX_HEADER_DEPS_DIR, made by packaging/device/collect_header_deps.sh from the Debian packages):
# an engine-only build on a machine that has a compiler, CMake and Python's torch but none of these packages.
set(deps ${ANATOMIX_HEADER_DEPS_DIR})
foreach(required include/spdlog/spdlog.h include/fmt/core.h include/nlohmann/json.hpp)
  if(NOT EXISTS ${deps}/${required})
    message(FATAL_ERROR "ANATOMIX_HEADER_DEPS_DIR=${deps} has no ${required} "
      "(make the folder with packaging/device/collect_header_deps.sh)")
  endif()
endforeach()
# This {fmt} must win over any other copy on the include path: LibTorch wheels ship their own, newer {fmt}
# headers, and spdlog's headers must see the {fmt} they were written for.
include_directories(BEFORE SYSTEM ${deps}/include)
# spdlog and {fmt} compiled into each program from their headers, so with the same compiler flags and C++ ABI
# as LibTorch's code around them.
add_library(anatomix_header_spdlog INTERFACE)
target_include_directories(anatomix_header_spdlog SYSTEM INTERFACE ${deps}/include)
target_compile_definitions(anatomix_header_spdlog INTERFACE SPDLOG_HEADER_ONLY SPDLOG_FMT_EXTERNAL FMT_HEADER_ONLY)
add_library(spdlog::spdlog ALIAS anatomix_header_spdlog)
add_library(anatomix_header_json INTERFACE)
target_include_directories(anatomix_header_json SYSTEM INTERFACE ${deps}/include)
add_library(nlohmann_json::nlohmann_json ALIAS anatomix_header_json)
if(ANATOMIX_BUILD_TESTS)
  if(NOT EXISTS ${deps}/googletest/CMakeLists.txt)
    message(FATAL_ERROR "ANATOMIX_HEADER_DEPS_DIR=${deps} has no googletest/ sources")
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  add_subdirectory(${deps}/googletest ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
  if(NOT TARGET GTest::gtest)  # GoogleTest 1.11 and later define these names themselves
    add_library(GTest::gtest ALIAS gtest)
    add_library(GTest::gtest_main ALIAS gtest_main)
  endif()
endif()
