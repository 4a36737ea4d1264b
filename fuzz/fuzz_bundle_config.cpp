// config.json of a model bundle, read as the engine reads it: BundleConfig::load, then the language
// model's part through Gemma3Config. A configuration that loads must also survive its own to_json().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "anatomix/engine.h"
#include "bundle_config.h"
#include "fuzz_support.h"
#include "lm/gemma3_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string directory = anatomix::fuzz::scratch().file("bundle");
  std::filesystem::create_directories(directory);
  anatomix::fuzz::write_file(directory + "/config.json", data, size);
  anatomix::BundleConfig config;
  try {
    config = anatomix::BundleConfig::load(directory);
  } catch (const anatomix::EngineError&) {
    return 0;
  }
  try {
    (void)anatomix::BundleConfig::from_json(config.to_json(), directory);
  } catch (const anatomix::EngineError&) {
    std::abort();  // what was accepted once must be accepted again
  }
  try {
    (void)anatomix::lm::Gemma3Config::from_json_text(config.lm.dump(), directory + "/config.json \"lm\"");
  } catch (const anatomix::lm::ConfigError&) {
  }
  return 0;
}
