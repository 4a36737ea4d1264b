#include "anatomix/box.h"

#include <algorithm>

namespace anatomix {

double box_area(const Box& box) {
  return std::max(0.0, double(box.x2) - box.x1) * std::max(0.0, double(box.y2) - box.y1);
}

Box box_intersection(const Box& a, const Box& b) {
  return Box{std::max(a.x1, b.x1), std::max(a.y1, b.y1), std::min(a.x2, b.x2), std::min(a.y2, b.y2)};
}

double box_iou(const Box& a, const Box& b) {
  const double intersection = box_area(box_intersection(a, b));
  const double union_area = box_area(a) + box_area(b) - intersection;
  return union_area > 0.0 ? intersection / union_area : 0.0;
}

double box_share_inside(const Box& box, const Box& a, const Box& b) {
  const double area = box_area(box);
  if (area <= 0.0) return 0.0;
  const Box in_a = box_intersection(box, a), in_b = box_intersection(box, b);
  const double inside = box_area(in_a) + box_area(in_b) - box_area(box_intersection(in_a, in_b));
  return std::clamp(inside / area, 0.0, 1.0);
}

}  // namespace anatomix
