#include "anatomix/image/window_presets.h"

#include <algorithm>
#include <utility>

#include "decode_support.h"

namespace anatomix::image {
namespace {

// Histogram of modality values: (value, pixel count) sorted by value.
std::vector<std::pair<double, std::uint64_t>> modality_histogram(const DecodedImage& image) {
  if (image.stored.empty()) return {};
  const StoredRange range = actual_stored_range(image);
  std::vector<std::uint64_t> counts(range.size(), 0);
  for (const std::int32_t value : image.stored) ++counts[static_cast<std::size_t>(value - range.min)];
  std::vector<std::pair<double, std::uint64_t>> histogram;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] != 0) histogram.emplace_back(image.modality.apply(range.min + static_cast<std::int32_t>(i)), counts[i]);
  }
  const bool ascending = image.modality.kind == ModalityTransform::Kind::Identity ||
                         (image.modality.kind == ModalityTransform::Kind::Rescale && image.modality.slope > 0);
  if (ascending) return histogram;
  std::sort(histogram.begin(), histogram.end());
  return histogram;
}

double percentile(const std::vector<std::pair<double, std::uint64_t>>& histogram, std::uint64_t total,
                  double percent) {
  const auto target = static_cast<std::uint64_t>(std::clamp(percent, 0.0, 100.0) / 100.0 * static_cast<double>(total));
  std::uint64_t seen = 0;
  for (const auto& [value, count] : histogram) {
    seen += count;
    if (seen > target) return value;
  }
  return histogram.back().first;
}

// A LINEAR window that maps `low` to 0 and `high` to 255 exactly.
Window window_between(double low, double high, std::string explanation) {
  Window window;
  if (high < low) std::swap(low, high);
  window.width = std::max(high - low + 1.0, 1.0);
  window.center = (low + high + 1.0) / 2.0;
  window.function = VoiFunction::Linear;
  window.explanation = std::move(explanation);
  return window;
}

Window percentile_window(const DecodedImage& image, const std::vector<std::pair<double, std::uint64_t>>& histogram,
                         double low_percent, double high_percent, std::string explanation) {
  if (histogram.empty()) return window_between(0, 255, std::move(explanation));
  return window_between(percentile(histogram, image.stored.size(), low_percent),
                        percentile(histogram, image.stored.size(), high_percent), std::move(explanation));
}

// 8-bit unsigned pixels without a modality transform (PNG/JPEG, secondary captures) are already
// display values: show them as stored.
bool is_plain_8bit(const DecodedImage& image) {
  return image.bits_stored == 8 && !image.pixel_signed && image.modality.kind == ModalityTransform::Kind::Identity;
}

}  // namespace

Window auto_window(const DecodedImage& image, double low_percent, double high_percent) {
  return percentile_window(image, modality_histogram(image), low_percent, high_percent, "Auto");
}

Window full_range_window(const DecodedImage& image) {
  if (image.empty()) return window_between(0, 255, "Full range");
  return window_between(image.min_modality(), image.max_modality(), "Full range");
}

Window default_window(const DecodedImage& image) {
  if (!image.file_windows.empty()) return image.file_windows.front();
  if (is_plain_8bit(image)) return window_between(0, 255, "Stored values");
  return auto_window(image);
}

DisplaySettings default_display(const DecodedImage& image) {
  DisplaySettings settings;
  if (image.file_windows.empty() && !image.voi_luts.empty()) {
    settings.voi.kind = VoiSelection::Kind::Lut;
    settings.voi.lut_index = 0;
  } else {
    settings.voi.kind = VoiSelection::Kind::Window;
    settings.voi.window = default_window(image);
  }
  return settings;
}

std::vector<WindowPreset> window_presets(const DecodedImage& image) {
  std::vector<WindowPreset> presets;
  auto add_window = [&presets](std::string name, PresetOrigin origin, const Window& window) {
    WindowPreset preset;
    preset.name = std::move(name);
    preset.origin = origin;
    preset.voi.kind = VoiSelection::Kind::Window;
    preset.voi.window = window;
    presets.push_back(std::move(preset));
  };
  for (std::size_t i = 0; i < image.file_windows.size(); ++i) {
    const Window& window = image.file_windows[i];
    add_window(window.explanation.empty() ? "Window " + std::to_string(i + 1) + " (file)" : window.explanation,
               PresetOrigin::File, window);
  }
  for (std::size_t i = 0; i < image.voi_luts.size(); ++i) {
    WindowPreset preset;
    preset.name = "VOI LUT " + std::to_string(i + 1);
    if (!image.voi_luts[i].explanation.empty()) preset.name += ": " + image.voi_luts[i].explanation;
    preset.origin = PresetOrigin::VoiLutSequence;
    preset.voi.kind = VoiSelection::Kind::Lut;
    preset.voi.lut_index = static_cast<int>(i);
    presets.push_back(std::move(preset));
  }
  if (image.empty()) return presets;
  const auto histogram = modality_histogram(image);
  add_window("Auto", PresetOrigin::Auto, percentile_window(image, histogram, 0.5, 99.5, "Auto"));
  add_window("Full range", PresetOrigin::Auto, full_range_window(image));
  // Percentiles in displayed brightness: when the file inverts, dark on screen is high in value.
  const bool inverted = file_inverts(image);
  auto displayed = [inverted](double percent) { return inverted ? 100.0 - percent : percent; };
  auto chest = [&](const char* name, double dark_percent, double bright_percent) {
    add_window(name, PresetOrigin::Chest,
               percentile_window(image, histogram, displayed(dark_percent), displayed(bright_percent), name));
  };
  chest("Lung", 2.0, 60.0);
  chest("Mediastinum", 35.0, 99.0);
  chest("Bone", 60.0, 99.8);
  return presets;
}

}  // namespace anatomix::image
