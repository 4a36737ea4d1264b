// The llama.cpp peer of the full-size benchmark runs the engine's own tensors: the shipped bundle's decoder,
// written as a GGUF by inference/tools/bundle_to_gguf.py, gives in llama.cpp the logits the engine computes on a
// report sentence (fixture lm.fixture.gguf_peer, tests/lm/gguf_peer_fixture.py).
#include "lm/gemma3.h"
#include "lm/safetensors.h"
#include "test_support.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace anatomix::lm {
namespace {

TEST(LlamaPeer, BundleWrittenAsGgufGivesTheEnginesLogits) {
  const char* dir = std::getenv("ANATOMIX_GGUF_PEER_DIR");
  ASSERT_NE(dir, nullptr) << "ANATOMIX_GGUF_PEER_DIR is not set (run through ctest: fixture lm.fixture.gguf_peer)";
  const std::string folder = dir;
  const auto bundle = test::load_json_written_by(folder + "/config.json", "lm.fixture.gguf_peer");
  const auto llama = test::load_json_written_by(folder + "/llama_logits.json", "lm.fixture.gguf_peer");
  const auto config = Gemma3Config::from_json_text(bundle.at("lm").dump(), folder + "/config.json");
  Gemma3LoadOptions options;
  options.precision = WeightPrecision::kBFloat16;  // the GGUF's weights: the bundle's rounded to bf16
  const auto model = Gemma3Model::load(config, safetensors::SafetensorsCheckpoint::open(folder + "/lm.safetensors"),
                                       options);
  const auto ids = llama.at("ids").get<std::vector<int64_t>>();
  c10::InferenceMode inference_mode;
  KvCache cache = model->new_cache(static_cast<int64_t>(ids.size()));
  const at::Tensor ours = model->forward_all_logits(model->embed(ids), cache).to(torch::kFloat32);
  const auto rows = llama.at("logits").get<std::vector<std::vector<float>>>();
  ASSERT_EQ(rows.size(), ids.size());
  at::Tensor theirs = torch::empty({static_cast<int64_t>(rows.size()), config.vocab_size});
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(static_cast<int64_t>(rows[i].size()), config.vocab_size);
    theirs[static_cast<int64_t>(i)].copy_(torch::tensor(rows[i]));
  }
  const double scale = theirs.abs().max().item<double>();
  const double difference = (ours - theirs).abs().max().item<double>();
  const double same_top = ours.argmax(-1).eq(theirs.argmax(-1)).to(torch::kFloat32).mean().item<double>();
  std::printf("engine (bf16) vs llama.cpp on the GGUF, %zu positions, |logit| up to %.2f: max |diff| %.4f, same "
              "top token at %.0f%% of the positions\n",
              ids.size(), scale, difference, 100 * same_top);
  // Both run bf16 weights and round activations to bf16 for the matrix products, in different orders: about
  // one per cent of the logits' range apart, and on report text the best token leads the next by more than
  // that at nearly every position. A wrong tensor name, layout or norm offset moves the logits by their whole
  // range.
  EXPECT_LE(difference, 0.03 * scale);
  EXPECT_GE(same_top, 0.85);
}

}  // namespace
}  // namespace anatomix::lm
