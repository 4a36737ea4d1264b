#include "anatomix/square_box.h"

#include <cmath>

namespace anatomix {

SquareBox square_box_from_cxcywh(float cx, float cy, float w, float h, int side) {
  const float scale = static_cast<float>(side);
  const float x1 = (cx - 0.5f * w) * scale, y1 = (cy - 0.5f * h) * scale;
  const float x2 = (cx + 0.5f * w) * scale, y2 = (cy + 0.5f * h) * scale;
  auto truncate = [](float v) { return static_cast<int>(std::trunc(v)); };
  return {truncate(x1), truncate(y1), truncate(x2), truncate(y2)};
}

SquareBox square_box_from_source(const LetterboxGeometry& letterbox, double x1, double y1, double x2, double y2) {
  auto round = [](double v) { return static_cast<int>(std::lround(v)); };
  return {round(letterbox.source_to_model_x(x1)), round(letterbox.source_to_model_y(y1)),
          round(letterbox.source_to_model_x(x2)), round(letterbox.source_to_model_y(y2))};
}

std::string format_box(const SquareBox& box) {
  return "(" + std::to_string(box.x1) + "," + std::to_string(box.y1) + "),(" + std::to_string(box.x2) + "," +
         std::to_string(box.y2) + ")";
}

std::string format_box_tag(const SquareBox& box) { return "<box>" + format_box(box) + "</box>"; }

}  // namespace anatomix
