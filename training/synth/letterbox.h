// The published AnatomiX frame: zero-pad the short side by (long-short)//2 on each side, then resize
// to 1024x1024 (the published AnatomiX code). Boxes in that frame are integers written as
// <box>(x1,y1),(x2,y2)</box>.
#pragma once

#include <array>
#include <string>

#include "synth/geometry.h"

namespace anatomix::synth {

constexpr int kModelSide = 1024;

struct SquareBox {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

class Letterbox {
 public:
  Letterbox(int width, int height);
  Point to_square(Point image) const;   // continuous, pixel edges map to pixel edges
  SquareBox to_square(const Box& image) const;  // rounded to the nearest integer (MS-CXR style)
  int pad_x() const { return pad_x_; }
  int pad_y() const { return pad_y_; }

 private:
  int pad_x_ = 0, pad_y_ = 0;
  double scale_x_ = 1, scale_y_ = 1;
};

std::string format_box(const SquareBox& box);  // "<box>(x1,y1),(x2,y2)</box>"

}  // namespace anatomix::synth
