// Reading the grayscale transforms of a DICOM dataset (Rescale, Modality LUT Sequence, Window
// Center/Width, VOI LUT Sequence, VOI LUT Function, Presentation LUT Shape) into a DecodedImage.
#pragma once

#include <string>

#include "anatomix/image/decoded_image.h"

class DcmItem;

namespace anatomix::image {

// Fills image.modality, file_windows, voi_luts, file_voi_function and presentation_shape, adding
// notes for values that were present but unusable (zero slope, width < 1, broken LUT descriptor).
// Throws ImageError only for a Modality LUT that cannot be used (the pixels would be meaningless).
void read_grayscale_transforms(const std::string& path, DcmItem& dataset, DecodedImage& image);

}  // namespace anatomix::image
