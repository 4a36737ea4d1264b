// Gemma 3 decoder invariants on tiny random models written by the test itself.
#include "lm/gemma3.h"
#include "lm/generation.h"
#include "lm/safetensors.h"
#include "test_support.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace anatomix::lm {
namespace {

struct TinySpec {
  int64_t hidden = 48, inter = 80, layers = 4, heads = 4, kv_heads = 2, head_dim = 16, vocab = 300, window = 4;
  std::vector<std::string> layer_types = {"sliding_attention", "sliding_attention", "full_attention",
                                          "sliding_attention"};
};

std::string config_json(const TinySpec& s) {
  nlohmann::json j = {{"hidden_size", s.hidden}, {"intermediate_size", s.inter}, {"num_hidden_layers", s.layers},
                      {"num_attention_heads", s.heads}, {"num_key_value_heads", s.kv_heads}, {"head_dim", s.head_dim},
                      {"query_pre_attn_scalar", s.head_dim}, {"sliding_window", s.window},
                      {"max_position_embeddings", 128}, {"vocab_size", s.vocab}, {"rope_theta", 1000000.0},
                      {"rope_local_base_freq", 10000.0}, {"rope_scaling", {{"rope_type", "linear"}, {"factor", 8.0}}},
                      {"layer_types", s.layer_types}};
  return j.dump();
}

std::vector<std::pair<std::string, at::Tensor>> random_weights(const TinySpec& s, const std::string& prefix,
                                                               uint64_t seed = 7) {
  torch::manual_seed(seed);
  std::vector<std::pair<std::string, at::Tensor>> w;
  auto mat = [](int64_t out, int64_t in) { return torch::randn({out, in}) / std::sqrt(static_cast<double>(in)); };
  auto norm = [](int64_t n) { return torch::randn({n}) * 0.1; };
  w.emplace_back(prefix + "embed_tokens.weight", torch::randn({s.vocab, s.hidden}) * 0.5);
  w.emplace_back(prefix + "norm.weight", norm(s.hidden));
  for (int64_t i = 0; i < s.layers; ++i) {
    const std::string p = prefix + "layers." + std::to_string(i) + ".";
    w.emplace_back(p + "input_layernorm.weight", norm(s.hidden));
    w.emplace_back(p + "post_attention_layernorm.weight", norm(s.hidden));
    w.emplace_back(p + "pre_feedforward_layernorm.weight", norm(s.hidden));
    w.emplace_back(p + "post_feedforward_layernorm.weight", norm(s.hidden));
    w.emplace_back(p + "self_attn.q_norm.weight", norm(s.head_dim));
    w.emplace_back(p + "self_attn.k_norm.weight", norm(s.head_dim));
    w.emplace_back(p + "self_attn.q_proj.weight", mat(s.heads * s.head_dim, s.hidden));
    w.emplace_back(p + "self_attn.k_proj.weight", mat(s.kv_heads * s.head_dim, s.hidden));
    w.emplace_back(p + "self_attn.v_proj.weight", mat(s.kv_heads * s.head_dim, s.hidden));
    w.emplace_back(p + "self_attn.o_proj.weight", mat(s.hidden, s.heads * s.head_dim));
    w.emplace_back(p + "mlp.gate_proj.weight", mat(s.inter, s.hidden));
    w.emplace_back(p + "mlp.up_proj.weight", mat(s.inter, s.hidden));
    w.emplace_back(p + "mlp.down_proj.weight", mat(s.hidden, s.inter));
  }
  return w;
}

std::unique_ptr<Gemma3Model> load_tiny(const test::ScratchDir& dir, const TinySpec& spec,
                                       const std::vector<std::pair<std::string, at::Tensor>>& weights,
                                       WeightPrecision precision = WeightPrecision::kFloat32,
                                       const std::string& file = "model.safetensors") {
  safetensors::write_safetensors(dir.file(file), weights);
  const auto config = Gemma3Config::from_json_text(config_json(spec), "tiny config");
  Gemma3LoadOptions options;
  options.precision = precision;
  return Gemma3Model::load(config, safetensors::SafetensorsCheckpoint::open(dir.file(file)), options);
}

std::vector<int64_t> token_ids(int64_t n, int64_t vocab) {
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < n; ++i) ids.push_back((i * 37 + 11) % vocab);
  return ids;
}

