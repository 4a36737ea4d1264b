// In-memory test images for the viewport suites (no files needed: the viewport takes decoded
// images). Values are stored values with an identity modality transform, 12 bits, unsigned.
#pragma once

#include <array>
#include <memory>

#include <QImage>
#include <QRect>

#include "anatomix/image/decoded_image.h"

namespace anatomix::viewer::testing {

// Four quadrants (top-left, top-right, bottom-left, bottom-right) with the given values and one
// file window (centre, width). View position PA.
std::shared_ptr<image::DecodedImage> makeQuadrantImage(int width, int height, std::array<int, 4> values,
                                                       double windowCenter, double windowWidth);

// A dark background with one bright rectangle ("blob") at `blobPx`.
std::shared_ptr<image::DecodedImage> makeBlobImage(int width, int height, int background, QRect blobPx, int blob);

// The DICOM linear VOI (PS3.3 C.11.2.1.2) written out here independently, rounded to 0..255.
int expectedGrey(double value, double center, double width);

// Mean red channel in a small square around `centre` of `frame`.
double meanRed(const QImage& frame, QPoint centre, int radius = 2);

}  // namespace anatomix::viewer::testing
