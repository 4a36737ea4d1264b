#include "lm/gemma3.h"

#include "lm/safetensors.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "anatomix/bundle_survey.h"
#include "anatomix/named_logger.h"

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>

namespace anatomix::lm {
namespace {

struct LayerWeights {
  bool sliding = false;
  at::Tensor input_norm;      // (1 + w), fp32 [H]
  at::Tensor post_attn_norm;  // (1 + w), fp32 [H]
  at::Tensor pre_ffn_norm;    // (1 + w), fp32 [H]
  at::Tensor post_ffn_norm;   // (1 + w), fp32 [H]
  at::Tensor qk_norm;         // (1 + w), fp32 [Hq + Hkv, D]: q_norm for the query heads, k_norm for the key heads
  at::Tensor qkv;             // [(Hq + 2 Hkv) D, H]: q_proj, k_proj, v_proj stacked (one GEMV per step)
  at::Tensor o;               // [H, Hq D]
  at::Tensor gate_up;         // [2 F, H]: gate_proj, up_proj stacked
  at::Tensor down;            // [H, F]
};

// Cosine and signed-sine tables of one RoPE variant, [positions, D] in the compute dtype.
struct RopeTable {
  double base = 10000;
  double position_scale = 1.0;  // linear scaling divides positions (inv_freq) by the factor
  at::Tensor cos;
  at::Tensor sin_signed;  // [-sin(first half), sin(second half)], so rotate_half needs no negation
};

std::string shape_string(at::IntArrayRef shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) out += (i ? "," : "") + std::to_string(shape[i]);
  return out + "]";
}

// Accumulates wall time of one forward section into the attached profile.
class SectionTimer {
 public:
  SectionTimer(Gemma3Profile* profile, const char* name) : profile_(profile), name_(name) {
    if (profile_) start_ = std::chrono::steady_clock::now();
  }
  ~SectionTimer() { switch_to(nullptr); }
  // Books the time so far to the current section and starts timing `name`.
  void switch_to(const char* name) {
    if (!profile_) return;
    const auto now = std::chrono::steady_clock::now();
    if (name_) profile_->seconds[name_] += std::chrono::duration<double>(now - start_).count();
    name_ = name;
    start_ = now;
  }

