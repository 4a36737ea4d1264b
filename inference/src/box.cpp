#include "anatomix/box.h"

#include <algorithm>

namespace anatomix {

double box_area(const Box& box) {
  return std::max(0.0, double(box.x2) - box.x1) * std::max(0.0, double(box.y2) - box.y1);
}

double box_iou(const Box& a, const Box& b) {
  const double width = std::min(double(a.x2), double(b.x2)) - std::max(double(a.x1), double(b.x1));
  const double height = std::min(double(a.y2), double(b.y2)) - std::max(double(a.y1), double(b.y1));
  const double intersection = std::max(0.0, width) * std::max(0.0, height);
  const double union_area = box_area(a) + box_area(b) - intersection;
  return union_area > 0.0 ? intersection / union_area : 0.0;
}

}  // namespace anatomix
