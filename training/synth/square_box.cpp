#include "synth/square_box.h"

#include <cmath>

namespace anatomix::synth {

LetterboxGeometry model_square(int width, int height) { return LetterboxGeometry::compute(width, height, kModelSide); }

SquareBox to_square(const LetterboxGeometry& letterbox, const Box& b) {
  return {int(std::lround(letterbox.source_to_model_x(b.x1))), int(std::lround(letterbox.source_to_model_y(b.y1))),
          int(std::lround(letterbox.source_to_model_x(b.x2))), int(std::lround(letterbox.source_to_model_y(b.y2)))};
}

std::string format_box(const SquareBox& b) {
  return "<box>(" + std::to_string(b.x1) + "," + std::to_string(b.y1) + "),(" + std::to_string(b.x2) + "," +
         std::to_string(b.y2) + ")</box>";
}

}  // namespace anatomix::synth
