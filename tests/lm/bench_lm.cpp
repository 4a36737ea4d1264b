// bench_lm: Gemma 3 270M prefill/decode speed of the C++ decoder against llama.cpp (figures only).
// Builds the test bundle first if needed (inference/tools/gguf_to_bundle.py, cached).
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "lm/lm_bench.h"

int main(int argc, char** argv) {
  anatomix::lm::LmBenchOptions options;
  try {
    for (int i = 1; i + 1 < argc; i += 2) {
      const std::string flag = argv[i], value = argv[i + 1];
      if (flag == "--bundle")
        options.bundle_dir = value;
      else if (flag == "--python")
        options.python = value;
      else if (flag == "--tools")
        options.tools_dir = value;
      else if (flag == "--threads")
        options.threads = std::stoi(value);
      else if (flag == "--decode")
        options.decode_tokens = std::stoi(value);
      else if (flag == "--device")
        options.device = value;
      else if (flag == "--prompt-lengths") {
        options.prompt_lengths.clear();
        std::stringstream list(value);
        for (std::string item; std::getline(list, item, ',');) options.prompt_lengths.push_back(std::stoi(item));
      } else if (flag == "--precisions") {
        options.precisions.clear();
        std::stringstream list(value);
        for (std::string item; std::getline(list, item, ',');) options.precisions.push_back(item);
      } else {
        std::cerr << "bench_lm: unknown option " << flag << "\n";
        return 2;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_lm: bad option value (" << e.what() << ")\n";
    return 2;
  }
  if (options.bundle_dir.empty()) {
    std::cerr << "usage: bench_lm --bundle DIR [--python PY --tools DIR] [--threads N] [--decode N] [--device D]\n"
                 "                [--prompt-lengths 512,2048] [--precisions bf16,fp32]\n";
    return 2;
  }
  if (!options.python.empty() && !options.tools_dir.empty()) {
    const std::string command =
        "'" + options.python + "' '" + options.tools_dir + "/gguf_to_bundle.py' '" + options.bundle_dir + "'";
    if (std::system(command.c_str()) != 0) {
      std::cerr << "bench_lm: could not build the test bundle with: " << command << "\n";
      return 1;
    }
  }
  return anatomix::lm::run_lm_bench(options, std::cout);
}
