// The LM benchmark runs on a model bundle's decoder (config.json "lm", "files"."lm") and prints the
// memory-bandwidth bound beside the measured rates. Figures only: nothing here asserts a speed.
#include "lm/lm_bench.h"
#include "lm/safetensors.h"
#include "test_support.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace anatomix::lm {
namespace {

// A 2-layer Gemma 3 decoder with a separate LM head, saved as `anatomix import` writes a bundle's LM.
void write_tiny_bundle(const test::ScratchDir& dir) {
  const int64_t hidden = 32, inter = 64, heads = 2, kv_heads = 1, head_dim = 16, vocab = 128;
  nlohmann::json lm = {{"hidden_size", hidden}, {"intermediate_size", inter}, {"num_hidden_layers", 2},
                       {"num_attention_heads", heads}, {"num_key_value_heads", kv_heads}, {"head_dim", head_dim},
                       {"query_pre_attn_scalar", head_dim}, {"sliding_window", 4}, {"max_position_embeddings", 256},
                       {"vocab_size", vocab}, {"rope_theta", 1000000.0}, {"rope_local_base_freq", 10000.0},
                       {"layer_types", {"sliding_attention", "full_attention"}}, {"tie_word_embeddings", false}};
  std::ofstream(dir.file("config.json")) << nlohmann::json{{"name", "tiny"}, {"lm", lm},
                                                           {"files", {{"lm", "lm.safetensors"}}}}.dump();
  torch::manual_seed(3);
  auto mat = [](int64_t out, int64_t in) {
    return (torch::randn({out, in}) / std::sqrt(static_cast<double>(in))).to(torch::kBFloat16);
  };
  auto norm = [](int64_t n) { return (torch::randn({n}) * 0.1).to(torch::kBFloat16); };
  std::vector<std::pair<std::string, at::Tensor>> weights = {{"embed_tokens.weight", mat(vocab, hidden)},
                                                             {"norm.weight", norm(hidden)},
                                                             {"lm_head.weight", mat(vocab, hidden)}};
  for (int layer = 0; layer < 2; ++layer) {
    const std::string p = "layers." + std::to_string(layer) + ".";
    for (const char* n : {"input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                          "post_feedforward_layernorm"})
      weights.emplace_back(p + n + ".weight", norm(hidden));
    weights.emplace_back(p + "self_attn.q_norm.weight", norm(head_dim));
    weights.emplace_back(p + "self_attn.k_norm.weight", norm(head_dim));
    weights.emplace_back(p + "self_attn.q_proj.weight", mat(heads * head_dim, hidden));
    weights.emplace_back(p + "self_attn.k_proj.weight", mat(kv_heads * head_dim, hidden));
    weights.emplace_back(p + "self_attn.v_proj.weight", mat(kv_heads * head_dim, hidden));
    weights.emplace_back(p + "self_attn.o_proj.weight", mat(hidden, heads * head_dim));
    weights.emplace_back(p + "mlp.gate_proj.weight", mat(inter, hidden));
    weights.emplace_back(p + "mlp.up_proj.weight", mat(inter, hidden));
    weights.emplace_back(p + "mlp.down_proj.weight", mat(hidden, inter));
  }
  safetensors::write_safetensors(dir.file("lm.safetensors"), weights);
}

TEST(LmBench, RunsABundlesDecoderAndPrintsTheBandwidthBound) {
  test::ScratchDir dir;
  write_tiny_bundle(dir);
  LmBenchOptions options;
  options.bundle_dir = dir.path().string();
  options.prompt_lengths = {8};
  options.decode_tokens = 2;
  options.decode_context = 4;
  options.threads = 1;
  options.precisions = {"bf16"};
  options.bandwidth_buffer_bytes = 64 << 20;
  std::ostringstream out;
  ASSERT_EQ(run_lm_bench(options, out), 0) << out.str();
  const std::string report = out.str();
  EXPECT_NE(report.find("(2 layers, hidden 32)"), std::string::npos) << report;
  EXPECT_NE(report.find("memory read bandwidth"), std::string::npos) << report;
  EXPECT_NE(report.find("bound tok/s"), std::string::npos) << report;
  EXPECT_NE(report.find("  anatomix  bf16"), std::string::npos) << report;
}

TEST(LmBench, ReadBandwidthIsMeasured) {
  EXPECT_GT(measure_read_bandwidth(16 << 20, 2), 0.0);
}

TEST(LmBench, AFolderWithoutAConfigIsAMessage) {
  test::ScratchDir dir;
  LmBenchOptions options;
  options.bundle_dir = dir.path().string();
  std::ostringstream out;
  EXPECT_EQ(run_lm_bench(options, out), 1);
  EXPECT_NE(out.str().find("config.json"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace anatomix::lm
