// Where the workstation and the `anatomix` commands look for the shipped bundle (anatomix/shipped_bundle.h):
// beside the program first, in the order of the candidates, then in the source tree; nothing found is "".
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "anatomix/shipped_bundle.h"

namespace anatomix {
namespace {

namespace fs = std::filesystem;

void make_bundle(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "config.json") << "{}";
}

TEST(ShippedBundleLocation, BesideTheProgramInOrderThenTheSourceTree) {
  const fs::path root = fs::temp_directory_path() / ("anatomix_bundle_location_" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path program = root / "prefix" / "bin";
  const fs::path source = root / "source";
  fs::create_directories(program);

  EXPECT_EQ(find_shipped_bundle(program, source), "");
  EXPECT_EQ(find_shipped_bundle(program, ""), "");

  make_bundle(source / "resources" / "models" / "anatomix-demo");
  EXPECT_EQ(find_shipped_bundle(program, source), (source / "resources" / "models" / "anatomix-demo").string());

  const fs::path installed = root / "prefix" / "share" / "anatomix-workstation" / "models" / "anatomix-demo";
  make_bundle(installed);
  EXPECT_EQ(find_shipped_bundle(program, source), installed.string());

  make_bundle(program / "models" / "anatomix-demo");
  EXPECT_EQ(find_shipped_bundle(program, source), (program / "models" / "anatomix-demo").string());

  const fs::path build_tree = root / "prefix" / "resources" / "models" / "anatomix-demo";
  make_bundle(build_tree);
  EXPECT_EQ(find_shipped_bundle(program, source), build_tree.string());

  // A folder without config.json is not a bundle.
  fs::remove(build_tree / "config.json");
  EXPECT_EQ(find_shipped_bundle(program, source), (program / "models" / "anatomix-demo").string());
  fs::remove_all(root);
}

TEST(ShippedBundleLocation, TheSourceTreeHoldsTheShippedBundle) {
  const std::string found = find_shipped_bundle(fs::path("/nonexistent/bin"), ANATOMIX_SOURCE_DIR);
  EXPECT_EQ(found, (fs::path(ANATOMIX_SOURCE_DIR) / "resources" / "models" / "anatomix-demo").lexically_normal().string());
  EXPECT_FALSE(running_program_dir().empty());
}

}  // namespace
}  // namespace anatomix
