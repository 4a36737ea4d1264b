// Gemma 3 LM benchmark: prefill and decode tokens/s of the C++ decoder, llama.cpp measured in the same run
// (inference/tools/llama_bench.py) on the same GGUF, ratios, peak memory, a per-section decode profile and the
// memory-bandwidth bound on decode (weight bytes read per token / measured read bandwidth). Prints figures;
// asserts nothing. No LibTorch in this header (the `anatomix bench` CLI calls it).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace anatomix::lm {

struct LmBenchOptions {
  // config.json and the weights: gguf_to_bundle.py's output, a Hugging Face Gemma 3 snapshot, or a model bundle
  // (its config.json "lm" and "files"."lm")
  std::string bundle_dir;
  // llama.cpp's model; default: bundle_dir/gemma-3-270m-q4_k_m.gguf, measured as shipped (q4_k_m) and
  // retyped to each precision. A given GGUF is measured at each precision (as it is where it has that type).
  std::string gguf_path;
  std::string python;            // interpreter with llama-cpp-python; empty: llama.cpp is not measured
  std::string tools_dir;         // the folder holding llama_bench.py
  std::vector<int> prompt_lengths = {512, 2048};
  int decode_tokens = 64;
  int decode_context = 128;      // tokens in the cache when decode timing starts (same as llama_bench.py)
  int threads = 2;
  std::string device = "cpu";
  std::vector<std::string> precisions = {"fp32", "bf16"};  // of the C++ decoder; llama.cpp: same + q4_k_m
  int64_t bandwidth_buffer_bytes = int64_t{2} << 30;  // far beyond any last-level cache: main memory
};

// Memory read bandwidth in bytes/s: the best of `repeats` fp32 matrix-vector products over a `bytes`-sized
// matrix with the current LibTorch threads (a matrix far larger than the last-level cache measures main memory).
double measure_read_bandwidth(int64_t bytes, int repeats = 5);

// Runs the benchmark and writes a readable report to `out`. Returns 0, or 1 with the reason written to
// `out` when the bundle cannot be loaded (never throws).
int run_lm_bench(const LmBenchOptions& options, std::ostream& out);

}  // namespace anatomix::lm
