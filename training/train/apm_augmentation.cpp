#include "train/apm_augmentation.h"

#include <torch/torch.h>

#include <cmath>

#include "train/apm_losses.h"
#include "train/apm_training_set.h"

namespace anatomix::training {
namespace {

torch::Tensor uniform(int64_t n, double low, double high, at::Generator& generator) {
  return torch::rand({n}, generator) * (high - low) + low;
}

torch::Tensor chosen(int64_t n, double probability, at::Generator& generator) {
  return torch::rand({n}, generator) < probability;
}

// Matches each chosen sample's histogram (pixels > 0) to a random reference, blended 0.5..1.
torch::Tensor match_histograms(const torch::Tensor& images_u8, const AugmentationOptions& options,
                               at::Generator& generator) {
  const int64_t batch = images_u8.size(0);
  torch::Tensor out = images_u8.to(torch::kFloat32);
  const torch::Tensor pick = chosen(batch, options.histogram_probability, generator);
  const torch::Tensor which = torch::randint(static_cast<int64_t>(options.reference_cdfs.size()), {batch}, generator);
  const torch::Tensor blend = uniform(batch, 0.5, 1.0, generator);
  const torch::Tensor levels = torch::arange(256, torch::kFloat32);
  for (int64_t b = 0; b < batch; ++b) {
    if (!pick[b].item<bool>()) continue;
    const torch::Tensor sample = images_u8[b].reshape(-1);
    const std::array<float, 256> own =
        cumulative_histogram(sample.contiguous().data_ptr<std::uint8_t>(), static_cast<std::size_t>(sample.numel()));
    const auto& reference = options.reference_cdfs[static_cast<std::size_t>(which[b].item<int64_t>())];
    const torch::Tensor own_cdf = torch::from_blob(const_cast<float*>(own.data()), {256}).clone();
    const torch::Tensor ref_cdf = torch::from_blob(const_cast<float*>(reference.data()), {256}).clone();
    torch::Tensor lut = torch::searchsorted(ref_cdf, own_cdf).clamp(1, 255).to(torch::kFloat32);
    const double a = blend[b].item<double>();
    lut = a * lut + (1 - a) * levels;
    lut[0] = 0;  // padding stays padding
    out[b] = lut.index({sample.to(torch::kLong)}).view(images_u8[b].sizes());
  }
  return out;
}

// Gamma, contrast and brightness, then a blur or a sharpening, then noise: images [B, 1, S, S] in [0, 1].
torch::Tensor vary_appearance(torch::Tensor images, double probability, at::Generator& generator) {
  const int64_t batch = images.size(0);
  auto per_sample = [&](const torch::Tensor& values, double neutral) {
    return torch::where(chosen(batch, probability, generator), values, torch::full({batch}, neutral)).view({batch, 1, 1, 1});
  };
  const torch::Tensor gamma = per_sample(uniform(batch, std::log(0.6), std::log(1.6), generator).exp(), 1.0);
  const torch::Tensor contrast = per_sample(uniform(batch, 0.7, 1.3, generator), 1.0);
  const torch::Tensor brightness = per_sample(uniform(batch, -0.1, 0.1, generator), 0.0);
  images = images.clamp(0, 1).pow(gamma);
  const torch::Tensor mean = images.mean({1, 2, 3}, true);
  images = (images - mean) * contrast + mean + brightness;
  // Blur (a > 0) or sharpen (a < 0) against a 5x5 box blur.
  const torch::Tensor blurred = torch::avg_pool2d(images, 5, 1, 2, /*ceil_mode=*/false, /*count_include_pad=*/false);
  const torch::Tensor amount = per_sample(uniform(batch, -0.8, 1.0, generator), 0.0);
  images = images + amount * (blurred - images);
  const torch::Tensor sigma = per_sample(uniform(batch, 0.0, 0.03, generator), 0.0);
  images = images + sigma * torch::randn(images.sizes(), generator);
  return images.clamp(0, 1);
}

// Bands at 1..4 borders, each 0..8 % of the side, bright (collimated, unexposed) or dark (processed).
torch::Tensor collimate(torch::Tensor images, double probability, at::Generator& generator) {
  const int64_t batch = images.size(0), side = images.size(3);
  const torch::Tensor pick = chosen(batch, probability, generator);
  const torch::Tensor widths = (torch::rand({batch, 4}, generator) * 0.08 * double(side)).to(torch::kLong);
  const torch::Tensor present = torch::rand({batch, 4}, generator) < 0.5;
  const torch::Tensor value = torch::where(torch::rand({batch}, generator) < 0.7, uniform(batch, 0.6, 1.0, generator),
                                           torch::zeros({batch}));
  using torch::indexing::Slice;
  for (int64_t b = 0; b < batch; ++b) {
    if (!pick[b].item<bool>()) continue;
    const float v = value[b].item<float>();
    auto width = [&](int k) { return present[b][k].item<bool>() ? widths[b][k].item<int64_t>() : int64_t{0}; };
    images.index_put_({b, 0, Slice(0, width(0)), Slice()}, v);
    images.index_put_({b, 0, Slice(side - width(1), side), Slice()}, v);
    images.index_put_({b, 0, Slice(), Slice(0, width(2))}, v);
    images.index_put_({b, 0, Slice(), Slice(side - width(3), side)}, v);
  }
  return images;
}

// One to three bright blocks of "text" (lines of small rectangles) near the corners.
torch::Tensor burn_in_text(torch::Tensor images, double probability, at::Generator& generator) {
  const int64_t batch = images.size(0), side = images.size(3);
  const torch::Tensor pick = chosen(batch, probability, generator);
  using torch::indexing::Slice;
  for (int64_t b = 0; b < batch; ++b) {
    if (!pick[b].item<bool>()) continue;
    const int64_t blocks = torch::randint(1, 4, {1}, generator).item<int64_t>();
    for (int64_t k = 0; k < blocks; ++k) {
      const torch::Tensor r = torch::rand({6}, generator);
      const int64_t glyph = std::max<int64_t>(2, static_cast<int64_t>(side * (0.008 + 0.012 * r[0].item<double>())));
      const int64_t length = 2 + static_cast<int64_t>(10 * r[1].item<double>());
      const bool right = r[2].item<double>() < 0.5, bottom = r[3].item<double>() < 0.5;
      const int64_t margin = static_cast<int64_t>(side * 0.04 * r[4].item<double>()) + 1;
      const int64_t x0 = right ? side - margin - length * glyph * 3 / 2 : margin;
      const int64_t y0 = bottom ? side - margin - 2 * glyph : margin;
      const float v = static_cast<float>(0.75 + 0.25 * r[5].item<double>());
      for (int64_t c = 0; c < length; ++c) {
        const int64_t x = x0 + c * glyph * 3 / 2;
        if (x < 0 || x + glyph > side || y0 < 0 || y0 + 2 * glyph > side) continue;
        images.index_put_({b, 0, Slice(y0, y0 + 2 * glyph), Slice(x, x + glyph)}, v);
      }
    }
  }
  return images;
}

// Airspace opacity in the boxes of `options.opacity_queries` of the chosen samples whose boxes are known (see
// AugmentationOptions): a rounded fill of each box with a soft edge, patchy to confluent (coarse noise through a
// sigmoid), even or densest at the bases, one lung or both, drawn a share of the way to the film's white.
torch::Tensor opacify_lungs(ApmBatch& batch, const AugmentationOptions& options, at::Generator& generator) {
  const int64_t n = batch.images.size(0), side = batch.images.size(3);
  torch::Tensor painted = torch::zeros({n}, torch::kBool);
  if (options.opacity_queries.empty()) return painted;
  const torch::Tensor pick = chosen(n, options.opacity_probability, generator);
  const torch::Tensor centres = (torch::arange(side, torch::kFloat32) + 0.5) / double(side);
  const torch::Tensor ys = centres.view({-1, 1}), xs = centres.view({1, -1});
  namespace F = torch::nn::functional;
  for (int64_t b = 0; b < n; ++b) {
    if (!pick[b].item<bool>()) continue;
    const torch::Tensor r = torch::rand({6}, generator);
    const double strength = 0.3 + 0.55 * r[0].item<double>();
    const double basal = r[1].item<double>();
    const bool all = r[2].item<double>() < 0.6;
    const auto only = static_cast<std::size_t>(r[3].item<double>() * options.opacity_queries.size()) % options.opacity_queries.size();
    const double coverage = -1.0 + 4.0 * r[4].item<double>();  // sigmoid offset: patchy (< 0) to confluent
    const int64_t grain = 4 + static_cast<int64_t>(6 * r[5].item<double>());
    torch::Tensor fill = torch::zeros({side, side});
    bool known = true;
    for (std::size_t k = 0; k < options.opacity_queries.size(); ++k) {
      if (!all && k != only) continue;
      const int64_t q = options.opacity_queries[k];
      known = known && (!batch.box_mask.defined() || batch.box_mask[b][q].item<bool>());
      const torch::Tensor box = batch.boxes[b][q];
      const double cx = box[0].item<double>(), cy = box[1].item<double>();
      const double hw = std::max(box[2].item<double>() / 2, 1e-3), hh = std::max(box[3].item<double>() / 2, 1e-3);
      const torch::Tensor u = ((xs - cx) / hw).abs(), v = ((ys - cy) / hh).abs();
      const torch::Tensor inside = torch::sigmoid((1 - (u.pow(3) + v.pow(3))) * 6);
      const torch::Tensor toward_base = ((ys - (cy - hh)) / (2 * hh)).clamp(0, 1);
      fill = torch::max(fill, inside * ((1 - basal) + basal * toward_base));
    }
    if (!known) continue;
    const torch::Tensor noise = F::interpolate(
        torch::randn({1, 1, grain, grain}, generator),
        F::InterpolateFuncOptions().size(std::vector<int64_t>{side, side}).mode(torch::kBilinear).align_corners(false));
    fill = fill * torch::sigmoid(noise.view({side, side}) * 3 + coverage);
    const torch::Tensor image = batch.images[b][0];
    const double white = torch::quantile(image.flatten(), 0.98).item<double>();
    batch.images[b][0] = image + strength * fill * (white - image).clamp_min(0);
    painted[b] = true;
  }
  return painted;
}

// Pixels moved by `forward` ([B, 2, 3], input -> output points in [-1, 1]); outside the input is 0.
torch::Tensor warp(const torch::Tensor& images, const torch::Tensor& forward) {
  // grid_sample wants output -> input: the inverse of the forward map.
  const torch::Tensor linear = forward.narrow(2, 0, 2);
  const torch::Tensor inverse_linear = torch::linalg::inv(linear);
  const torch::Tensor inverse_shift = -torch::matmul(inverse_linear, forward.narrow(2, 2, 1));
  const torch::Tensor theta = torch::cat({inverse_linear, inverse_shift}, 2);
  const torch::Tensor grid = torch::nn::functional::affine_grid(theta, images.sizes(), /*align_corners=*/false);
  return torch::nn::functional::grid_sample(
      images, grid,
      torch::nn::functional::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false));
}

// A film cropped to the thorax and then letterboxed, as the engine shows a tightly framed landscape or portrait
// radiograph: each edge of the chosen samples is cut by up to `max_crop` of the side, the part kept is scaled
// to fill the square along its longer side (aspect kept, centred) and the rest is black. Boxes are clipped to
// the part kept and move with it; real films often end at the apices or the bases, the generator's never do.
void crop_and_letterbox(ApmBatch& batch, double probability, double max_crop, at::Generator& generator) {
  const int64_t n = batch.images.size(0);
  const torch::Tensor pick = chosen(n, probability, generator).to(torch::kFloat32);
  const torch::Tensor cut = torch::rand({n, 4}, generator) * max_crop * pick.unsqueeze(1);
  const torch::Tensor x0 = cut.select(1, 0), y0 = cut.select(1, 1), x1 = 1 - cut.select(1, 2), y1 = 1 - cut.select(1, 3);
  const torch::Tensor scale = 1 / torch::max(x1 - x0, y1 - y0);
  const torch::Tensor zero = torch::zeros({n});
  const torch::Tensor forward = torch::stack({torch::stack({scale, zero, scale * (1 - x0 - x1)}, 1),
                                              torch::stack({zero, scale, scale * (1 - y0 - y1)}, 1)}, 1);  // [B, 2, 3]
  // Where the part kept lands, in [0, 1]; everything else is letterbox padding.
  const torch::Tensor u0 = (1 - (x1 - x0) * scale) / 2, v0 = (1 - (y1 - y0) * scale) / 2;
  const int64_t side = batch.images.size(3);
  const torch::Tensor centres = (torch::arange(side, torch::kFloat32) + 0.5) / double(side);
  const torch::Tensor columns = (centres.view({1, -1}) >= u0.view({-1, 1})) & (centres.view({1, -1}) <= (1 - u0).view({-1, 1}));
  const torch::Tensor rows = (centres.view({1, -1}) >= v0.view({-1, 1})) & (centres.view({1, -1}) <= (1 - v0).view({-1, 1}));
  const torch::Tensor content = (rows.unsqueeze(2) & columns.unsqueeze(1)).unsqueeze(1);  // [B, 1, S, S]
  batch.images = torch::where(content, warp(batch.images, forward), torch::zeros({}));

  const torch::Tensor& b = batch.boxes;  // [B, Q, 4] cxcywh
  auto clip = [](const torch::Tensor& v, const torch::Tensor& low, const torch::Tensor& high) {
    return torch::max(torch::min(v, high.view({-1, 1})), low.view({-1, 1}));
  };
  const torch::Tensor bx1 = clip(b.select(-1, 0) - b.select(-1, 2) / 2, x0, x1), bx2 = clip(b.select(-1, 0) + b.select(-1, 2) / 2, x0, x1);
  const torch::Tensor by1 = clip(b.select(-1, 1) - b.select(-1, 3) / 2, y0, y1), by2 = clip(b.select(-1, 1) + b.select(-1, 3) / 2, y0, y1);
  batch.boxes = transform_boxes(torch::stack({(bx1 + bx2) / 2, (by1 + by2) / 2, bx2 - bx1, by2 - by1}, -1), forward);
}

}  // namespace

