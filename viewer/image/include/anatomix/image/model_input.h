// The 8-bit image handed to the AnatomiX engine, made as the published pipeline makes it
// (the published AnatomiX code; VinDr `read_xray`):
//  DICOM: modality transform, then VOI (VOI LUT Sequence first, as pydicom's apply_voi_lut prefers,
//         else the first window, else none), computed in floating point (no 8-bit rounding),
//         then MONOCHROME1 inversion (max - value), then min-max stretch to 0..255 truncated like
//         numpy's astype(uint8): floor((v - min) / (max - min) * 255). A constant image gives 0s.
//         Presentation LUT Shape is not applied (VinDr does not either).
//  8-bit PNG/JPEG/TIFF: pixels as stored (RGB -> gray with PIL's "L" weights, as PIL does).
//  16-bit PNG/TIFF: min-max stretch as for DICOM.
// Checked against pydicom running read_xray itself (tests/image/model_input_test.cpp), with two
// deliberate differences: the rescale / Modality LUT is applied before the window (read_xray
// windows raw stored values, which is only right for identity rescales, the VinDr case), and
// signed samples narrower than 16 bits are sign-extended (pydicom 2.3 does not).
// The engine letterboxes and resizes; this function does not.
#pragma once

#include <string>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/gray8_image.h"
#include "anatomix/image/image_decoder.h"

namespace anatomix::image {

// Decodes `path` and converts it. Throws ImageError / DecodeCancelled as decode_image does.
Gray8Image load_model_input(const std::string& path, const DecodeOptions& options = {});

// Converts an already decoded image.
Gray8Image to_model_input(const DecodedImage& image);

// True when the acquisition is stored mirrored: Patient Orientation's row direction points to the
// patient's right (e.g. R\F on a frontal chest), so the patient's left is on the image's left.
// The model never sees this (names follow the anatomy in the pixels, anatomix/laterality.h); it is
// for the laterality cross-check and for checking generated studies against their manifests.
bool is_mirrored_acquisition(const DecodedImage& image);

// `image` mirrored left-right.
Gray8Image mirrored(const Gray8Image& image);

}  // namespace anatomix::image
