#include "anatomix/image/model_input.h"

#include <algorithm>
#include <cmath>

#include "anatomix/image/display_lut.h"
#include "anatomix/image/window_presets.h"
#include "decode_support.h"

namespace anatomix::image {
namespace {

// Per stored value: the VOI output in floating point, as pydicom's apply_voi_lut returns it
// (windows output 0 .. 2^bits_stored - 1; LUTs output their entries; no VOI: modality values).
std::vector<double> voi_values(const DecodedImage& image, const StoredRange& range) {
  std::vector<double> table(range.size());
  const double y_max = std::ldexp(1.0, image.bits_stored) - 1.0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const double modality = image.modality.apply(range.min + static_cast<std::int32_t>(i));
    if (!image.voi_luts.empty()) {
      table[i] = image.voi_luts.front().lookup(static_cast<int>(std::floor(modality + 0.5)));
    } else if (!image.file_windows.empty()) {
      table[i] = window_output(image.file_windows.front(), modality, y_max);
    } else {
      table[i] = modality;
    }
  }
  return table;
}

// Mirrors read_xray: [data = amax(data) - data]; data -= amin(data); data /= amax(data);
// (data * 255).astype(uint8). Only values present in the image take part in amin/amax.
Gray8Image stretch_min_max(const DecodedImage& image, const StoredRange& range, const std::vector<double>& table,
                           bool invert) {
  std::vector<bool> present(table.size(), false);
  for (const std::int32_t value : image.stored) present[static_cast<std::size_t>(value - range.min)] = true;
  auto present_extreme = [&present](const std::vector<double>& values, bool want_max) {
    double extreme = want_max ? -INFINITY : INFINITY;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (present[i]) extreme = want_max ? std::max(extreme, values[i]) : std::min(extreme, values[i]);
    }
    return extreme;
  };
  std::vector<double> data = table;
  if (invert) {
    const double highest = present_extreme(data, true);
    for (double& value : data) value = highest - value;
  }
  const double lowest = present_extreme(data, false);
  for (double& value : data) value -= lowest;
  const double highest = present_extreme(data, true);
  std::vector<std::uint8_t> mapped(table.size(), 0);
  if (highest > 0) {
    for (std::size_t i = 0; i < data.size(); ++i) {
      mapped[i] = static_cast<std::uint8_t>(std::clamp(data[i] / highest * 255.0, 0.0, 255.0));
    }
  }
  Gray8Image out;
  out.width = image.width;
  out.height = image.height;
  out.pixels.resize(image.stored.size());
  for (std::size_t i = 0; i < image.stored.size(); ++i) {
    out.pixels[i] = mapped[static_cast<std::size_t>(image.stored[i] - range.min)];
  }
  return out;
}

}  // namespace

Gray8Image to_model_input(const DecodedImage& image) {
  if (image.empty()) return {};
  if (image.format != SourceFormat::Dicom && image.bits_stored == 8 && !image.pixel_signed) {
    Gray8Image out;
    out.width = image.width;
    out.height = image.height;
    out.pixels.assign(image.stored.begin(), image.stored.end());
    return out;
  }
  const StoredRange range = actual_stored_range(image);
  if (image.format != SourceFormat::Dicom) {
    std::vector<double> identity(range.size());
    for (std::size_t i = 0; i < identity.size(); ++i) identity[i] = range.min + static_cast<double>(i);
    return stretch_min_max(image, range, identity, false);
  }
  return stretch_min_max(image, range, voi_values(image, range), image.monochrome1);
}

Gray8Image load_model_input(const std::string& path, const DecodeOptions& options) {
  return to_model_input(decode_image(path, options));
}

bool is_mirrored_acquisition(const DecodedImage& image) {
  const std::string& row = image.instance.patient_orientation_row;
  return !row.empty() && row[0] == 'R';
}

Gray8Image mirrored(const Gray8Image& image) {
  Gray8Image out = image;
  for (int y = 0; y < image.height; ++y) {
    auto row = out.pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.width;
    std::reverse(row, row + image.width);
  }
  return out;
}

}  // namespace anatomix::image
