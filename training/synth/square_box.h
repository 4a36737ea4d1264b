// Boxes of the published AnatomiX frame as the generator writes them (the published AnatomiX code): a box of
// the stored image through the project's letterbox (anatomix/letterbox.h) to the 1024 square, each corner
// rounded to the nearest integer (MS-CXR style), written as <box>(x1,y1),(x2,y2)</box>.
#pragma once

#include <string>

#include "anatomix/letterbox.h"
#include "synth/geometry.h"

namespace anatomix::synth {

constexpr int kModelSide = 1024;

// The letterbox of a stored width x height image to the 1024 square.
LetterboxGeometry model_square(int width, int height);

struct SquareBox {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

// `image` (stored-image pixels) in the square of `letterbox`, each corner rounded half away from zero.
SquareBox to_square(const LetterboxGeometry& letterbox, const Box& image);

std::string format_box(const SquareBox& box);  // "<box>(x1,y1),(x2,y2)</box>"

}  // namespace anatomix::synth
