// Shared helpers of the engine tests: where the fixtures put their files.
#pragma once

#include <cstdlib>
#include <string>

namespace anatomix::test {

// Directory the ctest fixtures write to (ANATOMIX_ENGINE_TEST_DATA, set by tests/engine/CMakeLists.txt).
inline std::string data_dir() {
  const char* dir = std::getenv("ANATOMIX_ENGINE_TEST_DATA");
  return dir ? dir : "";
}

}  // namespace anatomix::test
