// Small helpers shared by the DICOM, JPEG 2000 and ITK decoding paths.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/image_decoder.h"

namespace anatomix::image {

// Refuses 0 or absurd sizes before anything is allocated.
void check_dimensions(const std::string& path, long long width, long long height, const DecodeLimits& limits);

inline void check_cancel(const std::string& path, const DecodeOptions& options) {
  if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) throw DecodeCancelled(path);
}

inline void report_progress(const DecodeOptions& options, float fraction) {
  if (options.progress) options.progress(std::clamp(fraction, 0.0f, 1.0f));
}

// Luma with PIL's "L" conversion weights and rounding (ITU-R 601-2: 299/587/114 per mille), so
// model inputs from RGB files match what the published Python pipeline saw.
inline std::int32_t luma_from_rgb(std::int64_t red, std::int64_t green, std::int64_t blue) {
  return static_cast<std::int32_t>((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16);
}

// Sets min_stored / max_stored from `stored`.
void update_stored_range(DecodedImage& image);

// The true [min, max] of image.stored, for code that indexes tables by stored value and must not
// trust min_stored/max_stored of an image assembled by hand.
struct StoredRange {
  std::int32_t min = 0;
  std::int32_t max = 0;
  std::size_t size() const { return static_cast<std::size_t>(static_cast<std::int64_t>(max) - min + 1); }
};
StoredRange actual_stored_range(const DecodedImage& image);

}  // namespace anatomix::image
