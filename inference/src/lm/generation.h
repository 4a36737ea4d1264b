// Token generation over a Gemma3Model: prefill of a prompt's embeddings, then incremental decode with greedy
// or seeded top-k/temperature sampling, stop ids, a streaming text callback and a cancellation flag.
#pragma once

#include "lm/gemma3.h"
#include "lm/tokenizer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace anatomix::lm {

struct GenerationOptions {
  int max_new_tokens = 350;
  float temperature = 0.0f;          // <= 0: greedy (AnatomiX decodes greedily)
  int top_k = 64;                    // sampling only; <= 0 means the whole vocabulary
  uint64_t seed = 0;                 // sampling only; same seed, same tokens
  std::vector<int> stop_ids = {GemmaTokenIds::kEndOfTurn, GemmaTokenIds::kEos};
  std::atomic<bool>* cancel = nullptr;  // checked before every decode step
  // Called once per generated token (stop ids excluded) with the text that token completed (UTF-8 never
  // split; may be empty). Return false to stop.
  std::function<bool(int id, const std::string& text)> on_token;
};

enum class StopReason { kStopToken, kMaxTokens, kCancelled, kCallback, kContextFull };

struct GenerationResult {
  std::vector<int> ids;        // generated ids, without the stop id
  std::string text;            // decoded, special tokens skipped (the AnatomiX tokens stay)
  StopReason stop_reason = StopReason::kMaxTokens;
  int64_t prompt_tokens = 0;
  double prefill_seconds = 0;
  double decode_seconds = 0;   // all steps after the first token
  double prefill_tokens_per_second() const { return prefill_seconds > 0 ? prompt_tokens / prefill_seconds : 0; }
  double decode_tokens_per_second() const;
};

// Picks the next id from fp32 logits [vocab]: ids >= vocab_limit are never chosen (padding rows of the
// embedding); greedy when temperature <= 0, otherwise top-k sampling from softmax(logits / temperature)
// with `rng_state` advanced deterministically.
int select_next_token(const at::Tensor& logits, int vocab_limit, const GenerationOptions& options,
                      uint64_t& rng_state);

// Prefills `prompt_embeddings` [T, hidden] into `cache` (which should be empty or hold the prompt's
// prefix), then decodes. The cache must have room for T + max_new_tokens positions or generation stops
// with kContextFull.
GenerationResult generate(const Gemma3Model& model, const Tokenizer& tokenizer, const at::Tensor& prompt_embeddings,
                          KvCache& cache, const GenerationOptions& options);

// The prefill half of generate(): runs `prompt_embeddings` [T, hidden] into `cache` in chunks (a cancel lands
// within one chunk) and returns the fp32 logits of the last position, or an undefined tensor when cancelled.
at::Tensor prefill(const Gemma3Model& model, const at::Tensor& prompt_embeddings, KvCache& cache,
                   const std::atomic<bool>* cancel = nullptr);

// Log-probability of each candidate continuation (token ids, the stop id included) after a prompt that
// `prompt_cache` holds and whose last position gave `last_logits`; each candidate runs on its own copy of
// the cache, so the prompt runs once. Used to answer a closed question with one of its options.
std::vector<double> continuation_log_probs(const Gemma3Model& model, const at::Tensor& last_logits,
                                           const KvCache& prompt_cache,
                                           const std::vector<std::vector<int>>& candidates);

// Convenience for text-only prompts: embeds `prompt_ids` (scaled) and calls generate with a new cache.
GenerationResult generate_from_ids(const Gemma3Model& model, const Tokenizer& tokenizer,
                                   const std::vector<int>& prompt_ids, const GenerationOptions& options);

}  // namespace anatomix::lm