TEST(Gemma3Mask, EqualsBruteForce) {
  for (int64_t window : {0, 1, 3, 5}) {
    for (int64_t start : {0, 2, 9}) {
      for (int64_t tokens : {1, 4, 7}) {
        const int64_t kv_begin = window > 0 ? std::max<int64_t>(0, start - window + 1) : 0;
        const int64_t kv_end = start + tokens;
        const auto mask = Gemma3Model::attention_mask(start, tokens, kv_begin, kv_end, window);
        ASSERT_EQ(mask.sizes().vec(), (std::vector<int64_t>{tokens, kv_end - kv_begin}));
        for (int64_t i = 0; i < tokens; ++i) {
          for (int64_t j = 0; j < kv_end - kv_begin; ++j) {
            const int64_t q = start + i, k = kv_begin + j;
            const bool visible = k <= q && (window <= 0 || q - k < window);
            EXPECT_EQ(mask[i][j].item<float>() == 0.0f, visible) << "q=" << q << " k=" << k << " window=" << window;
            if (!visible) EXPECT_TRUE(std::isinf(mask[i][j].item<float>()));
          }
        }
      }
    }
  }
}

TEST(Gemma3Decoder, IncrementalDecodeEqualsFullRecompute) {
  test::ScratchDir dir;
  TinySpec spec;
  auto model = load_tiny(dir, spec, random_weights(spec, "model."));
  const auto ids = token_ids(14, spec.vocab);  // longer than the window: the sliding layers matter

  KvCache full_cache = model->new_cache(32);
  const at::Tensor full = model->forward_all_logits(model->embed(ids), full_cache);  // [14, vocab]
  ASSERT_EQ(full.sizes().vec(), (std::vector<int64_t>{14, spec.vocab}));

  KvCache cache = model->new_cache(32);
  const std::vector<int64_t> prefix(ids.begin(), ids.begin() + 5);
  at::Tensor last = model->forward(model->embed(prefix), cache);
  EXPECT_TRUE(torch::allclose(last, full[4], 1e-4, 1e-4));
  for (size_t i = 5; i < ids.size(); ++i) {
    last = model->forward(model->embed({ids[i]}), cache);
    EXPECT_TRUE(torch::allclose(last, full[static_cast<int64_t>(i)], 1e-4, 1e-4))
        << "position " << i << " max diff " << (last - full[static_cast<int64_t>(i)]).abs().max().item<float>();
  }
  EXPECT_EQ(cache.length(), 14);

  // Chunked prefill (5 + 9 tokens) gives the same logits too.
  KvCache chunked = model->new_cache(32);
  model->forward(model->embed(prefix), chunked);
  const at::Tensor rest = model->forward_all_logits(
      model->embed(std::vector<int64_t>(ids.begin() + 5, ids.end())), chunked);
  EXPECT_TRUE(torch::allclose(rest, full.narrow(0, 5, 9), 1e-4, 1e-4));
}

// In bf16 on the CPU a decode step's projections are matrix-vector products (at::mv), a prefill's are matrix
// products: the same logits up to bf16 rounding (the rounding of the outputs, 2^-9 of their size, and of
// everything computed from them).
TEST(Gemma3Decoder, Bf16IncrementalDecodeStaysCloseToFullRecompute) {
  test::ScratchDir dir;
  TinySpec spec;
  auto model = load_tiny(dir, spec, random_weights(spec, "model."), WeightPrecision::kBFloat16);
  const auto ids = token_ids(14, spec.vocab);
  KvCache full_cache = model->new_cache(32);
  const at::Tensor full = model->forward_all_logits(model->embed(ids), full_cache);
  KvCache cache = model->new_cache(32);
  model->forward(model->embed(std::vector<int64_t>(ids.begin(), ids.begin() + 5)), cache);
  const double scale = full.abs().max().item<double>();
  for (size_t i = 5; i < ids.size(); ++i) {
    const at::Tensor last = model->forward(model->embed({ids[i]}), cache);
    const double difference = (last - full[static_cast<int64_t>(i)]).abs().max().item<double>();
    EXPECT_LE(difference, 0.03 * scale) << "position " << i;
  }
}

TEST(Gemma3Decoder, SlidingWindowHidesTokensOutsideTheWindow) {
  test::ScratchDir dir;
  TinySpec spec;
  spec.layers = 1;
  spec.layer_types = {"sliding_attention"};
  auto model = load_tiny(dir, spec, random_weights(spec, "model."));
  auto ids = token_ids(10, spec.vocab);
  KvCache a = model->new_cache(16);
  const at::Tensor base = model->forward_all_logits(model->embed(ids), a);
  ids[0] = (ids[0] + 1) % spec.vocab;  // only position 0 changes
  ids[5] = (ids[5] + 1) % spec.vocab;  // and position 5
  KvCache b = model->new_cache(16);
  const at::Tensor changed = model->forward_all_logits(model->embed(ids), b);
  // Window 4: position 9 sees 6..9 only, so it is unaffected; position 8 sees 5 and must change.
  EXPECT_TRUE(torch::allclose(base[9], changed[9], 1e-5, 1e-5));
  EXPECT_FALSE(torch::allclose(base[8], changed[8], 1e-3, 1e-3));

  // The same model with a global layer sees everything.
  spec.layer_types = {"full_attention"};
  test::ScratchDir dir2;
  auto global = load_tiny(dir2, spec, random_weights(spec, "model."));
  KvCache c = global->new_cache(16), d = global->new_cache(16);
  const at::Tensor g1 = global->forward_all_logits(global->embed(token_ids(10, spec.vocab)), c);
  const at::Tensor g2 = global->forward_all_logits(global->embed(ids), d);
  EXPECT_FALSE(torch::allclose(g1[9], g2[9], 1e-3, 1e-3));
}