 private:
  Gemma3Profile* profile_;
  const char* name_;
  std::chrono::steady_clock::time_point start_;
};

// x [T, in] times weight [out, in] transposed. One bf16 row on the CPU (a decode step) goes through at::mv:
// LibTorch 1.13's bf16 linear streams a matrix at about 11 GB/s there, its matrix-vector product at about
// 27 GB/s (measured on the 2-core Xeon), and a decode step reads every matrix once.
at::Tensor project(const at::Tensor& x, const at::Tensor& weight) {
  if (x.size(0) == 1 && x.scalar_type() == at::kBFloat16 && weight.scalar_type() == at::kBFloat16 &&
      x.device().is_cpu() && weight.is_contiguous())
    return at::mv(weight, x[0]).unsqueeze(0);
  return at::linear(x, weight);
}

// Gemma RMSNorm: computed in fp32, multiplied by (1 + w) before casting back (Hugging Face transformers' Gemma 3).
at::Tensor rms_norm(const at::Tensor& x, const at::Tensor& scale, double eps) {
  const at::Tensor xf = x.to(at::kFloat);
  const at::Tensor inv = at::rsqrt(xf.pow(2).mean(-1, true).add_(eps));
  return (xf * inv).mul_(scale).to(x.scalar_type());
}

// The forward's view of the weights: (1 + w) norms, stacked projections. Built once at load for inference;
// rebuilt from the parameter leaves at every forward of a trainable model, so gradients reach the leaves.
struct DecoderWeights {
  at::Tensor embed;       // [V, H]
  at::Tensor lm_head;     // [V, H], the embedding itself when tied
  at::Tensor final_norm;  // (1 + w), fp32 [H]
  std::vector<LayerWeights> layers;
};

// Returns the named tensor with the expected shape (converted to the compute device and dtype, or as given).
using TensorSource = std::function<at::Tensor(const std::string& name, std::vector<int64_t> expected)>;

DecoderWeights build_weights(const Gemma3Config& config, const std::string& prefix, const std::string& head_name,
                             const TensorSource& weight, const TensorSource& norm_source, at::Device device) {
  const auto H = config.hidden_size, F = config.intermediate_size, D = config.head_dim;
  const auto Hq = config.num_attention_heads, Hkv = config.num_key_value_heads, V = config.vocab_size;
  auto norm = [&](const std::string& name, int64_t width) {
    return (norm_source(name, {width}).to(at::kFloat) + 1.0f).to(device);
  };
  DecoderWeights w;
  w.embed = weight(prefix + "embed_tokens.weight", {V, H});
  w.final_norm = norm(prefix + "norm.weight", H);
  w.lm_head = head_name.empty() ? w.embed : weight(head_name, {V, H});
  for (int64_t i = 0; i < config.num_hidden_layers; ++i) {
    const std::string p = prefix + "layers." + std::to_string(i) + ".";
    LayerWeights layer;
    layer.sliding = config.layer_is_sliding[static_cast<size_t>(i)];
    layer.input_norm = norm(p + "input_layernorm.weight", H);
    layer.post_attn_norm = norm(p + "post_attention_layernorm.weight", H);
    layer.pre_ffn_norm = norm(p + "pre_feedforward_layernorm.weight", H);
    layer.post_ffn_norm = norm(p + "post_feedforward_layernorm.weight", H);
    const at::Tensor q_norm = norm(p + "self_attn.q_norm.weight", D);
    const at::Tensor k_norm = norm(p + "self_attn.k_norm.weight", D);
    layer.qk_norm = torch::cat({q_norm.unsqueeze(0).expand({Hq, D}), k_norm.unsqueeze(0).expand({Hkv, D})}, 0);
    layer.qkv = torch::cat({weight(p + "self_attn.q_proj.weight", {Hq * D, H}),
                            weight(p + "self_attn.k_proj.weight", {Hkv * D, H}),
                            weight(p + "self_attn.v_proj.weight", {Hkv * D, H})},
                           0);
    layer.o = weight(p + "self_attn.o_proj.weight", {H, Hq * D}).contiguous();
    layer.gate_up = torch::cat({weight(p + "mlp.gate_proj.weight", {F, H}), weight(p + "mlp.up_proj.weight", {F, H})}, 0);
    layer.down = weight(p + "mlp.down_proj.weight", {H, F}).contiguous();
    w.layers.push_back(std::move(layer));
  }
  return w;
}

}  // namespace

struct Gemma3Model::Impl {
  Gemma3Config config;
  at::Device device{at::kCPU};
  at::ScalarType dtype = at::kFloat;
  at::Tensor embed_scale; // 0-dim, sqrt(H) rounded to the weight dtype
  mutable DecoderWeights weights;
  // Trainable models only: the parameter leaves by unprefixed name, rebuilt into `weights` per forward.
  std::map<std::string, at::Tensor> parameters;
  bool trainable = false;

  void rebuild_weights() const {
    auto given = [&](const std::string& name, std::vector<int64_t>) { return parameters.at(name); };
    weights = build_weights(config, "", config.tie_word_embeddings ? "" : "lm_head.weight", given, given, device);
  }
  mutable RopeTable rope_local;
  mutable RopeTable rope_global;
  mutable Gemma3Profile* profile = nullptr;

