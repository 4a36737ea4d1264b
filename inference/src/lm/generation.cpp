#include "lm/generation.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace anatomix::lm {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// splitmix64: tiny, well-distributed, and identical on every platform (unlike std distributions).
uint64_t next_random(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

double GenerationResult::decode_tokens_per_second() const {
  // The first token comes out of the prefill; the decode steps produce the rest.
  const auto steps = static_cast<double>(ids.size()) - 1.0;
  return decode_seconds > 0 && steps > 0 ? steps / decode_seconds : 0;
}

int select_next_token(const at::Tensor& logits, int vocab_limit, const GenerationOptions& options,
                      uint64_t& rng_state) {
  at::Tensor scores = logits.to(at::kCPU, at::kFloat).reshape({-1});
  const int64_t limit = std::min<int64_t>(vocab_limit, scores.size(0));
  if (limit <= 0) throw std::invalid_argument("select_next_token: empty vocabulary");
  scores = scores.narrow(0, 0, limit);
  if (options.temperature <= 0.0f) return static_cast<int>(scores.argmax().item<int64_t>());

  const int64_t k = options.top_k > 0 ? std::min<int64_t>(options.top_k, limit) : limit;
  auto [top_values, top_ids] = scores.topk(k);  // sorted, largest first
  at::Tensor probs = at::softmax(top_values / options.temperature, 0).contiguous();
  const float* p = probs.data_ptr<float>();
  const double u = static_cast<double>(next_random(rng_state) >> 11) * 0x1.0p-53;
  double cumulative = 0;
  for (int64_t i = 0; i < k; ++i) {
    cumulative += p[i];
    if (u < cumulative) return static_cast<int>(top_ids[i].item<int64_t>());
  }
  return static_cast<int>(top_ids[k - 1].item<int64_t>());
}

at::Tensor prefill(const Gemma3Model& model, const at::Tensor& prompt_embeddings, KvCache& cache,
                   const std::atomic<bool>* cancel) {
  c10::InferenceMode inference_guard;
  // The prompt goes through in chunks so that a cancel lands within one chunk's time, not the whole
  // prefill's (an AnatomiX prompt is ~1200 tokens). Short prompts take the single-pass path.
  constexpr int64_t kPrefillChunk = 256;
  const int64_t tokens = prompt_embeddings.size(0);
  at::Tensor logits;
  for (int64_t begin = 0; begin < tokens; begin += kPrefillChunk) {
    if (begin > 0 && cancel && cancel->load()) return at::Tensor();
    const int64_t end = std::min(tokens, begin + kPrefillChunk);
    logits = model.forward(prompt_embeddings.slice(0, begin, end), cache);
  }
  return logits;
}

std::vector<double> continuation_log_probs(const Gemma3Model& model, const at::Tensor& last_logits,
                                           const KvCache& prompt_cache,
                                           const std::vector<std::vector<int>>& candidates) {
  c10::InferenceMode inference_guard;
  const at::Tensor first = at::log_softmax(last_logits.to(at::kFloat).reshape({-1}), 0);
  std::vector<double> scores;
  for (const auto& candidate : candidates) {
    if (candidate.empty()) throw std::invalid_argument("continuation_log_probs: an empty candidate");
    double score = first[candidate[0]].item<double>();
    if (candidate.size() > 1) {
      const auto length = static_cast<int64_t>(candidate.size());
      KvCache cache = prompt_cache.prefix_copy(prompt_cache.length(), prompt_cache.length() + length);
      const at::Tensor logits = at::log_softmax(
          model.forward_all_logits(model.embed(std::vector<int64_t>(candidate.begin(), candidate.end() - 1)), cache), 1);
      for (int64_t i = 1; i < length; ++i) score += logits[i - 1][candidate[static_cast<size_t>(i)]].item<double>();
    }
    scores.push_back(score);
  }
  return scores;
}

GenerationResult generate(const Gemma3Model& model, const Tokenizer& tokenizer, const at::Tensor& prompt_embeddings,
                          KvCache& cache, const GenerationOptions& options) {
  c10::InferenceMode inference_guard;
  GenerationResult result;
  result.prompt_tokens = prompt_embeddings.size(0);
  const int vocab_limit = std::min<int>(tokenizer.vocab_size(), static_cast<int>(model.config().vocab_size));
  uint64_t rng_state = options.seed;
  Tokenizer::StreamDecoder stream(tokenizer);
  std::vector<int> decoded_ids;

  if (options.cancel && options.cancel->load()) {
    result.stop_reason = StopReason::kCancelled;
    return result;
  }
  auto start = std::chrono::steady_clock::now();
  at::Tensor logits = prefill(model, prompt_embeddings, cache, options.cancel);
  result.prefill_seconds = seconds_since(start);
  if (!logits.defined()) {
    result.stop_reason = StopReason::kCancelled;
    return result;
  }
  start = std::chrono::steady_clock::now();

  result.stop_reason = StopReason::kMaxTokens;
  for (int step = 0; step < options.max_new_tokens; ++step) {
    const int id = select_next_token(logits, vocab_limit, options, rng_state);
    if (std::find(options.stop_ids.begin(), options.stop_ids.end(), id) != options.stop_ids.end()) {
      result.stop_reason = StopReason::kStopToken;
      break;
    }
    result.ids.push_back(id);
    const std::string piece = stream.push(id);
    if (options.on_token && !options.on_token(id, piece)) {
      result.stop_reason = StopReason::kCallback;
      break;
    }
    if (step + 1 == options.max_new_tokens) break;
    if (options.cancel && options.cancel->load()) {
      result.stop_reason = StopReason::kCancelled;
      break;
    }
    if (cache.remaining() < 1) {
      result.stop_reason = StopReason::kContextFull;
      break;
    }
    logits = model.forward(model.embed({id}), cache);
  }
  result.decode_seconds = seconds_since(start);
  result.text = tokenizer.decode(result.ids);
  return result;
}

GenerationResult generate_from_ids(const Gemma3Model& model, const Tokenizer& tokenizer,
                                   const std::vector<int>& prompt_ids, const GenerationOptions& options) {
  if (prompt_ids.empty()) throw std::invalid_argument("generate: the prompt is empty");
  KvCache cache = model.new_cache(static_cast<int64_t>(prompt_ids.size()) + std::max(options.max_new_tokens, 1));
  const at::Tensor embeddings = model.embed(std::vector<int64_t>(prompt_ids.begin(), prompt_ids.end()));
  return generate(model, tokenizer, embeddings, cache, options);
}

}  // namespace anatomix::lm
