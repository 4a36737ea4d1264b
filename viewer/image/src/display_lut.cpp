#include "anatomix/image/display_lut.h"

#include <algorithm>
#include <cmath>

#include "anatomix/image/image_error.h"
#include "decode_support.h"

namespace anatomix::image {

double window_output(const Window& window, double x, double y_max) {
  const double c = window.center;
  const double w = window.width;
  switch (window.function) {
    case VoiFunction::Linear: {
      // PS3.3 C.11.2.1.2.1; width < 1 is invalid there, treat it as a threshold.
      if (w <= 1.0) return x <= c - 0.5 ? 0.0 : y_max;
      if (x <= c - 0.5 - (w - 1.0) / 2.0) return 0.0;
      if (x > c - 0.5 + (w - 1.0) / 2.0) return y_max;
      return ((x - (c - 0.5)) / (w - 1.0) + 0.5) * y_max;
    }
    case VoiFunction::LinearExact: {  // C.11.2.1.3.2
      if (w <= 0.0) return x <= c ? 0.0 : y_max;
      if (x <= c - w / 2.0) return 0.0;
      if (x > c + w / 2.0) return y_max;
      return ((x - c) / w + 0.5) * y_max;
    }
    case VoiFunction::Sigmoid:  // C.11.2.1.3.1
      if (w <= 0.0) return x <= c ? 0.0 : y_max;
      return y_max / (1.0 + std::exp(-4.0 * (x - c) / w));
  }
  return 0.0;
}

bool file_inverts(const DecodedImage& image) {
  // A Presentation LUT Shape, when present, maps the VOI output to P-values on its own (PS3.3
  // C.11.6.1: INVERSE is how a MONOCHROME1 image asks to be inverted); without one, MONOCHROME1
  // implies the inversion. This is also what dcmj2pnm does.
  switch (image.presentation_shape) {
    case PresentationShape::Inverse: return true;
    case PresentationShape::Identity: return false;
    case PresentationShape::Absent: break;
  }
  return image.monochrome1;
}

DisplayLut::DisplayLut(const DecodedImage& image, const DisplaySettings& settings) {
  if (image.empty()) return;
  const VoiSelection& voi = settings.voi;
  const LookupTable* voi_lut = nullptr;
  if (voi.kind == VoiSelection::Kind::Lut) {
    if (voi.lut_index < 0 || voi.lut_index >= static_cast<int>(image.voi_luts.size())) {
      throw ImageError(image.path, "VOI LUT " + std::to_string(voi.lut_index + 1) + " does not exist (the file has " +
                                       std::to_string(image.voi_luts.size()) + ")");
    }
    voi_lut = &image.voi_luts[static_cast<std::size_t>(voi.lut_index)];
  }
  const bool invert = file_inverts(image) != settings.invert;
  // The table spans [min_stored, max_stored]; an image assembled by hand with an inverted range
  // gets its true range instead of a negative table size.
  const StoredRange range = image.min_stored <= image.max_stored ? StoredRange{image.min_stored, image.max_stored}
                                                                 : actual_stored_range(image);
  first_stored_ = range.min;
  table_.resize(range.size());
  const double lut_scale = voi_lut ? 255.0 / static_cast<double>((1u << voi_lut->bits_per_entry) - 1) : 1.0;
  for (std::size_t i = 0; i < table_.size(); ++i) {
    const double modality = image.modality.apply(first_stored_ + static_cast<std::int32_t>(i));
    double output = 0;
    switch (voi.kind) {
      case VoiSelection::Kind::Window: output = window_output(voi.window, modality); break;
      case VoiSelection::Kind::Lut:
        output = voi_lut->lookup(static_cast<int>(std::floor(modality + 0.5))) * lut_scale;
        break;
      case VoiSelection::Kind::None: output = std::clamp(modality, 0.0, 255.0); break;
    }
    auto value = static_cast<std::uint8_t>(std::clamp(std::floor(output + 0.5), 0.0, 255.0));
    table_[i] = invert ? static_cast<std::uint8_t>(255 - value) : value;
  }
}

Gray8Image render_display(const DecodedImage& image, const DisplayLut& lut) {
  return render_display_region(image, lut, PixelRect{0, 0, image.width, image.height}, 1);
}

Gray8Image render_display_region(const DecodedImage& image, const DisplayLut& lut, PixelRect source, int step) {
  step = std::max(step, 1);
  const int x0 = std::clamp(source.x, 0, image.width);
  const int y0 = std::clamp(source.y, 0, image.height);
  const int x1 = std::clamp(source.x + source.width, x0, image.width);
  const int y1 = std::clamp(source.y + source.height, y0, image.height);
  Gray8Image out;
  out.width = (x1 - x0 + step - 1) / step;
  out.height = (y1 - y0 + step - 1) / step;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  render_display_region(image, lut, source, step, out.pixels.data(), static_cast<std::size_t>(out.width));
  return out;
}

PixelRect render_display_region(const DecodedImage& image, const DisplayLut& lut, PixelRect source, int step,
                                std::uint8_t* out, std::size_t out_stride) {
  step = std::max(step, 1);
  const int x0 = std::clamp(source.x, 0, image.width);
  const int y0 = std::clamp(source.y, 0, image.height);
  const int x1 = std::clamp(source.x + source.width, x0, image.width);
  const int y1 = std::clamp(source.y + source.height, y0, image.height);
  const int out_width = (x1 - x0 + step - 1) / step;
  const int out_height = (y1 - y0 + step - 1) / step;
  if (lut.empty() || out_width == 0 || out_height == 0) return PixelRect{0, 0, out_width, out_height};
  // Always through the clamping map(): an image's min/max_stored may be stale (a hand-built image, a LUT
  // built for another image), and a table index taken on trust read out of bounds.
  for (int j = 0; j < out_height; ++j) {
    const std::int32_t* row = image.stored.data() + static_cast<std::size_t>(y0 + j * step) * image.width + x0;
    std::uint8_t* target = out + static_cast<std::size_t>(j) * out_stride;
    for (int i = 0; i < out_width; ++i) target[i] = lut.map(row[i * step]);
  }
  return PixelRect{0, 0, out_width, out_height};
}

void render_display_resampled(const DecodedImage& image, const DisplayLut& lut, double source_x, double source_y,
                              double source_width, double source_height, int out_width, int out_height,
                              std::uint8_t* out, std::size_t out_stride) {
  if (out_width <= 0 || out_height <= 0) return;
  // Source column of each output column (centre sampling), -1 when outside the image.
  std::vector<int> columns(static_cast<std::size_t>(out_width));
  for (int i = 0; i < out_width; ++i) {
    const double x = source_x + (i + 0.5) * source_width / out_width;
    const int column = static_cast<int>(std::floor(x));
    columns[static_cast<std::size_t>(i)] = column >= 0 && column < image.width ? column : -1;
  }
  for (int j = 0; j < out_height; ++j) {
    std::uint8_t* target = out + static_cast<std::size_t>(j) * out_stride;
    const double y = source_y + (j + 0.5) * source_height / out_height;
    const int row_index = static_cast<int>(std::floor(y));
    if (row_index < 0 || row_index >= image.height || lut.empty()) {
      std::fill(target, target + out_width, std::uint8_t{0});
      continue;
    }
    const std::int32_t* row = image.stored.data() + static_cast<std::size_t>(row_index) * image.width;
    for (int i = 0; i < out_width; ++i) {
      const int column = columns[static_cast<std::size_t>(i)];
      target[i] = column < 0 ? 0 : lut.map(row[column]);
    }
  }
}

}  // namespace anatomix::image
