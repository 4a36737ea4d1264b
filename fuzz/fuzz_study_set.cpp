// The study-set reader of the trainer and the evaluator (training/dataset: load_study_set): DIR/index.json
// and the manifests it lists (format in training/README.md). The first byte picks which file the rest is:
// even, index.json, with a valid manifest (valid.json, from the product's manifest writer) beside it; odd,
// the manifest study.json, listed by a valid index. A damaged file must give a std::runtime_error that
// names it; anything else (a crash, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "dataset/study_dataset.h"
#include "fuzz_support.h"
#include "synth/manifest.h"
#include "synth/study_generator.h"

namespace fs = std::filesystem;

namespace {

// One folder per mode, made once: the fixed file of each mode is written before the first input.
struct StudySetFolders {
  std::string index_mode;     // the input is index.json; valid.json beside it
  std::string manifest_mode;  // the input is study.json; index.json lists it

  StudySetFolders() {
    index_mode = anatomix::fuzz::scratch().file("index_mode");
    manifest_mode = anatomix::fuzz::scratch().file("manifest_mode");
    fs::create_directories(index_mode);
    fs::create_directories(manifest_mode);
    anatomix::synth::GeneratorOptions options;
    options.size = 128;
    const anatomix::synth::Study study = anatomix::synth::generate_study(options, 0);
    anatomix::synth::write_json_file(anatomix::synth::study_manifest(study, "valid.dcm"),
                                       index_mode + "/synth_000000.json");  // the name the seed index lists
    const nlohmann::ordered_json index = {
        {"studies", nlohmann::ordered_json::array({{{"id", "study"}, {"manifest", "study.json"}}})}};
    anatomix::synth::write_json_file(index, manifest_mode + "/index.json");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const StudySetFolders folders;
  const bool index_input = data[0] % 2 == 0;
  const std::string folder = index_input ? folders.index_mode : folders.manifest_mode;
  const std::string input = folder + (index_input ? "/index.json" : "/study.json");
  anatomix::fuzz::write_file(input, data + 1, size - 1);
  try {
    (void)anatomix::training::load_study_set(folder);
  } catch (const std::runtime_error& error) {
    // An index may list manifests anywhere (absolute paths): then the error names that path instead.
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const bool names_only_folder = !index_input || (text.find('/') == std::string::npos &&
                                                    text.find("\\u") == std::string::npos);
    const std::string message = error.what();
    if (names_only_folder && message.find(index_input ? folder : input) == std::string::npos) std::abort();
  }
  return 0;
}
