// The model square of the generator's boxes (the published AnatomiX code): a box of the stored image goes
// through the project's letterbox (anatomix/letterbox.h) to the 1024 square, each corner rounded to the
// nearest integer (square_box_from_source in anatomix/square_box.h).
#pragma once

#include "anatomix/letterbox.h"
#include "anatomix/square_box.h"

namespace anatomix::synth {

constexpr int kModelSide = 1024;

// The letterbox of a stored width x height image to the 1024 square.
LetterboxGeometry model_square(int width, int height);

}  // namespace anatomix::synth