TEST(Gemma3Decoder, NamePrefixVariantsAndUntiedHead) {
  TinySpec spec;
  const auto ids = token_ids(6, spec.vocab);
  auto logits_with_prefix = [&](const std::string& prefix) {
    test::ScratchDir dir;
    auto model = load_tiny(dir, spec, random_weights(spec, prefix));
    KvCache cache = model->new_cache(8);
    return model->forward(model->embed(ids), cache);
  };
  const at::Tensor reference = logits_with_prefix("model.");
  for (const char* prefix : {"language_model.model.", "model.language_model.", ""}) {
    EXPECT_TRUE(torch::equal(logits_with_prefix(prefix), reference)) << prefix;
  }

  test::ScratchDir dir;
  auto weights = random_weights(spec, "model.");
  weights.emplace_back("lm_head.weight", weights[0].second * 2.0);  // an untied head, here 2x the embedding
  auto untied = load_tiny(dir, spec, weights);
  KvCache cache = untied->new_cache(8);
  EXPECT_TRUE(torch::allclose(untied->forward(untied->embed(ids), cache), reference * 2.0, 1e-4, 1e-4));
}

TEST(Gemma3Decoder, EmbeddingScaleIsRoundedToTheWeightDtype) {
  test::ScratchDir dir;
  TinySpec spec;  // hidden 48: sqrt(48) = 6.9282 in fp32, 6.9375 in bf16
  auto weights = random_weights(spec, "model.");
  auto bf16 = load_tiny(dir, spec, weights, WeightPrecision::kBFloat16);
  const at::Tensor row = weights[0].second[5].to(torch::kBFloat16).to(torch::kFloat);
  const at::Tensor embedded = bf16->embed({5})[0].to(torch::kFloat);
  EXPECT_TRUE(torch::allclose(embedded, (row * 6.9375).to(torch::kBFloat16).to(torch::kFloat)));
  test::ScratchDir dir2;
  auto fp32 = load_tiny(dir2, spec, weights, WeightPrecision::kFloat32);
  EXPECT_TRUE(torch::allclose(fp32->embed({5})[0], weights[0].second[5] * std::sqrt(48.0f)));
  EXPECT_THROW(fp32->embed({spec.vocab}), std::out_of_range);
}

TEST(Gemma3Decoder, Bf16DecodeStaysCloseToFp32) {
  test::ScratchDir dir;
  TinySpec spec;
  auto weights = random_weights(spec, "model.");
  auto fp32 = load_tiny(dir, spec, weights, WeightPrecision::kFloat32);
  auto bf16 = load_tiny(dir, spec, weights, WeightPrecision::kBFloat16, "again.safetensors");
  const auto ids = token_ids(9, spec.vocab);
  KvCache a = fp32->new_cache(16), b = bf16->new_cache(16);
  const at::Tensor la = fp32->forward(fp32->embed(ids), a);
  const at::Tensor lb = bf16->forward(bf16->embed(ids), b);
  EXPECT_LT((la - lb).abs().max().item<float>(), 0.1f * la.abs().max().item<float>());
}

TEST(Gemma3Decoder, BytesReadPerTokenCountTheEmbeddingOnlyWhenItIsTheHead) {
  TinySpec spec;
  test::ScratchDir dir;
  auto weights = random_weights(spec, "model.");
  auto tied = load_tiny(dir, spec, weights);
  EXPECT_EQ(tied->bytes_read_per_token(), tied->parameter_bytes());
  weights.emplace_back("lm_head.weight", weights[0].second * 2.0);
  auto untied = load_tiny(dir, spec, weights, WeightPrecision::kBFloat16, "untied.safetensors");
  // A separate head (bf16 here): the whole head, one embedding row per token.
  const int64_t table = spec.vocab * spec.hidden * 2, row = spec.hidden * 2;
  EXPECT_EQ(untied->bytes_read_per_token(), untied->parameter_bytes() - table + row);
}

