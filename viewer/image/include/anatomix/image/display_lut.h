// The display pipeline: stored value -> modality transform -> VOI (window or VOI LUT) ->
// presentation (MONOCHROME1 / Presentation LUT Shape INVERSE / user invert) -> 8-bit.
//
// All steps are folded into one table indexed by the stored value over [min_stored, max_stored]
// of the image (at most 98304 entries for 16-bit data), so mapping costs one load per pixel:
// build a DisplayLut once per window/level change, then render the full image, a sub-rectangle,
// or a decimated grid at screen resolution. The table is immutable once built; render functions
// may run on any thread.
//
// Rules (PS3.3 C.11): VOI is applied to modality values; the 8-bit output is the DICOM VOI output
// with y_min = 0, y_max = 255, rounded to nearest. A VOI LUT's entries are scaled from
// bits_per_entry to 8 bits (round(e * 255 / (2^bits - 1))). Inversion happens after VOI.
// Polarity (file_inverts): a Presentation LUT Shape in the file decides alone (INVERSE inverts,
// IDENTITY does not: PS3.3 C.11.6.1, and DX/CR MONOCHROME1 files carry INVERSE); without one,
// MONOCHROME1 inverts. dcmj2pnm behaves the same. DisplaySettings::invert flips that again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/gray8_image.h"
#include "anatomix/image/lookup_tables.h"

namespace anatomix::image {

// Which VOI transform to apply.
struct VoiSelection {
  enum class Kind {
    Window,  // `window` (a file preset, a built-in one, or the user's drag)
    Lut,     // DecodedImage::voi_luts[lut_index]
    None,    // modality values clamped into 0..255 (mostly for 8-bit PNG/JPEG)
  };
  Kind kind = Kind::Window;
  Window window;
  int lut_index = 0;
};

struct DisplaySettings {
  VoiSelection voi;
  bool invert = false;  // user's invert, applied on top of what the file asks for
};

// VOI output of one modality value `x` for `window`, in [0, y_max], not rounded (PS3.3 C.11.2.1.2).
double window_output(const Window& window, double x, double y_max = 255.0);

// True if the file itself asks for black/white to be swapped (see "Polarity" above).
bool file_inverts(const DecodedImage& image);

class DisplayLut {
 public:
  DisplayLut() = default;
  // Throws ImageError if settings.voi selects a VOI LUT index that the image does not have.
  DisplayLut(const DecodedImage& image, const DisplaySettings& settings);

  // Display value of a stored value; values outside [first, last] are clamped.
  std::uint8_t map(std::int32_t stored) const {
    std::int64_t index = static_cast<std::int64_t>(stored) - first_stored_;
    if (index < 0) index = 0;
    if (index >= static_cast<std::int64_t>(table_.size())) index = static_cast<std::int64_t>(table_.size()) - 1;
    return table_[static_cast<std::size_t>(index)];
  }
  std::int32_t first_stored() const { return first_stored_; }
  const std::vector<std::uint8_t>& table() const { return table_; }  // entry i is stored value first+i
  bool empty() const { return table_.empty(); }

 private:
  std::int32_t first_stored_ = 0;
  std::vector<std::uint8_t> table_;
};

// Source rectangle in image pixels; clipped to the image by the render functions.
struct PixelRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

// Maps the whole image, on the calling thread.
Gray8Image render_display(const DecodedImage& image, const DisplayLut& lut);

// Maps `source` (clipped to the image) sampling every `step`-th pixel in x and y (step >= 1;
// nearest, no averaging), i.e. output pixel (i, j) is image pixel (x + i*step, y + j*step).
// The output has ceil(w/step) x ceil(h/step) pixels.
Gray8Image render_display_region(const DecodedImage& image, const DisplayLut& lut, PixelRect source,
                                 int step = 1);
// Same, into a caller buffer with `out_stride` bytes per row (at least ceil(w/step) bytes, and
// ceil(h/step) rows). Returns the output size written.
PixelRect render_display_region(const DecodedImage& image, const DisplayLut& lut, PixelRect source, int step,
                                std::uint8_t* out, std::size_t out_stride);

// Maps `source` (may extend outside the image: those pixels are 0) resampled with nearest
// neighbour to out_width x out_height, for arbitrary zoom factors. out_stride in bytes.
void render_display_resampled(const DecodedImage& image, const DisplayLut& lut, double source_x, double source_y,
                              double source_width, double source_height, int out_width, int out_height,
                              std::uint8_t* out, std::size_t out_stride);

}  // namespace anatomix::image
