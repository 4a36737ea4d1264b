// Gemma 3 LM benchmark: prefill and decode tokens/s of the C++ decoder, llama.cpp measured in the same run
// (inference/tools/llama_bench.py) on the same GGUF, ratios, peak memory and a per-section decode profile.
// Prints figures; asserts nothing. No LibTorch in this header (the `anatomix bench` CLI calls it).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace anatomix::lm {

struct LmBenchOptions {
  std::string bundle_dir;        // config.json, model.safetensors, tokenizer.model (gguf_to_bundle.py output)
  std::string gguf_path;         // llama.cpp's model; default: bundle_dir/gemma-3-270m-q4_k_m.gguf
  std::string python;            // interpreter with llama-cpp-python; empty: llama.cpp is not measured
  std::string tools_dir;         // the folder holding llama_bench.py
  std::vector<int> prompt_lengths = {512, 2048};
  int decode_tokens = 64;
  int decode_context = 128;      // tokens in the cache when decode timing starts (same as llama_bench.py)
  int threads = 2;
  std::string device = "cpu";
  std::vector<std::string> precisions = {"fp32", "bf16"};  // of the C++ decoder; llama.cpp: same + q4_k_m
};

// Runs the benchmark and writes a readable report to `out`. Returns 0, or 1 with the reason written to
// `out` when the bundle cannot be loaded (never throws).
int run_lm_bench(const LmBenchOptions& options, std::ostream& out);

}  // namespace anatomix::lm
