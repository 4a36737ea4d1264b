// Where the shipped demonstration bundle (resources/models/anatomix-demo) is, for the workstation and the
// `anatomix` commands alike: beside the program (a build tree's resources/, a relocatable models/ folder, an
// installed share/anatomix-workstation/), else in the source tree the program was built from. Plain C++17,
// header only, so that a workstation built without the engine finds it the same way.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace anatomix {

// The folders looked at, in order, for a program in `program_dir` built from `source_dir` ("" for none).
inline std::vector<std::filesystem::path> shipped_bundle_candidates(const std::filesystem::path& program_dir,
                                                                    const std::filesystem::path& source_dir) {
  std::vector<std::filesystem::path> candidates = {
      program_dir / ".." / "resources" / "models" / "anatomix-demo",
      program_dir / "models" / "anatomix-demo",
      program_dir / ".." / "share" / "anatomix-workstation" / "models" / "anatomix-demo"};
  if (!source_dir.empty()) candidates.push_back(source_dir / "resources" / "models" / "anatomix-demo");
  return candidates;
}

// The first candidate that holds a config.json, normalised; "" when there is none.
inline std::string find_shipped_bundle(const std::filesystem::path& program_dir, const std::filesystem::path& source_dir) {
  std::error_code error;
  for (const auto& candidate : shipped_bundle_candidates(program_dir, source_dir))
    if (std::filesystem::exists(candidate / "config.json", error)) return candidate.lexically_normal().string();
  return {};
}

// The folder of the running program (Linux: /proc/self/exe), or "" when it cannot be read.
inline std::filesystem::path running_program_dir() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : exe.parent_path();
}

}  // namespace anatomix