TEST(Gemma3Decoder, LoadErrorsNameTheTensorAndShape) {
  TinySpec spec;
  {
    test::ScratchDir dir;
    auto weights = random_weights(spec, "model.");
    weights.erase(weights.begin() + 5);  // a layer-0 norm
    try {
      load_tiny(dir, spec, weights);
      FAIL();
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("missing tensor 'model.layers.0."), std::string::npos) << e.what();
    }
  }
  {
    test::ScratchDir dir;
    auto weights = random_weights(spec, "model.");
    for (auto& [name, t] : weights) {
      if (name == "model.layers.1.mlp.up_proj.weight") t = torch::zeros({spec.inter + 1, spec.hidden});
    }
    try {
      load_tiny(dir, spec, weights);
      FAIL();
    } catch (const std::runtime_error& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("model.layers.1.mlp.up_proj.weight"), std::string::npos) << message;
      EXPECT_NE(message.find("[81,48]"), std::string::npos) << message;
      EXPECT_NE(message.find("expected [80,48]"), std::string::npos) << message;
    }
  }
  {
    test::ScratchDir dir;
    safetensors::write_safetensors(dir.file("empty.safetensors"), {{"unrelated", torch::ones({1})}});
    EXPECT_THROW(Gemma3Model::load(Gemma3Config::from_json_text(config_json(spec), "tiny"),
                                   safetensors::SafetensorsCheckpoint::open(dir.file("empty.safetensors"))),
                 std::runtime_error);
  }
}

TEST(Gemma3Config, SpellingsAndErrors) {
  const auto c = Gemma3Config::from_json_text(
      R"({"text_config":{"hidden_size":2560,"num_hidden_layers":12,"sliding_window_pattern":6,
          "rope_scaling":{"rope_type":"linear","factor":8.0}}})", "mm");
  EXPECT_EQ(c.hidden_size, 2560);
  EXPECT_EQ(c.layer_is_sliding.size(), 12u);
  EXPECT_FALSE(c.layer_is_sliding[5]);
  EXPECT_TRUE(c.layer_is_sliding[4]);
  EXPECT_DOUBLE_EQ(c.rope_scaling_factor, 8.0);
  const auto v5 = Gemma3Config::from_json_text(
      R"({"num_hidden_layers":2,"layer_types":["sliding_attention","full_attention"],
          "rope_parameters":{"full_attention":{"rope_theta":1e6,"rope_type":"linear","factor":4.0},
                             "sliding_attention":{"rope_theta":1e4,"rope_type":"default"}}})", "v5");
  EXPECT_DOUBLE_EQ(v5.rope_scaling_factor, 4.0);
  EXPECT_DOUBLE_EQ(v5.rope_local_base_freq, 1e4);
  EXPECT_THROW(Gemma3Config::from_json_text("{", "bad"), ConfigError);
  EXPECT_THROW(Gemma3Config::from_json_text(R"({"num_attention_heads":3,"num_key_value_heads":2})", "heads"),
               ConfigError);
  EXPECT_THROW(Gemma3Config::from_json_text(R"({"hidden_size":-1})", "neg"), ConfigError);
  EXPECT_THROW(Gemma3Config::from_json_text(R"({"vocab_size":1e12})", "huge"), ConfigError);
  // Found by fuzz/fuzz_bundle_config.cpp: a float beyond int64 was converted with undefined behaviour.
  EXPECT_THROW(Gemma3Config::from_json_text(R"({"hidden_size":1.2e80})", "float"), ConfigError);
  EXPECT_THROW(Gemma3Config::from_json_text(R"({"head_dim":2.5})", "fraction"), ConfigError);
  EXPECT_THROW(Gemma3Config::from_file("/nonexistent/config.json"), ConfigError);
}

TEST(Sampling, GreedyTopKSeedAndVocabularyLimit) {
  at::Tensor logits = torch::zeros({10});
  logits[9] = 100.0f;  // a padding row the vocabulary limit must hide
  logits[3] = 5.0f;
  logits[4] = 4.9f;
  GenerationOptions greedy;
  uint64_t state = 0;
  EXPECT_EQ(select_next_token(logits, 9, greedy, state), 3);
  GenerationOptions sample;
  sample.temperature = 1.0f;
  sample.top_k = 2;
  sample.seed = 42;
  std::vector<int> first, second;
  uint64_t s1 = sample.seed, s2 = sample.seed;
  for (int i = 0; i < 50; ++i) {
    first.push_back(select_next_token(logits, 9, sample, s1));
    second.push_back(select_next_token(logits, 9, sample, s2));
  }
  EXPECT_EQ(first, second);
  EXPECT_TRUE(std::all_of(first.begin(), first.end(), [](int id) { return id == 3 || id == 4; }));
  EXPECT_TRUE(std::count(first.begin(), first.end(), 4) > 5);  // both of the near-tied ids get drawn
}

}  // namespace
}  // namespace anatomix::lm
