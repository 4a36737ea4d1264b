#include "synth/square_box.h"

namespace anatomix::synth {

LetterboxGeometry model_square(int width, int height) { return LetterboxGeometry::compute(width, height, kModelSide); }

}  // namespace anatomix::synth