  // Grows the table to cover positions [0, needed).
  void ensure_rope(RopeTable& table, int64_t needed) const {
    if (table.cos.defined() && table.cos.size(0) >= needed) return;
    // Ordinary tensors even when generation grows the table under InferenceMode: a trainable model's later
    // forward saves them for backward, which inference tensors cannot be.
    c10::InferenceMode ordinary_tensors(false);
    int64_t rows = 4096;
    while (rows < needed) rows *= 2;
    const int64_t dim = config.head_dim;
    // Same arithmetic as transformers: inv_freq in fp32, positions * inv_freq in fp32, then cast.
    const auto float_cpu = torch::TensorOptions().dtype(at::kFloat);
    at::Tensor exponents = torch::arange(0, dim, 2, torch::TensorOptions().dtype(at::kLong)).to(at::kFloat) / dim;
    at::Tensor inv_freq = 1.0 / torch::pow(torch::scalar_tensor(table.base, float_cpu), exponents);
    inv_freq = inv_freq / static_cast<float>(table.position_scale);
    at::Tensor positions = torch::arange(0, rows, float_cpu);
    at::Tensor freqs = torch::outer(positions, inv_freq);  // [rows, D/2]
    at::Tensor cos_half = freqs.cos();
    at::Tensor sin_half = freqs.sin();
    table.cos = torch::cat({cos_half, cos_half}, -1).to(device, dtype);
    table.sin_signed = torch::cat({-sin_half, sin_half}, -1).to(device, dtype);
  }
};

Gemma3Model::Gemma3Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gemma3Model::~Gemma3Model() = default;

std::unique_ptr<Gemma3Model> Gemma3Model::load(const Gemma3Config& config,
                                               const safetensors::SafetensorsCheckpoint& checkpoint,
                                               const Gemma3LoadOptions& options) {
  config.validate(checkpoint.path());
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  try {
    impl->device = at::Device(options.device);
  } catch (const std::exception&) {
    throw std::runtime_error("Gemma 3 load: unknown device '" + options.device + "'");
  }
  if (impl->device.is_cuda() && !torch::cuda::is_available()) {
    throw std::runtime_error("Gemma 3 load: device '" + options.device +
                             "' requested but this LibTorch has no usable CUDA device");
  }
  if (options.threads > 0) at::set_num_threads(options.threads);
  switch (options.precision) {
    case WeightPrecision::kBFloat16: impl->dtype = at::kBFloat16; break;
    case WeightPrecision::kFloat32: impl->dtype = at::kFloat; break;
    case WeightPrecision::kAuto:
      // Measured with Debian's LibTorch 1.13 on the 2-core EPYC: bf16 linear layers ran 2x (decode) to 14x
      // (prefill) slower than fp32 in this decoder, so the CPU default is fp32 where it fits; GPUs use bf16.
      impl->dtype = impl->device.is_cuda() ? at::kBFloat16 : at::kFloat;
      break;
  }
  if (options.precision == WeightPrecision::kAuto && !impl->device.is_cuda()) {
    int64_t fp32_bytes = 0;
    for (const auto& [name, shape] : parameter_shapes(config)) {
      int64_t numel = 1;
      for (int64_t size : shape) numel *= size;
      fp32_bytes += 4 * numel;
    }
    if (config.tie_word_embeddings && (checkpoint.contains("lm_head.weight") ||
                                       checkpoint.contains("language_model.lm_head.weight")))
      fp32_bytes += 4 * config.vocab_size * config.hidden_size;
    const std::uint64_t memory = physical_memory_bytes();
    if (cpu_keeps_16bit_weights(static_cast<std::uint64_t>(fp32_bytes), memory)) {
      impl->dtype = at::kBFloat16;
      named_logger("engine")->info("Gemma 3 decoder: bf16 on the CPU, as fp32 weights ({:.1f} GiB) would take more "
                                   "than half of the memory ({:.1f} GiB)",
                                   fp32_bytes / 1073741824.0, memory / 1073741824.0);
    }
  }

  // Accept every published name layout: find the prefix under which the embedding lives.
  std::string prefix;
  for (const char* candidate : {"language_model.model.", "model.language_model.", "model.", ""}) {
    if (checkpoint.contains(std::string(candidate) + "embed_tokens.weight")) {
      prefix = candidate;
      break;
    }
    if (std::string(candidate).empty()) {
      throw std::runtime_error("Gemma 3 weights '" + checkpoint.path() +
                               "': no embedding tensor (looked for embed_tokens.weight with the prefixes "
                               "language_model.model., model.language_model., model. and none)");
    }
  }
  auto fetch = [&](const std::string& name, std::vector<int64_t> expected) {
    if (!checkpoint.contains(name)) {
      throw std::runtime_error("Gemma 3 weights '" + checkpoint.path() + "': missing tensor '" + name + "'");
    }
    at::Tensor t = checkpoint.tensor(name);
    if (t.sizes().vec() != expected) {
      throw std::runtime_error("Gemma 3 weights '" + checkpoint.file_of(name) + "': tensor '" + name +
                               "' has shape " + shape_string(t.sizes()) + ", expected " + shape_string(expected) +
                               " from the config");
    }
    if (!t.is_floating_point()) {
      throw std::runtime_error("Gemma 3 weights '" + checkpoint.file_of(name) + "': tensor '" + name +
                               "' is not floating point");
    }
    return t;
  };
  auto weight = [&](const std::string& name, std::vector<int64_t> expected) {
    return fetch(name, std::move(expected)).to(impl->device, impl->dtype);
  };
  std::string head_name;
  for (const char* candidate : {"lm_head.weight", "language_model.lm_head.weight"}) {
    if (checkpoint.contains(candidate)) head_name = candidate;
  }
  impl->weights = build_weights(config, prefix, head_name, weight, fetch, impl->device);
  impl->embed_scale = torch::scalar_tensor(std::sqrt(static_cast<double>(config.hidden_size)),
                                           torch::TensorOptions().dtype(impl->dtype).device(impl->device));
  impl->rope_local.base = config.rope_local_base_freq;
  impl->rope_global.base = config.rope_theta;
  impl->rope_global.position_scale = config.rope_scaling_factor;
  named_logger("engine")->info("Gemma 3 decoder loaded from '{}': {} layers, hidden {}, vocab {}, {} on {}{}", checkpoint.path(),
                               config.num_hidden_layers, config.hidden_size, config.vocab_size,
                               impl->dtype == at::kBFloat16 ? "bf16" : "fp32", impl->device.str(),
                               head_name.empty() ? ", tied LM head" : ", separate LM head");
  return std::unique_ptr<Gemma3Model>(new Gemma3Model(std::move(impl)));
}

