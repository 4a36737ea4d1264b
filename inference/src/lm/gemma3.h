// Native LibTorch Gemma 3 text decoder (Hugging Face transformers' Gemma 3): sandwich RMSNorms with (1 + w) in fp32,
// q/k norm, grouped-query attention, sliding-window and global layers with their own RoPE bases (linear
// scaling on global layers), gated GELU-tanh MLP, embedding scale rounded to the weight dtype, no soft-cap,
// tied or untied LM head. Included only by engine/LM .cpp files (it exposes at::Tensor).
#pragma once

#include "lm/gemma3_config.h"
#include "lm/kv_cache.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace anatomix::safetensors {
class SafetensorsCheckpoint;
}

namespace anatomix::lm {

enum class WeightPrecision {
  kAuto,      // bf16 on CUDA; on CPU fp32 (LibTorch 1.13's bf16 linear measured slower, see lm_bench) unless
              // fp32 weights would take more than half of the memory (anatomix::cpu_keeps_16bit_weights)
  kBFloat16,
  kFloat32,
};

struct Gemma3LoadOptions {
  std::string device = "cpu";  // "cpu", "cuda" or "cuda:N"
  WeightPrecision precision = WeightPrecision::kAuto;
  int threads = 0;             // CPU intra-op threads; 0 keeps LibTorch's setting
};

// Seconds spent per part of the forward pass, accumulated while a profile is attached (CPU timings are
// exact; on CUDA each section synchronises, so only use it for diagnosis).
struct Gemma3Profile {
  std::map<std::string, double> seconds;
  void clear() { seconds.clear(); }
};

// One forward at a time per model (RoPE tables grow lazily). A loaded model's weights are read-only and never
// copied per call. A trainable model (from_parameters) runs the SAME forward on parameter leaves that the
// caller owns and updates: its stacked/normalised views are rebuilt from the leaves at every forward.
class Gemma3Model {
 public:
  using ParameterShapes = std::vector<std::pair<std::string, std::vector<int64_t>>>;

  // Loads the decoder weights from `checkpoint`. Accepted name prefixes: "language_model.model.",
  // "model.language_model.", "model." or none; LM head "lm_head.weight" / "language_model.lm_head.weight"
  // (used when present, the embedding otherwise). Throws std::runtime_error naming the missing tensor or
  // the wrong shape (expected vs found) and the file.
  static std::unique_ptr<Gemma3Model> load(const Gemma3Config& config,
                                           const safetensors::SafetensorsCheckpoint& checkpoint,
                                           const Gemma3LoadOptions& options = {});
  ~Gemma3Model();

  // Unprefixed names and shapes of every parameter ("embed_tokens.weight", "layers.0.self_attn.q_proj.weight",
  // ..., "lm_head.weight" only when tie_word_embeddings is false): the layout lm.safetensors is written in.
  static ParameterShapes parameter_shapes(const Gemma3Config& config);
  // HF-style initialisation: normal(0, stddev) matrices, zero norm weights (scale 1 + w = 1). fp32, CPU.
  static std::map<std::string, at::Tensor> random_parameters(const Gemma3Config& config, uint64_t seed,
                                                             double stddev = 0.02);
  // A trainable fp32 model over `parameters` (names and shapes of parameter_shapes; used as given, so leaves
  // with requires_grad receive gradients; the device is the embedding's). Throws std::runtime_error listing
  // every missing or misshapen tensor.
  static std::unique_ptr<Gemma3Model> from_parameters(const Gemma3Config& config,
                                                      std::map<std::string, at::Tensor> parameters);
  // The parameters of a trainable model (empty for a loaded one).
  const std::map<std::string, at::Tensor>& parameters() const;

  const Gemma3Config& config() const;
  at::Device device() const;
  at::ScalarType dtype() const;  // compute/weight dtype
  int64_t parameter_bytes() const;
  // Weight bytes one decode step reads: every weight once, the embedding table only when it is also the LM
  // head (a separate head reads one embedding row). The numerator of the memory-bandwidth bound on decode.
  int64_t bytes_read_per_token() const;

  // A cache for up to `capacity` tokens on the model's device and dtype.
  KvCache new_cache(int64_t capacity) const;

  // Token ids -> scaled embeddings [T, hidden] (dtype(), device()). Throws on ids outside the table.
  at::Tensor embed(const std::vector<int64_t>& ids) const;

  // Runs the decoder on `embeddings` [T, hidden] at positions cache.length() .. + T (causal, sliding
  // window on local layers), appends to `cache`, and returns fp32 logits of the last position [vocab].
  // Rows the engine replaced (image/object soft tokens) are taken as they are, unscaled.
  at::Tensor forward(const at::Tensor& embeddings, KvCache& cache) const;
  // Same, returning the fp32 logits of every position [T, vocab] (tests and scoring). A trainable model records
  // the autograd graph here unless the caller holds an InferenceMode guard.
  at::Tensor forward_all_logits(const at::Tensor& embeddings, KvCache& cache) const;

  // Training forward of a trainable model over a whole sequence [T, hidden] (causal + sliding masks, a fresh
  // cache that autograd flows through): fp32 logits [T, vocab] with the graph. Must not run in InferenceMode.
  at::Tensor forward_train(const at::Tensor& embeddings) const;

  // Attach (or detach with nullptr) a profile that accumulates per-section times.
  void set_profile(Gemma3Profile* profile) const;

  // The additive attention mask [T, kv_end - kv_begin] (0 or -inf) used for queries at positions
  // [first_position, first_position + T) against keys [kv_begin, kv_end); window <= 0 means global.
  static at::Tensor attention_mask(int64_t first_position, int64_t tokens, int64_t kv_begin, int64_t kv_end,
                                   int64_t window);

 private:
  struct Impl;
  explicit Gemma3Model(std::unique_ptr<Impl> impl);
  at::Tensor run(const at::Tensor& embeddings, KvCache& cache, bool all_positions) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace anatomix::lm
