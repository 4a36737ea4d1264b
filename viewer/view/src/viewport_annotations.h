// Texts of the four viewport corners (private): patient and study at the top, window/level and
// zoom at the bottom left, size, spacing and orientation state at the bottom right.
// Patient names appear on screen only; callers never log these texts above debug level.
#pragma once

#include <array>

#include <QString>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/display_lut.h"

namespace anatomix::viewer {

class PresentationTransform;

// Lower-left, lower-right, upper-left, upper-right (VtkFrameRenderer::Corner order). The upper corners' lines
// are cut to what a viewport `viewportWidth` pixels wide holds beside the centred top orientation label.
std::array<QString, 4> cornerTexts(const image::DecodedImage& image, const image::DisplaySettings& display,
                                   const PresentationTransform& transform, int viewportWidth);

}  // namespace anatomix::viewer