std::vector<std::pair<std::string, std::vector<int64_t>>> Gemma3Model::parameter_shapes(const Gemma3Config& config) {
  const auto H = config.hidden_size, F = config.intermediate_size, D = config.head_dim;
  const auto Hq = config.num_attention_heads, Hkv = config.num_key_value_heads, V = config.vocab_size;
  std::vector<std::pair<std::string, std::vector<int64_t>>> shapes = {{"embed_tokens.weight", {V, H}},
                                                                      {"norm.weight", {H}}};
  if (!config.tie_word_embeddings) shapes.push_back({"lm_head.weight", {V, H}});
  for (int64_t i = 0; i < config.num_hidden_layers; ++i) {
    const std::string p = "layers." + std::to_string(i) + ".";
    for (const char* norm : {"input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                             "post_feedforward_layernorm"})
      shapes.push_back({p + norm + ".weight", {H}});
    shapes.push_back({p + "self_attn.q_norm.weight", {D}});
    shapes.push_back({p + "self_attn.k_norm.weight", {D}});
    shapes.push_back({p + "self_attn.q_proj.weight", {Hq * D, H}});
    shapes.push_back({p + "self_attn.k_proj.weight", {Hkv * D, H}});
    shapes.push_back({p + "self_attn.v_proj.weight", {Hkv * D, H}});
    shapes.push_back({p + "self_attn.o_proj.weight", {H, Hq * D}});
    shapes.push_back({p + "mlp.gate_proj.weight", {F, H}});
    shapes.push_back({p + "mlp.up_proj.weight", {F, H}});
    shapes.push_back({p + "mlp.down_proj.weight", {H, F}});
  }
  return shapes;
}

std::map<std::string, at::Tensor> Gemma3Model::random_parameters(const Gemma3Config& config, uint64_t seed,
                                                                 double stddev) {
  torch::NoGradGuard no_grad;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::map<std::string, at::Tensor> parameters;
  for (const auto& [name, shape] : parameter_shapes(config)) {
    // Norm weights are stored zero-centred (the forward multiplies by 1 + w), so zero is the identity.
    const bool norm = shape.size() == 1;
    parameters.emplace(name, norm ? torch::zeros(shape) : at::normal(0.0, stddev, shape, generator));
  }
  return parameters;
}

std::unique_ptr<Gemma3Model> Gemma3Model::from_parameters(const Gemma3Config& config,
                                                          std::map<std::string, at::Tensor> parameters) {
  config.validate("Gemma 3 parameters");
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->trainable = true;
  std::vector<std::string> problems;
  for (const auto& [name, shape] : parameter_shapes(config)) {
    auto it = parameters.find(name);
    if (it == parameters.end()) {
      problems.push_back("missing '" + name + "'");
    } else if (it->second.sizes().vec() != shape || it->second.scalar_type() != at::kFloat) {
      problems.push_back("'" + name + "' is " + shape_string(it->second.sizes()) + " " +
                         std::string(c10::toString(it->second.scalar_type())) + ", expected " + shape_string(shape) +
                         " Float");
    }
  }
  if (!problems.empty()) {
    std::string message = "Gemma 3 parameters do not match the config:";
    for (const auto& problem : problems) message += "\n  - " + problem;
    throw std::runtime_error(message);
  }
  impl->device = parameters.at("embed_tokens.weight").device();
  impl->dtype = at::kFloat;
  impl->parameters = std::move(parameters);
  impl->embed_scale = torch::scalar_tensor(std::sqrt(static_cast<double>(config.hidden_size)),
                                           torch::TensorOptions().dtype(impl->dtype).device(impl->device));
  impl->rope_local.base = config.rope_local_base_freq;
  impl->rope_global.base = config.rope_theta;
  impl->rope_global.position_scale = config.rope_scaling_factor;
  impl->rebuild_weights();
  return std::unique_ptr<Gemma3Model>(new Gemma3Model(std::move(impl)));
}

const std::map<std::string, at::Tensor>& Gemma3Model::parameters() const { return impl_->parameters; }

at::Tensor Gemma3Model::forward_train(const at::Tensor& embeddings) const {
  if (!impl_->trainable) throw std::logic_error("Gemma 3 forward_train: the model was loaded for inference");
  if (c10::InferenceMode::is_enabled())
    throw std::logic_error("Gemma 3 forward_train: called inside InferenceMode (no gradients possible)");
  // A cache as long as the sequence: its in-place writes are recorded by autograd like any other op.
  KvCache cache(impl_->config.num_hidden_layers, impl_->config.num_key_value_heads, impl_->config.head_dim,
                std::max<int64_t>(embeddings.dim() == 2 ? embeddings.size(0) : 1, 1),
                torch::TensorOptions().dtype(impl_->dtype).device(impl_->device));
  return run(embeddings, cache, true);
}

const Gemma3Config& Gemma3Model::config() const { return impl_->config; }
at::Device Gemma3Model::device() const { return impl_->device; }
at::ScalarType Gemma3Model::dtype() const { return impl_->dtype; }

int64_t Gemma3Model::bytes_read_per_token() const {
  const DecoderWeights& w = impl_->weights;
  if (w.lm_head.is_same(w.embed)) return parameter_bytes();
  return parameter_bytes() - w.embed.numel() * static_cast<int64_t>(w.embed.element_size()) +
         w.embed.size(1) * static_cast<int64_t>(w.embed.element_size());
}

int64_t Gemma3Model::parameter_bytes() const {
  auto bytes = [](const at::Tensor& t) { return t.numel() * static_cast<int64_t>(t.element_size()); };
  const DecoderWeights& w = impl_->weights;
  int64_t total = bytes(w.embed) + bytes(w.final_norm);
  if (!w.lm_head.is_same(w.embed)) total += bytes(w.lm_head);
  for (const auto& l : w.layers) {
    total += bytes(l.input_norm) * 4 + bytes(l.qk_norm) + bytes(l.qkv) + bytes(l.o) + bytes(l.gate_up) + bytes(l.down);
  }
  return total;
}

KvCache Gemma3Model::new_cache(int64_t capacity) const {
  const auto& c = impl_->config;
  return KvCache(c.num_hidden_layers, c.num_key_value_heads, c.head_dim, capacity,
                 torch::TensorOptions().dtype(impl_->dtype).device(impl_->device));
}

void Gemma3Model::set_profile(Gemma3Profile* profile) const { impl_->profile = profile; }

at::Tensor Gemma3Model::embed(const std::vector<int64_t>& ids) const {
  for (int64_t id : ids) {
    if (id < 0 || id >= impl_->config.vocab_size) {
      throw std::out_of_range("Gemma 3 embed: token id " + std::to_string(id) + " outside the embedding table [0, " +
                              std::to_string(impl_->config.vocab_size) + ")");
    }
  }
  at::Tensor index = torch::tensor(ids, torch::TensorOptions().dtype(at::kLong)).to(impl_->device);
  return at::embedding(impl_->weights.embed, index) * impl_->embed_scale;
}

at::Tensor Gemma3Model::attention_mask(int64_t first_position, int64_t tokens, int64_t kv_begin, int64_t kv_end,
                                       int64_t window) {
  const auto long_options = torch::TensorOptions().dtype(at::kLong);
  at::Tensor q = torch::arange(first_position, first_position + tokens, long_options).unsqueeze(1);
  at::Tensor k = torch::arange(kv_begin, kv_end, long_options).unsqueeze(0);
  at::Tensor visible = k <= q;
  if (window > 0) visible = visible & (k > q - window);
  return torch::zeros({tokens, kv_end - kv_begin}).masked_fill_(visible.logical_not(),
                                                               -std::numeric_limits<float>::infinity());
}

at::Tensor Gemma3Model::forward(const at::Tensor& embeddings, KvCache& cache) const {
  return run(embeddings, cache, false).squeeze(0);
}

at::Tensor Gemma3Model::forward_all_logits(const at::Tensor& embeddings, KvCache& cache) const {
  return run(embeddings, cache, true);
}

at::Tensor Gemma3Model::run(const at::Tensor& embeddings, KvCache& cache, bool all_positions) const {
  const Impl& m = *impl_;
  const auto& c = m.config;
  if (embeddings.dim() != 2 || embeddings.size(1) != c.hidden_size || embeddings.size(0) == 0) {
    throw std::invalid_argument("Gemma 3 forward: embeddings must be [T>0, " + std::to_string(c.hidden_size) +
                                "], got " + shape_string(embeddings.sizes()));
  }
  // A trainable model records the graph unless the caller asked for InferenceMode (generation does).
  std::optional<c10::InferenceMode> inference_guard;
  if (!m.trainable) inference_guard.emplace();
  if (m.trainable) m.rebuild_weights();
  const DecoderWeights& weights = m.weights;
  const int64_t T = embeddings.size(0);
  const int64_t start = cache.length();
  if (T > cache.remaining()) {
    throw std::length_error("Gemma 3 forward: " + std::to_string(T) + " tokens do not fit the KV cache (" +
                            std::to_string(cache.remaining()) + " of " + std::to_string(cache.capacity()) +
                            " positions left)");
  }
  const int64_t end = start + T;
  const int64_t Hq = c.num_attention_heads, Hkv = c.num_key_value_heads, D = c.head_dim;
  const int64_t rep = Hq / Hkv;
  const double attn_scale = 1.0 / std::sqrt(c.query_pre_attn_scalar);
  Gemma3Profile* profile = m.profile;

  m.ensure_rope(m.rope_local, end);
  m.ensure_rope(m.rope_global, end);
  // One mask per attention type for this call; a single decode step sees all its keys and needs none.
  auto kv_begin_for = [&](bool sliding) { return sliding ? std::max<int64_t>(0, start - c.sliding_window + 1) : 0; };
  at::Tensor mask_local, mask_global;
  if (T > 1) {
    mask_local = attention_mask(start, T, kv_begin_for(true), end, c.sliding_window).to(m.device);
    mask_global = attention_mask(start, T, 0, end, 0).to(m.device);
  }

  at::Tensor x = embeddings.to(m.device, m.dtype);
  for (size_t li = 0; li < weights.layers.size(); ++li) {
    const LayerWeights& L = weights.layers[li];
    const RopeTable& rope = L.sliding ? m.rope_local : m.rope_global;
    at::Tensor attn_out;
    {
      SectionTimer timer(profile, "attention projections + norms");
      at::Tensor h = rms_norm(x, L.input_norm, c.rms_norm_eps);
      at::Tensor qkv = project(h, L.qkv).view({T, Hq + 2 * Hkv, D});
      at::Tensor qk = rms_norm(qkv.narrow(1, 0, Hq + Hkv), L.qk_norm, c.rms_norm_eps);
      const at::Tensor cos = rope.cos.narrow(0, start, T).unsqueeze(1);
      const at::Tensor sin = rope.sin_signed.narrow(0, start, T).unsqueeze(1);
      at::Tensor rotated = torch::cat({qk.narrow(-1, D / 2, D / 2), qk.narrow(-1, 0, D / 2)}, -1);
      qk = qk * cos + rotated * sin;
      at::Tensor q = qk.narrow(1, 0, Hq);
      at::Tensor k = qk.narrow(1, Hq, Hkv);
      at::Tensor v = qkv.narrow(1, Hq + Hkv, Hkv);
      cache.write(static_cast<int64_t>(li), k.transpose(0, 1), v.transpose(0, 1));
      timer.switch_to("attention core");

      const int64_t kv_begin = kv_begin_for(L.sliding);
      const at::Tensor keys = cache.keys(static_cast<int64_t>(li), kv_begin, end);
      const at::Tensor values = cache.values(static_cast<int64_t>(li), kv_begin, end);
      const int64_t Tk = end - kv_begin;
      // GQA without copying K/V: query heads sharing a KV head are stacked along the row axis.
      at::Tensor qh = (q * attn_scale).permute({1, 0, 2}).reshape({Hkv, rep * T, D});
      // LibTorch 1.13's CPU batched matmul has no fast bf16 kernel (measured 800x slower than fp32 on a decode
      // step's shapes): on the CPU a bf16 model's attention products run in fp32 on widened copies.
      const at::ScalarType core_dtype = m.dtype == at::kBFloat16 && !m.device.is_cuda() ? at::kFloat : m.dtype;
      at::Tensor scores = at::matmul(qh.to(core_dtype), keys.to(core_dtype).transpose(1, 2));  // [Hkv, rep T, Tk]
      at::Tensor probs;
      if (T > 1) {
        const at::Tensor& mask = L.sliding ? mask_local : mask_global;
        probs = at::softmax(scores.view({Hkv, rep, T, Tk}).to(at::kFloat) + mask, -1).to(core_dtype).view({Hkv, rep * T, Tk});
      } else {
        probs = at::softmax(scores, -1, at::kFloat).to(core_dtype);
      }
      at::Tensor context = at::matmul(probs, values.to(core_dtype)).to(m.dtype);  // [Hkv, rep T, D]
      context = context.view({Hq, T, D}).permute({1, 0, 2}).reshape({T, Hq * D});
      timer.switch_to("attention projections + norms");
      attn_out = project(context, L.o);
      x = x + rms_norm(attn_out, L.post_attn_norm, c.rms_norm_eps);
    }
    {
      SectionTimer timer(profile, "mlp");
      at::Tensor h = rms_norm(x, L.pre_ffn_norm, c.rms_norm_eps);
      at::Tensor gate_up = project(h, L.gate_up);
      const int64_t F = c.intermediate_size;
      at::Tensor act = at::gelu(gate_up.narrow(-1, 0, F), "tanh") * gate_up.narrow(-1, F, F);
      x = x + rms_norm(project(act, L.down), L.post_ffn_norm, c.rms_norm_eps);
    }
  }
  cache.advance(T);

  SectionTimer timer(profile, "final norm + lm_head");
  at::Tensor last = all_positions ? x : x.narrow(0, T - 1, 1);
  at::Tensor normed = rms_norm(last, weights.final_norm, c.rms_norm_eps);
  return project(normed, weights.lm_head).to(at::kFloat);
}

}  // namespace anatomix::lm
