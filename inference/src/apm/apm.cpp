#include "apm/apm.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

namespace anatomix::apm {

namespace {

const std::string kBody = "vis_model.backbone.0.body.";
const std::string kTransformer = "vis_model.transformer.";
constexpr double kFrozenBatchNormEps = 1e-5;  // torchvision FrozenBatchNorm2d default
constexpr double kBatchNormMomentum = 0.1;    // nn.BatchNorm2d default
constexpr double kLayerNormEps = 1e-5;
constexpr int kBottleneckExpansion = 4;

// A FrozenBatchNorm2d's tensors. Training reads them at every call (weight and bias may train, and
// the running statistics move when the trainer normalises by batch statistics).
struct BatchNormTensors {
  torch::Tensor weight, bias, running_mean, running_var;
};

// A convolution, optionally followed by a FrozenBatchNorm2d applied as torchvision does
// (x * scale + shift with scale = w * rsqrt(var + eps), shift = b - mean * scale). Folding it into the
// weights would be cheaper but drifts by ~1e-3 from PyTorch through 50 random-weight layers.
struct Conv {
  torch::Tensor weight, bias;   // bias: only for input_proj
  torch::Tensor scale, shift;   // inference: [1, C, 1, 1], undefined when there is no batch norm
  BatchNormTensors norm;        // training: undefined when there is no batch norm
  const bool* batch_statistics = nullptr;  // training: normalise by the batch (nn.BatchNorm2d.train())
  int64_t stride = 1, padding = 0;
  torch::Tensor operator()(const torch::Tensor& x) const {
    torch::Tensor y = torch::conv2d(x, weight, bias, {stride, stride}, {padding, padding});
    if (norm.weight.defined()) {
      if (*batch_statistics)
        return torch::batch_norm(y, norm.weight, norm.bias, norm.running_mean, norm.running_var, true,
                                 kBatchNormMomentum, kFrozenBatchNormEps, false);
      const torch::Tensor s = norm.weight.view({1, -1, 1, 1}) * (norm.running_var.view({1, -1, 1, 1}) + kFrozenBatchNormEps).rsqrt();
      return y * s + (norm.bias.view({1, -1, 1, 1}) - norm.running_mean.view({1, -1, 1, 1}) * s);
    }
    if (scale.defined()) y = y.mul_(scale).add_(shift);
    return y;
  }
};

struct Bottleneck {
  Conv conv1, conv2, conv3;
  bool has_downsample = false;
  Conv downsample;
};

struct Linear {
  torch::Tensor weight, bias;
  torch::Tensor operator()(const torch::Tensor& x) const { return torch::linear(x, weight, bias); }
};

struct LayerNorm {
  torch::Tensor weight, bias;
  torch::Tensor operator()(const torch::Tensor& x) const {
    return torch::layer_norm(x, {weight.size(0)}, weight, bias, kLayerNormEps);
  }
};

// nn.MultiheadAttention with a packed in_proj, batch-first tensors, no mask, no dropout. q, k and v
// weights are row blocks of the packed matrix, taken per call so that training reaches the packed leaf.
struct MultiheadAttention {
  torch::Tensor in_weight, in_bias;  // [3d, d], [3d]
  Linear out;
  int64_t heads = 1;

