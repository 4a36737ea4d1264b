// The published input preprocessing (the published AnatomiX code) and its exact inverse for boxes: the one
// letterbox of the project, for the engine, the trainer, the generator's boxes and the evaluator. Plain C++17
// (no torch, no Qt): 8-bit buffers in, 8-bit square out.
//
// Forward: zero-pad the short axis by (long-short)//2 pixels on EACH side (so an odd difference leaves
// the padded image one pixel short of square), then cv2.resize(INTER_LINEAR) to side x side. The model
// input is the resized 8-bit image divided by 255.
#pragma once

#include <cstdint>
#include <vector>

#include "anatomix/box.h"

namespace anatomix {

struct LetterboxGeometry {
  int source_width = 0, source_height = 0;  // original image
  int pad_x = 0, pad_y = 0;                 // zero columns left (and right) / rows top (and bottom)
  int padded_width = 0, padded_height = 0;  // after padding, before the resize
  int side = 0;                             // model square

  static LetterboxGeometry compute(int source_width, int source_height, int side);

  // Model-square pixel coordinates (the 0..side grid of <box> strings) -> original-image pixels, and back.
  // Coordinates are positions on the pixel grid (edges), not pixel centres.
  double model_to_source_x(double x) const;
  double model_to_source_y(double y) const;
  double source_to_model_x(double x) const;
  double source_to_model_y(double y) const;
  // A box of the model square (corners x1, y1, x2, y2) in original-image pixels: computed in double, rounded
  // once to the box's float.
  Box model_to_source(double x1, double y1, double x2, double y2) const;
};

// An 8-bit single-channel image, row-major, tightly packed.
struct Gray8 {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
};

// cv2.resize(src, (width, height), interpolation=INTER_LINEAR) for CV_8UC1, bit for bit (checked against
// opencv-python-headless 4.10): half-pixel centres, 11-bit fixed-point coefficients, OpenCV's SIMD
// vertical rounding, border rows mixed with themselves, and the switch to INTER_AREA for an exact 2x
// reduction.
Gray8 resize_bilinear_cv2(const std::uint8_t* pixels, int width, int height, int stride, int out_width,
                          int out_height);

// Pads and resizes as published. `stride` is bytes between rows (0: width).
Gray8 letterbox(const std::uint8_t* pixels, int width, int height, int stride, int side,
                LetterboxGeometry* geometry = nullptr);

}  // namespace anatomix
