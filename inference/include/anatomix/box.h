// The project's one axis-aligned box and its overlap, for the engine, the generator, the evaluator, the
// metrics and the workstation. Plain C++17 (no torch, no Qt).
//
// A box is (x1, y1) top-left to (x2, y2) bottom-right in one pixel space, x to the right and y down; x1 <= x2
// and y1 <= y2 when well formed. Coordinates are positions on the pixel grid (edges), so a box from 0 to 10
// covers ten pixels.
#pragma once

namespace anatomix {

struct Box {
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

// Width times height; 0 for a malformed box (x2 < x1 or y2 < y1). Computed in double.
double box_area(const Box& box);

// Intersection over union in [0, 1], computed in double. Boxes that only touch, or do not meet, give 0; a
// malformed box has no area (torchvision would give it a negative one and could yield NaN); an empty union
// (two zero-area boxes) gives 0.
double box_iou(const Box& a, const Box& b);

// The overlap of two boxes; a malformed box (zero area) when they do not meet.
Box box_intersection(const Box& a, const Box& b);

// The share of `box`'s area that lies inside the union of `a` and `b`, in [0, 1]; 0 for a box without area.
double box_share_inside(const Box& box, const Box& a, const Box& b);

}  // namespace anatomix