  torch::Tensor operator()(const torch::Tensor& query, const torch::Tensor& key, const torch::Tensor& value) const {
    const int64_t batch = query.size(0), query_len = query.size(1), key_len = key.size(1);
    const int64_t width = query.size(2), head_dim = width / heads;
    auto project = [&](const torch::Tensor& x, int64_t part, int64_t length) {
      return torch::linear(x, in_weight.narrow(0, part * width, width), in_bias.narrow(0, part * width, width))
          .view({batch, length, heads, head_dim})
          .transpose(1, 2);
    };
    torch::Tensor q = project(query, 0, query_len);
    torch::Tensor k = project(key, 1, key_len);
    torch::Tensor v = project(value, 2, key_len);
    q = q / std::sqrt(static_cast<double>(head_dim));
    torch::Tensor attention = torch::softmax(torch::matmul(q, k.transpose(-2, -1)), -1);
    torch::Tensor context = torch::matmul(attention, v).transpose(1, 2).reshape({batch, query_len, width});
    return out(context);
  }
};

struct EncoderLayer {
  MultiheadAttention self_attention;
  Linear linear1, linear2;
  LayerNorm norm1, norm2;
};

struct DecoderLayer {
  MultiheadAttention self_attention, cross_attention;
  Linear linear1, linear2;
  LayerNorm norm1, norm2, norm3;
};

std::string stage_name(int stage) { return "layer" + std::to_string(stage + 1); }

}  // namespace

struct Apm::Weights {
  ApmConfig config;
  c10::Device device{c10::kCPU};
  bool training = false;
  bool batch_statistics = false;
  Conv stem;
  std::vector<std::vector<Bottleneck>> stages;
  Conv input_proj;
  torch::Tensor query_embed, cls_token, cls_pos, positions;  // positions: [1, P, d]
  std::vector<EncoderLayer> encoder;
  std::vector<DecoderLayer> decoder;
  LayerNorm decoder_norm;
  std::vector<Linear> bbox_layers;
  Linear image_class;
  MultiheadAttention feature_attention;
  Linear feature_linear;
};

TensorShapes apm_tensor_shapes(const ApmConfig& c) {
  TensorShapes shapes;
  const int64_t d = c.hidden_dim;
  auto add = [&](const std::string& name, std::vector<int64_t> shape) { shapes.emplace_back(name, std::move(shape)); };
  auto add_bn = [&](const std::string& prefix, int64_t channels) {
    for (const char* field : {"weight", "bias", "running_mean", "running_var"}) add(prefix + "." + field, {channels});
  };
  add(kBody + "conv1.weight", {c.backbone_width, 1, 7, 7});
  add_bn(kBody + "bn1", c.backbone_width);
  int64_t in_channels = c.backbone_width;
  for (int stage = 0; stage < 4; ++stage) {
    const int64_t planes = static_cast<int64_t>(c.backbone_width) << stage;
    for (int block = 0; block < c.backbone_blocks[static_cast<size_t>(stage)]; ++block) {
      const std::string p = kBody + stage_name(stage) + "." + std::to_string(block) + ".";
      add(p + "conv1.weight", {planes, in_channels, 1, 1});
      add_bn(p + "bn1", planes);
      add(p + "conv2.weight", {planes, planes, 3, 3});
      add_bn(p + "bn2", planes);
      add(p + "conv3.weight", {planes * kBottleneckExpansion, planes, 1, 1});
      add_bn(p + "bn3", planes * kBottleneckExpansion);
      if (block == 0) {
        add(p + "downsample.0.weight", {planes * kBottleneckExpansion, in_channels, 1, 1});
        add_bn(p + "downsample.1", planes * kBottleneckExpansion);
      }
      in_channels = planes * kBottleneckExpansion;
    }
  }
  add("vis_model.input_proj.weight", {d, c.backbone_channels(), 1, 1});
  add("vis_model.input_proj.bias", {d});
  add("vis_model.query_embed.weight", {c.num_queries, d});
  add(kTransformer + "cls_token", {1, 1, d});
  add(kTransformer + "cls_pos", {1, 1, d});
  auto add_attention = [&](const std::string& prefix) {
    add(prefix + ".in_proj_weight", {3 * d, d});
    add(prefix + ".in_proj_bias", {3 * d});
    add(prefix + ".out_proj.weight", {d, d});
    add(prefix + ".out_proj.bias", {d});
  };
  auto add_linear = [&](const std::string& prefix, int64_t out, int64_t in) {
    add(prefix + ".weight", {out, in});
    add(prefix + ".bias", {out});
  };
  auto add_norm = [&](const std::string& prefix) {
    add(prefix + ".weight", {d});
    add(prefix + ".bias", {d});
  };
  for (int i = 0; i < c.encoder_layers; ++i) {
    const std::string p = kTransformer + "encoder.layers." + std::to_string(i) + ".";
    add_attention(p + "self_attn");
    add_linear(p + "linear1", c.ffn_dim, d);
    add_linear(p + "linear2", d, c.ffn_dim);
    add_norm(p + "norm1");
    add_norm(p + "norm2");
  }
  for (int i = 0; i < c.decoder_layers; ++i) {
    const std::string p = kTransformer + "decoder.layers." + std::to_string(i) + ".";
    add_attention(p + "self_attn");
    add_attention(p + "multihead_attn");
    add_linear(p + "linear1", c.ffn_dim, d);
    add_linear(p + "linear2", d, c.ffn_dim);
    add_norm(p + "norm1");
    add_norm(p + "norm2");
    add_norm(p + "norm3");
  }
  add_norm(kTransformer + "decoder.norm");
  add_linear("vis_model.bbox_embed.layers.0", d, d);
  add_linear("vis_model.bbox_embed.layers.1", d, d);
  add_linear("vis_model.bbox_embed.layers.2", 4, d);
  add_linear("vis_model.image_class_embed", c.num_image_labels, d);
  add_attention("vis_model.anat_obj_embs.mha");
  add_linear("vis_model.anat_obj_embs.linear", c.object_dim, d);
  return shapes;
}

std::map<std::string, at::Tensor> apm_random_weights(const ApmConfig& config, std::uint64_t seed) {
  torch::NoGradGuard no_grad;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::map<std::string, at::Tensor> weights;
  for (const auto& [name, shape] : apm_tensor_shapes(config)) {
    torch::Tensor tensor;
    // C++17 lambdas cannot capture a structured binding (clang refuses it): capture a reference.
    auto ends_with = [&name = name](const std::string& suffix) {
      return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    const bool batch_norm = name.find(".bn") != std::string::npos || name.find("downsample.1") != std::string::npos;
    const bool layer_norm = name.find("norm") != std::string::npos && !batch_norm;
    if ((batch_norm || layer_norm) && ends_with("weight")) {
      tensor = torch::ones(shape);
    } else if (batch_norm && ends_with("running_var")) {
      tensor = torch::ones(shape);
    } else if (batch_norm || layer_norm) {
      tensor = torch::zeros(shape);
    } else if (shape.size() >= 2 && !ends_with("cls_token") && !ends_with("cls_pos") && !ends_with("query_embed.weight")) {
      int64_t fan_in = 1;
      for (size_t i = 1; i < shape.size(); ++i) fan_in *= shape[i];
      tensor = at::normal(0.0, std::sqrt(1.0 / static_cast<double>(fan_in)), shape, generator);
    } else if (shape.size() >= 2) {
      tensor = at::normal(0.0, 1.0, shape, generator);
    } else {
      tensor = at::normal(0.0, 0.02, shape, generator);
    }
    weights.emplace(name, tensor);
  }
  return weights;
}

Apm::Apm(const ApmConfig& config, const Lookup& lookup, c10::Device device, WeightUse use)
    : weights_(std::make_unique<Weights>()) {
  Weights& w = *weights_;
  w.config = config;
  w.device = device;
  w.training = use == WeightUse::kTraining;
  // Inference converts copies without autograd; training uses the caller's leaves as they are (and
  // the FrozenBatchNorm2d buffers, which never require grad, only through their precomputed affine).
  c10::AutoGradMode grad_mode(w.training && torch::GradMode::is_enabled());
  auto get = [&](const std::string& name) {
    torch::Tensor tensor = lookup(name);
    if (!w.training) return tensor.to(device, torch::kFloat32).contiguous();
    if (tensor.device() != device || tensor.scalar_type() != torch::kFloat32 || !tensor.is_contiguous())
      throw std::invalid_argument("APM training weight " + name + " must be a contiguous fp32 tensor on " + device.str());
    return tensor;
  };
  auto conv_bn = [&](const std::string& conv, const std::string& bn, int64_t stride, int64_t padding) {
    Conv result{get(conv + ".weight"), torch::Tensor(), torch::Tensor(), torch::Tensor(), {}, nullptr, stride, padding};
    const BatchNormTensors norm{get(bn + ".weight"), get(bn + ".bias"), get(bn + ".running_mean"), get(bn + ".running_var")};
    if (w.training) {
      result.norm = norm;
      result.batch_statistics = &w.batch_statistics;
      return result;
    }
    torch::NoGradGuard frozen;
    result.scale = norm.weight.view({1, -1, 1, 1}) * (norm.running_var.view({1, -1, 1, 1}) + kFrozenBatchNormEps).rsqrt();
    result.shift = norm.bias.view({1, -1, 1, 1}) - norm.running_mean.view({1, -1, 1, 1}) * result.scale;
    return result;
  };
  auto linear = [&](const std::string& prefix) { return Linear{get(prefix + ".weight"), get(prefix + ".bias")}; };
  auto norm = [&](const std::string& prefix) { return LayerNorm{get(prefix + ".weight"), get(prefix + ".bias")}; };
  auto attention = [&](const std::string& prefix, int64_t heads) {
    return MultiheadAttention{get(prefix + ".in_proj_weight"), get(prefix + ".in_proj_bias"),
                              linear(prefix + ".out_proj"), heads};
  };

  w.stem = conv_bn(kBody + "conv1", kBody + "bn1", 2, 3);
  for (int stage = 0; stage < 4; ++stage) {
    std::vector<Bottleneck> blocks;
    const int64_t stride = stage == 0 ? 1 : 2;
    for (int block = 0; block < config.backbone_blocks[static_cast<size_t>(stage)]; ++block) {
      const std::string p = kBody + stage_name(stage) + "." + std::to_string(block) + ".";
      Bottleneck b;
      b.conv1 = conv_bn(p + "conv1", p + "bn1", 1, 0);
      b.conv2 = conv_bn(p + "conv2", p + "bn2", block == 0 ? stride : 1, 1);
      b.conv3 = conv_bn(p + "conv3", p + "bn3", 1, 0);
      if (block == 0) {
        b.has_downsample = true;
        b.downsample = conv_bn(p + "downsample.0", p + "downsample.1", stride, 0);
      }
      blocks.push_back(std::move(b));
    }
    w.stages.push_back(std::move(blocks));
  }
  w.input_proj = Conv{get("vis_model.input_proj.weight"), get("vis_model.input_proj.bias"), {}, {}, {}, nullptr, 1, 0};
  w.query_embed = get("vis_model.query_embed.weight");
  w.cls_token = get(kTransformer + "cls_token");
  w.cls_pos = get(kTransformer + "cls_pos");
  for (int i = 0; i < config.encoder_layers; ++i) {
    const std::string p = kTransformer + "encoder.layers." + std::to_string(i) + ".";
    w.encoder.push_back(EncoderLayer{attention(p + "self_attn", config.heads), linear(p + "linear1"),
                                     linear(p + "linear2"), norm(p + "norm1"), norm(p + "norm2")});
  }
  for (int i = 0; i < config.decoder_layers; ++i) {
    const std::string p = kTransformer + "decoder.layers." + std::to_string(i) + ".";
    w.decoder.push_back(DecoderLayer{attention(p + "self_attn", config.heads),
                                     attention(p + "multihead_attn", config.heads), linear(p + "linear1"),
                                     linear(p + "linear2"), norm(p + "norm1"), norm(p + "norm2"),
                                     norm(p + "norm3")});
  }
  w.decoder_norm = norm(kTransformer + "decoder.norm");
  for (int i = 0; i < 3; ++i) w.bbox_layers.push_back(linear("vis_model.bbox_embed.layers." + std::to_string(i)));
  w.image_class = linear("vis_model.image_class_embed");
  w.feature_attention = attention("vis_model.anat_obj_embs.mha", config.feature_heads);
  w.feature_linear = linear("vis_model.anat_obj_embs.linear");

  // DETR PositionEmbeddingSine(d/2, temperature 10000, normalize=True, scale 2*pi) on the unmasked
  // grid, computed with the same float32 operations as the Python module.
  const int64_t grid = config.feature_grid();
  const int64_t features = config.hidden_dim / 2;
  const auto options = torch::TensorOptions().dtype(torch::kFloat32);
  const torch::Tensor not_mask = torch::ones({1, grid, grid}, options);
  torch::Tensor y_embed = not_mask.cumsum(1, torch::kFloat32);
  torch::Tensor x_embed = not_mask.cumsum(2, torch::kFloat32);
  const double eps = 1e-6, scale = 2 * M_PI;
  y_embed = y_embed / (y_embed.slice(1, grid - 1, grid) + eps) * scale;
  x_embed = x_embed / (x_embed.slice(2, grid - 1, grid) + eps) * scale;
  torch::Tensor dim_t = torch::arange(features, options);
  dim_t = torch::pow(10000.0, 2 * torch::div(dim_t, 2, "floor") / static_cast<double>(features));
  auto encode = [&](const torch::Tensor& embed) {
    const torch::Tensor p = embed.unsqueeze(-1) / dim_t;
    return torch::stack({p.slice(3, 0, c10::nullopt, 2).sin(), p.slice(3, 1, c10::nullopt, 2).cos()}, 4).flatten(3);
  };
  const torch::Tensor pos = torch::cat({encode(y_embed), encode(x_embed)}, 3);  // [1, G, G, d]
  w.positions = pos.view({1, grid * grid, config.hidden_dim}).to(device).contiguous();
}

Apm::~Apm() = default;
Apm::Apm(Apm&&) noexcept = default;

const ApmConfig& Apm::config() const { return weights_->config; }

void Apm::set_batch_statistics(bool on) {
  if (on && !weights_->training) throw std::logic_error("Batch statistics need an APM built for training.");
  weights_->batch_statistics = on;
}

ApmOutput Apm::forward(const at::Tensor& image) const {
  const Weights& w = *weights_;
  c10::InferenceMode inference_mode(!w.training);
  const ApmConfig& c = w.config;
  if (image.dim() != 4 || image.size(1) != 1 || image.size(2) != c.image_size || image.size(3) != c.image_size)
    throw std::invalid_argument("APM input must be [B, 1, " + std::to_string(c.image_size) + ", " +
                                std::to_string(c.image_size) + "], got " + c10::str(image.sizes()));
  torch::Tensor x = image.to(w.device, torch::kFloat32);

  x = torch::relu(w.stem(x));
  x = torch::max_pool2d(x, {3, 3}, {2, 2}, {1, 1});
  for (const auto& stage : w.stages) {
    for (const Bottleneck& block : stage) {
      torch::Tensor out = torch::relu(block.conv1(x));
      out = torch::relu(block.conv2(out));
      out = block.conv3(out);
      x = torch::relu(out + (block.has_downsample ? block.downsample(x) : x));
    }
  }
  x = w.input_proj(x);  // [B, d, G, G]
  const int64_t batch = x.size(0), d = c.hidden_dim;
  const torch::Tensor patches = x.flatten(2).transpose(1, 2);  // [B, P, d], raster order

  torch::Tensor src = torch::cat({w.cls_token.expand({batch, 1, d}), patches}, 1);
  const torch::Tensor pos = torch::cat({w.cls_pos, w.positions}, 1);
  for (const EncoderLayer& layer : w.encoder) {
    const torch::Tensor q = src + pos;
    src = layer.norm1(src + layer.self_attention(q, q, src));
    src = layer.norm2(src + layer.linear2(torch::relu(layer.linear1(src))));
  }
  const torch::Tensor cls = src.select(1, 0);
  const torch::Tensor memory = src.slice(1, 1).contiguous();
  const torch::Tensor memory_keys = memory + w.positions;

  const torch::Tensor query_pos = w.query_embed.unsqueeze(0).expand({batch, c.num_queries, d});
  torch::Tensor tgt = torch::zeros_like(query_pos);
  for (const DecoderLayer& layer : w.decoder) {
    const torch::Tensor q = tgt + query_pos;
    tgt = layer.norm1(tgt + layer.self_attention(q, q, tgt));
    tgt = layer.norm2(tgt + layer.cross_attention(tgt + query_pos, memory_keys, memory));
    tgt = layer.norm3(tgt + layer.linear2(torch::relu(layer.linear1(tgt))));
  }
  const torch::Tensor hs = w.decoder_norm(tgt);

  torch::Tensor box = torch::relu(w.bbox_layers[0](hs));
  box = torch::relu(w.bbox_layers[1](box));
  box = torch::sigmoid(w.bbox_layers[2](box));

  ApmOutput output;
  output.boxes = box;
  output.objects = w.feature_linear(w.feature_attention(hs, memory, memory));
  output.memory = memory;
  output.cls = cls;
  output.image_logits = w.image_class(cls);
  return output;
}

}  // namespace anatomix::apm
