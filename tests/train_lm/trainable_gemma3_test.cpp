// The trainable Gemma 3 runs the inference code: its training forward equals a loaded model's forward, and
// gradients reach every parameter leaf.
#include <gtest/gtest.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include "lm/gemma3.h"
#include "lm/safetensors.h"
#include "projector.h"
#include "test_data.h"

namespace anatomix::training {
namespace {

lm::Gemma3Config tiny_config(bool tied) {
  return lm::Gemma3Config::from_json_text(
      nlohmann::json{{"hidden_size", 32},
                     {"intermediate_size", 64},
                     {"num_hidden_layers", 3},
                     {"layer_types", {"sliding_attention", "sliding_attention", "full_attention"}},
                     {"sliding_window", 5},
                     {"num_attention_heads", 4},
                     {"num_key_value_heads", 2},
                     {"head_dim", 8},
                     {"query_pre_attn_scalar", 8},
                     {"rope_theta", 1000000.0},
                     {"rope_local_base_freq", 10000.0},
                     {"rope_scaling", {{"rope_type", "linear"}, {"factor", 2.0}}},
                     {"vocab_size", 50},
                     {"tie_word_embeddings", tied}}
          .dump(),
      "tiny test config");
}

// Random parameters with non-trivial norm weights (the (1 + w) path is exercised too).
std::map<std::string, at::Tensor> random_model(const lm::Gemma3Config& config) {
  auto parameters = lm::Gemma3Model::random_parameters(config, 5, 0.2);
  auto generator = at::make_generator<at::CPUGeneratorImpl>(6);
  for (auto& [name, tensor] : parameters)
    if (tensor.dim() == 1) tensor = at::normal(0.0, 0.1, tensor.sizes(), generator);
  return parameters;
}

void expect_training_forward_equals_inference(bool tied) {
  const lm::Gemma3Config config = tiny_config(tied);
  auto parameters = random_model(config);
  test::ScratchDir dir("gemma3");
  std::vector<std::pair<std::string, at::Tensor>> named(parameters.begin(), parameters.end());
  safetensors::write_safetensors((dir.path() / "lm.safetensors").string(), named);

  const std::vector<int64_t> ids = {2, 7, 11, 3, 19, 23, 5, 41, 8, 13, 17, 29};  // longer than the window
  for (auto& [name, tensor] : parameters) tensor.set_requires_grad(true);
  auto trainable = lm::Gemma3Model::from_parameters(config, parameters);
  const at::Tensor trained_logits = trainable->forward_train(trainable->embed(ids));
  ASSERT_EQ(trained_logits.sizes(), (std::vector<int64_t>{12, 50}));
  EXPECT_TRUE(trained_logits.requires_grad());

  const auto checkpoint = safetensors::SafetensorsCheckpoint::open((dir.path() / "lm.safetensors").string());
  lm::Gemma3LoadOptions options;
  options.precision = lm::WeightPrecision::kFloat32;
  auto loaded = lm::Gemma3Model::load(config, checkpoint, options);
  c10::InferenceMode inference_mode;
  lm::KvCache cache = loaded->new_cache(12);
  const at::Tensor inference_logits = loaded->forward_all_logits(loaded->embed(ids), cache);
  EXPECT_LT((trained_logits.detach() - inference_logits).abs().max().item<float>(), 1e-5f);
}

TEST(TrainableGemma3, TrainingForwardEqualsInferenceForwardTied) { expect_training_forward_equals_inference(true); }
TEST(TrainableGemma3, TrainingForwardEqualsInferenceForwardUntied) { expect_training_forward_equals_inference(false); }

TEST(TrainableGemma3, GradientsReachEveryParameter) {
  const lm::Gemma3Config config = tiny_config(false);
  auto parameters = random_model(config);
  for (auto& [name, tensor] : parameters) tensor.set_requires_grad(true);
  auto model = lm::Gemma3Model::from_parameters(config, parameters);
  const std::vector<int64_t> ids = {2, 7, 11, 3, 19, 23, 5, 41, 8, 13};
  const at::Tensor logits = model->forward_train(model->embed(ids));
  const at::Tensor targets = torch::tensor(std::vector<int64_t>{7, 11, 3, 19, 23, 5, 41, 8, 13, 1});
  torch::nn::functional::cross_entropy(logits, targets).backward();
  for (const auto& [name, tensor] : parameters) {
    ASSERT_TRUE(tensor.grad().defined()) << name;
    EXPECT_TRUE(torch::isfinite(tensor.grad()).all().item<bool>()) << name;
    EXPECT_GT(tensor.grad().abs().sum().item<float>(), 0.f) << name;
  }
}

// The trainer runs a shared prompt prefix once and each continuation on a copy of its KV cache: values and
// gradients must be those of separate full-sequence forwards (the prefix is longer than the sliding window).
TEST(TrainableGemma3, SharedPrefixContinuationsEqualSeparateForwards) {
  const lm::Gemma3Config config = tiny_config(false);
  auto parameters = random_model(config);
  for (auto& [name, tensor] : parameters) tensor.set_requires_grad(true);
  auto model = lm::Gemma3Model::from_parameters(config, parameters);
  const std::vector<int64_t> prefix = {2, 7, 11, 3, 19, 23, 5, 41};
  const std::vector<std::vector<int64_t>> tails = {{8, 13, 17}, {29, 31, 37, 43, 47}};
  auto loss_of = [](const at::Tensor& logits, const std::vector<int64_t>& tail) {
    // Next-token loss over the tail, predicted from the position before each tail token.
    const auto n = static_cast<int64_t>(tail.size());
    return torch::nn::functional::cross_entropy(logits.narrow(0, logits.size(0) - n - 1, n), torch::tensor(tail));
  };
  auto gradients = [&]() {
    std::map<std::string, at::Tensor> grads;
    for (auto& [name, tensor] : parameters) {
      grads[name] = tensor.grad().clone();
      tensor.mutable_grad().zero_();
    }
    return grads;
  };

  at::Tensor separate = torch::zeros({});
  for (const auto& tail : tails) {
    std::vector<int64_t> ids = prefix;
    ids.insert(ids.end(), tail.begin(), tail.end());
    separate = separate + loss_of(model->forward_train(model->embed(ids)), tail);
  }
  separate.backward();
  const auto separate_grads = gradients();

  const auto shared_length = static_cast<int64_t>(prefix.size()) - 1;  // the last prefix token runs per tail
  lm::KvCache shared = model->new_cache(shared_length);
  const std::vector<int64_t> shared_ids(prefix.begin(), prefix.end() - 1);
  model->forward(model->embed(shared_ids), shared);
  at::Tensor reused = torch::zeros({});
  for (const auto& tail : tails) {
    std::vector<int64_t> rest = {prefix.back()};
    rest.insert(rest.end(), tail.begin(), tail.end());
    lm::KvCache cache = shared.prefix_copy(shared_length, shared_length + static_cast<int64_t>(rest.size()));
    reused = reused + loss_of(model->forward_all_logits(model->embed(rest), cache), tail);
  }
  reused.backward();
  const auto reused_grads = gradients();

  EXPECT_NEAR(reused.item<double>(), separate.item<double>(), 1e-5);
  for (const auto& [name, grad] : separate_grads) {
    ASSERT_TRUE(grad.abs().sum().item<float>() > 0.f) << name;
    EXPECT_LT((reused_grads.at(name) - grad).abs().max().item<float>(), 1e-5f) << name;
  }
  EXPECT_THROW(shared.prefix_copy(shared_length + 1, 20), std::invalid_argument);
}

TEST(TrainableGemma3, ParametersAreCheckedAgainstTheConfig) {
  const lm::Gemma3Config config = tiny_config(true);
  auto parameters = random_model(config);
  parameters["layers.1.mlp.up_proj.weight"] = torch::zeros({3, 3});
  parameters.erase("norm.weight");
  try {
    lm::Gemma3Model::from_parameters(config, parameters);
    FAIL() << "misshapen parameters must be rejected";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("layers.1.mlp.up_proj.weight"), std::string::npos) << message;
    EXPECT_NE(message.find("missing 'norm.weight'"), std::string::npos) << message;
  }
  auto model = lm::Gemma3Model::from_parameters(config, random_model(config));
  c10::InferenceMode inference_mode;
  EXPECT_THROW(model->forward_train(model->embed({1, 2})), std::logic_error);
}

TEST(TrainableProjector, UsesItsLeavesAndMatchesTheFormula) {
  auto parameters = Projector::random_parameters("image_projectionhead", 6, 8, 10, 3);
  for (auto& [name, tensor] : parameters) tensor.set_requires_grad(true);
  const Projector projector("image_projectionhead", [&](const std::string& name) { return parameters.at(name); },
                            c10::Device(c10::kCPU));
  const at::Tensor x = torch::randn({4, 6});
  const at::Tensor y = projector(x);
  const std::string p = "image_projectionhead.proj.";
  at::Tensor expected = torch::gelu(torch::linear(x, parameters[p + "0.weight"], parameters[p + "0.bias"]));
  expected = torch::layer_norm(expected, {8}, parameters[p + "2.weight"], parameters[p + "2.bias"], 1e-5);
  expected = torch::linear(expected, parameters[p + "3.weight"], parameters[p + "3.bias"]);
  EXPECT_TRUE(torch::allclose(y, expected));
  y.sum().backward();
  for (const auto& [name, tensor] : parameters) EXPECT_TRUE(tensor.grad().defined()) << name;
}

// Each anatomy's first token (its prompt line) carries the APM's anatomy; the same token in an answer is a
// pointer at that line and keeps its token embedding, as it has when the engine generates it.
TEST(PromptEmbeddings, OnlyThePromptLinesAnatomyTokensCarryTheApmsAnatomies) {
  const lm::Gemma3Config config = tiny_config(true);
  auto model = lm::Gemma3Model::from_parameters(config, random_model(config));
  auto parameters = Projector::random_parameters("obj_projectionhead", 4, 8, 32, 3);
  for (auto& [name, tensor] : Projector::random_parameters("image_projectionhead", 6, 8, 32, 4))
    parameters[name] = tensor;
  auto lookup = [&](const std::string& name) { return parameters.at(name); };
  const Projector image_projector("image_projectionhead", lookup, c10::Device(c10::kCPU));
  const Projector object_projector("obj_projectionhead", lookup, c10::Device(c10::kCPU));
  const SoftTokenIds tokens{9, 20};                                   // <image> 9, <obj_0> 20, <obj_1> 21
  const std::vector<int64_t> ids = {2, 9, 9, 20, 5, 21, 6, 7, 21, 8};  // the answer points at anatomy 1
  const at::Tensor memory = torch::randn({2, 6}), objects = torch::randn({2, 4});
  torch::NoGradGuard no_grad;
  const at::Tensor embeddings =
      prompt_embeddings(*model, ids, tokens, image_projector, memory, object_projector, objects);
  const at::Tensor projected = object_projector(objects);
  EXPECT_TRUE(torch::allclose(embeddings[3], projected[0]));
  EXPECT_TRUE(torch::allclose(embeddings[5], projected[1]));
  EXPECT_TRUE(torch::allclose(embeddings[8], model->embed(std::vector<int64_t>{21})[0]));
  EXPECT_FALSE(torch::allclose(embeddings[8], projected[1]));
  EXPECT_TRUE(torch::allclose(embeddings[1], image_projector(memory)[0]));
}

}  // namespace
}  // namespace anatomix::training
