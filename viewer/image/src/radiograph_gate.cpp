#include "anatomix/image/radiograph_gate.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

namespace anatomix::image {
namespace {

constexpr int kMinShortSide = 128;
constexpr double kMaxAspect = 1.8;
// Centre strip minus lung fields, in percent of the displayed range; below this: inverted.
constexpr double kMinCentreExcessPercent = -5.0;

std::string upper_trimmed(const std::string& text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto first = out.find_first_not_of(" \\");
  if (first == std::string::npos) return std::string();
  return out.substr(first, out.find_last_not_of(" \\") - first + 1);
}

GateResult refused(GateReason reason, const std::string& detail, const std::string& message) {
  return GateResult{reason, detail, message};
}

std::string modality_message(const std::string& modality) {
  if (modality == "CT") return "this looks like a CT slice (Modality CT)";
  if (modality == "MR") return "this looks like an MR image (Modality MR)";
  if (modality == "US") return "this looks like an ultrasound image (Modality US)";
  if (modality == "MG") return "this looks like a mammogram (Modality MG)";
  if (modality == "IO" || modality == "PX") return "this looks like a dental radiograph (Modality " + modality + ")";
  if (modality == "NM" || modality == "PT") return "this looks like a nuclear medicine image (Modality " + modality + ")";
  return "not a chest radiograph (Modality " + modality + ")";
}

// Mean displayed value (0..1, MONOCHROME1 inverted) over a fraction of the image on a grid.
struct Sampler {
  const DecodedImage& image;
  double low = 0, high = 1;
  double value(int x, int y) const {
    double v = (image.modality_value_at(x, y) - low) / std::max(1e-9, high - low);
    v = std::clamp(v, 0.0, 1.0);
    return image.monochrome1 ? 1.0 - v : v;
  }
  double mean(double x0, double x1, double y0, double y1) const {
    const int steps = 48;
    double sum = 0;
    int count = 0;
    for (int j = 0; j < steps; ++j) {
      const int y = static_cast<int>((y0 + (y1 - y0) * (j + 0.5) / steps) * image.height);
      for (int i = 0; i < steps; ++i) {
        const int x = static_cast<int>((x0 + (x1 - x0) * (i + 0.5) / steps) * image.width);
        sum += value(std::clamp(x, 0, image.width - 1), std::clamp(y, 0, image.height - 1));
        ++count;
      }
    }
    return sum / count;
  }
};

}  // namespace

GateResult check_frontal_chest_header(const DecodedImage& image) {
  if (image.format == SourceFormat::Dicom) {
    const std::string modality = upper_trimmed(image.series.modality);
    if (!modality.empty() && modality != "CR" && modality != "DX" && modality != "SC" && modality != "OT")
      return refused(GateReason::OtherModality, modality, modality_message(modality));
  }
  const std::string body_part = upper_trimmed(image.series.body_part_examined);
  if (!body_part.empty()) {
    bool chest = false;
    for (const char* word : {"CHEST", "THORAX", "LUNG", "HEART"}) chest = chest || body_part.find(word) != std::string::npos;
    if (!chest)
      return refused(GateReason::OtherBodyPart, body_part,
                     "not a chest radiograph (Body Part Examined " + body_part + ")");
  }
  const std::string view = upper_trimmed(image.instance.view_position);
  if (view == "LL" || view == "RL" || view == "LAT" || view == "LATERAL")
    return refused(GateReason::LateralView, view, "this looks like a lateral view (View Position " + view + ")");
  return GateResult{};
}

GateResult check_frontal_chest_radiograph(const DecodedImage& image) {
  GateResult header = check_frontal_chest_header(image);
  if (!header.accepted()) return header;

  char text[160];
  const int short_side = std::min(image.width, image.height), long_side = std::max(image.width, image.height);
  const double aspect = short_side > 0 ? static_cast<double>(long_side) / short_side : 0;
  if (short_side < kMinShortSide || aspect > kMaxAspect) {
    std::snprintf(text, sizeof text, "%d x %d pixels", image.width, image.height);
    return refused(GateReason::ImplausibleSize, text,
                   std::string("not a chest radiograph (") + text + (short_side < kMinShortSide ? ", too small)" : ", too elongated)"));
  }

  // The displayed range: 1st to 99th percentile of a sparse sample.
  std::vector<double> values;
  const int step = std::max(1, std::max(image.width, image.height) / 128);
  for (int y = 0; y < image.height; y += step)
    for (int x = 0; x < image.width; x += step) values.push_back(image.modality_value_at(x, y));
  std::sort(values.begin(), values.end());
  Sampler sampler{image, values[values.size() / 100], values[values.size() * 99 / 100]};
  if (!(sampler.high > sampler.low))
    return refused(GateReason::NoContrast, "blank", "not a chest radiograph (the image is blank)");

  const double centre = sampler.mean(0.45, 0.55, 0.30, 0.70);
  const double lungs = (sampler.mean(0.20, 0.35, 0.30, 0.70) + sampler.mean(0.65, 0.80, 0.30, 0.70)) / 2;
  const double excess = (centre - lungs) * 100;
  if (excess < kMinCentreExcessPercent) {
    std::snprintf(text, sizeof text, "centre %.0f %% darker than the lung fields", -excess);
    return refused(GateReason::InvertedPolarity, text,
                   std::string("not a frontal chest radiograph, or inverted (") + text + ")");
  }
  return GateResult{};
}

}  // namespace anatomix::image
