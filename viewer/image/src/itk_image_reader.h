// PNG, JPEG and TIFF through ITK's ImageIO classes (used directly, so no IO factory registration
// is needed): 8- or 16-bit samples, gray or RGB(A) converted to gray.
#pragma once

#include <optional>
#include <string>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/image_decoder.h"

namespace anatomix::image {

// The format ITK recognises in this file (by content and extension), if any. Throws ImageError for a file
// that starts like JPEG but whose header libjpeg cannot read (see open_io in the .cpp).
std::optional<SourceFormat> itk_format_of(const std::string& path);

struct ItkImageInfo {
  SourceFormat format = SourceFormat::Png;
  int width = 0;
  int height = 0;
  int components = 1;
  int bits = 8;
};

// Reads only the header. Throws ImageError.
ItkImageInfo read_itk_image_info(const std::string& path);

// Reads the pixels. Throws ImageError / DecodeCancelled.
DecodedImage read_itk_image(const std::string& path, const DecodeOptions& options);

}  // namespace anatomix::image
