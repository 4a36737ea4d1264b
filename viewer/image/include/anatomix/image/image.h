// Umbrella header of anatomix_image (viewer/image): Qt-free decoding of DICOM/PNG/JPEG/TIFF, the
// display pipeline, presets, the model input image, study scanning and DICOM tag listing.
// Link the CMake target `anatomix_image`. Namespace anatomix::image.
//
// Typical use (viewer):
//   DecodedImage image = decode_image(path, {progress, &cancel});          // worker thread
//   DisplaySettings settings = default_display(image);
//   DisplayLut lut(image, settings);                                       // per W/L change
//   render_display_region(image, lut, visible_rect, step, out, stride);    // per frame
// CLI / engine: Gray8Image input = load_model_input(path);
#pragma once

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/dicom_attributes.h"
#include "anatomix/image/display_lut.h"
#include "anatomix/image/gray8_image.h"
#include "anatomix/image/image_decoder.h"
#include "anatomix/image/image_error.h"
#include "anatomix/image/lookup_tables.h"
#include "anatomix/image/model_input.h"
#include "anatomix/image/study_scan.h"
#include "anatomix/image/tag_dump.h"
#include "anatomix/image/window_presets.h"