std::array<float, 256> cumulative_histogram(const std::uint8_t* pixels, std::size_t count) {
  std::array<double, 256> histogram{};
  for (std::size_t i = 0; i < count; ++i) histogram[pixels[i]] += 1;
  histogram[0] = 0;
  double total = 0;
  for (double h : histogram) total += h;
  std::array<float, 256> cdf{};
  double running = 0;
  for (std::size_t v = 0; v < 256; ++v) {
    running += histogram[v];
    cdf[v] = total > 0 ? static_cast<float>(running / total) : static_cast<float>(v) / 255.f;
  }
  return cdf;
}

torch::Tensor transform_boxes(const torch::Tensor& boxes, const torch::Tensor& forward) {
  // In [-1, 1] coordinates the box's half extents are its width and height in [0, 1] units.
  const torch::Tensor cx = boxes.select(-1, 0) * 2 - 1, cy = boxes.select(-1, 1) * 2 - 1;
  const torch::Tensor w = boxes.select(-1, 2), h = boxes.select(-1, 3);
  auto coefficient = [&](int64_t row, int64_t column) { return forward.select(1, row).select(1, column).view({-1, 1}); };
  const torch::Tensor out_cx = coefficient(0, 0) * cx + coefficient(0, 1) * cy + coefficient(0, 2);
  const torch::Tensor out_cy = coefficient(1, 0) * cx + coefficient(1, 1) * cy + coefficient(1, 2);
  // The bounding box of the image of the inscribed ellipse: its half extent along x is the length of
  // (a00 w, a01 h), along y of (a10 w, a11 h).
  const torch::Tensor half_x = torch::sqrt((coefficient(0, 0) * w).square() + (coefficient(0, 1) * h).square());
  const torch::Tensor half_y = torch::sqrt((coefficient(1, 0) * w).square() + (coefficient(1, 1) * h).square());
  const torch::Tensor x1 = ((out_cx - half_x + 1) / 2).clamp(0, 1), x2 = ((out_cx + half_x + 1) / 2).clamp(0, 1);
  const torch::Tensor y1 = ((out_cy - half_y + 1) / 2).clamp(0, 1), y2 = ((out_cy + half_y + 1) / 2).clamp(0, 1);
  return torch::stack({(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1}, -1);
}

ApmBatch make_apm_batch(const ApmTrainingSet& set, const std::vector<int64_t>& indices,
                        const AugmentationOptions& options, at::Generator& generator) {
  torch::NoGradGuard no_grad;
  const int64_t batch = static_cast<int64_t>(indices.size());
  const torch::Tensor index = torch::tensor(indices, torch::kInt64);
  ApmBatch out;
  const torch::Tensor pixels = set.pixels.index_select(0, index);
  out.images = (options.enabled && options.histogram_probability > 0 && !options.reference_cdfs.empty()
                    ? match_histograms(pixels, options, generator)
                    : pixels.to(torch::kFloat32))
                   .unsqueeze(1)
                   .div_(255.0);
  out.boxes = set.boxes.index_select(0, index);
  out.labels = set.labels.index_select(0, index);
  if (set.sentence_rows.defined()) out.sentence_rows = set.sentence_rows.index_select(0, index);
  if (set.box_mask.defined()) out.box_mask = set.box_mask.index_select(0, index);
  if (set.label_mask.defined()) out.label_mask = set.label_mask.index_select(0, index);
  out.flipped = torch::zeros({batch}, torch::kBool);
  out.opacified = torch::zeros({batch}, torch::kBool);
  if (!options.enabled) return out;

  // Flip as published: pixels and boxes mirrored (x -> 1 - x in the square), names and sentences kept.
  out.flipped = torch::rand({batch}, generator) < options.flip_probability;
  if (out.flipped.any().item<bool>()) {
    out.boxes = torch::where(out.flipped.view({batch, 1, 1}), mirrored_cxcywh(out.boxes), out.boxes);
    out.images = torch::where(out.flipped.view({batch, 1, 1, 1}), out.images.flip({3}), out.images);
  }

  // Small affine about the centre: rotation, isotropic scale, translation.
  const double pi = std::acos(-1.0);
  const torch::Tensor angle = (torch::rand({batch}, generator) * 2 - 1) * (options.max_rotation_degrees * pi / 180.0);
  const double low = 1 - options.max_scale_change;
  const double high = options.max_zoom > 0 ? options.max_zoom : 1 + options.max_scale_change;
  const torch::Tensor scale = low + torch::rand({batch}, generator) * (high - low);
  const torch::Tensor shift = (torch::rand({batch, 2}, generator) * 2 - 1) * (2 * options.max_translation);
  const torch::Tensor cos = angle.cos() * scale, sin = angle.sin() * scale;
  const torch::Tensor forward = torch::stack({torch::stack({cos, -sin, shift.select(1, 0)}, 1),
                                              torch::stack({sin, cos, shift.select(1, 1)}, 1)}, 1);  // [B, 2, 3]
  out.images = warp(out.images, forward);
  out.boxes = transform_boxes(out.boxes, forward);
  if (options.crop_probability > 0) crop_and_letterbox(out, options.crop_probability, options.max_crop, generator);
  if (options.opacity_probability > 0) out.opacified = opacify_lungs(out, options, generator);
  if (options.appearance_probability > 0) out.images = vary_appearance(out.images, options.appearance_probability, generator);
  if (options.collimation_probability > 0) out.images = collimate(out.images, options.collimation_probability, generator);
  if (options.text_probability > 0) out.images = burn_in_text(out.images, options.text_probability, generator);
  return out;
}

}  // namespace anatomix::training
