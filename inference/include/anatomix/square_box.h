// A box of the model square as the model reads and writes it: integer pixels of the side x side square
// (anatomix/letterbox.h), written "(x1,y1),(x2,y2)" inside <box>...</box> in prompts, answers and the
// training data. Plain C++17 (no torch, no Qt).
//
// Two published rules make one: the engine's APM boxes are truncated toward zero, boxes of the stored image
// (the generator's truth, the user's regions) are rounded to the nearest integer through the letterbox.
#pragma once

#include <string>

#include "anatomix/letterbox.h"

namespace anatomix {

struct SquareBox {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

// An APM box (normalised cxcywh) as published: xyxy in float32, times the side, truncated toward zero,
// never clamped (box_ops.preprocess_bbox).
SquareBox square_box_from_cxcywh(float cx, float cy, float w, float h, int side);

// A box of the stored image (pixels, corners x1, y1, x2, y2) in the square of `letterbox`, each corner
// rounded half away from zero (MS-CXR style).
SquareBox square_box_from_source(const LetterboxGeometry& letterbox, double x1, double y1, double x2, double y2);

// "(x1,y1),(x2,y2)"
std::string format_box(const SquareBox& box);

// "<box>(x1,y1),(x2,y2)</box>"
std::string format_box_tag(const SquareBox& box);

}  // namespace anatomix
