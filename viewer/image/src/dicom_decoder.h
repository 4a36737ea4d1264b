// The DICOM pixel path: DCMTK reads the file and decompresses (JPEG, JPEG-LS, RLE, deflate);
// JPEG 2000 frames go through OpenJPEG; the first frame's samples are unpacked into stored values.
#pragma once

#include <string>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/image_decoder.h"

namespace anatomix::image {

DecodedImage decode_dicom(const std::string& path, const DecodeOptions& options);

}  // namespace anatomix::image
