#include "synth/letterbox.h"

#include <cmath>

namespace anatomix::synth {

Letterbox::Letterbox(int width, int height) {
  const int pad = (std::abs(width - height)) / 2;
  pad_x_ = width < height ? pad : 0;
  pad_y_ = height < width ? pad : 0;
  // The padded image is resized independently along each axis (cv2.resize to 1024x1024), so an odd
  // difference leaves the two scales slightly unequal.
  scale_x_ = double(kModelSide) / (width + 2 * pad_x_);
  scale_y_ = double(kModelSide) / (height + 2 * pad_y_);
}

Point Letterbox::to_square(Point p) const { return {(p.x + pad_x_) * scale_x_, (p.y + pad_y_) * scale_y_}; }

SquareBox Letterbox::to_square(const Box& b) const {
  const Point a = to_square(Point{b.x1, b.y1}), c = to_square(Point{b.x2, b.y2});
  return {int(std::lround(a.x)), int(std::lround(a.y)), int(std::lround(c.x)), int(std::lround(c.y))};
}

std::string format_box(const SquareBox& b) {
  return "<box>(" + std::to_string(b.x1) + "," + std::to_string(b.y1) + "),(" + std::to_string(b.x2) + "," +
         std::to_string(b.y2) + ")</box>";
}

}  // namespace anatomix::synth
