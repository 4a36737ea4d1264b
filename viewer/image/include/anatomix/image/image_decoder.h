// Decoding a file into a DecodedImage. Plain C++, no Qt; safe to call from any thread and from
// several threads at once (codec registration happens once, internally). Running it off the GUI
// thread is the caller's job.
//
// Supported:
//  - DICOM (DX, CR, Secondary Capture, any other single-image grayscale or RGB object) with
//    MONOCHROME1/2 (and RGB / YBR_FULL / YBR_FULL_422 converted to gray, with a note), 1..16 bits
//    stored in 8 or 16 bits allocated, signed or unsigned; transfer syntaxes implicit/explicit
//    little endian, explicit big endian, deflated, RLE, JPEG baseline/extended/lossless, JPEG-LS
//    (lossless and near-lossless) through DCMTK's codecs, JPEG 2000 (lossless and lossy) through
//    OpenJPEG. Only the first frame of a multi-frame object is decoded.
//  - PNG, JPEG, TIFF through ITK, 8- or 16-bit gray; RGB(A) is converted to gray with a note.
// Refused with ImageError: truncated files, missing or short pixel data, non-image DICOM (SR, PR,
// ...), PALETTE COLOR, unsupported transfer syntaxes, 0 or absurd dimensions (see DecodeLimits),
// garbage. Each failure is also logged at error level (spdlog logger "image").
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/image_error.h"

namespace anatomix::image {

// Sizes above these are refused before any pixel memory is allocated.
struct DecodeLimits {
  int max_side = 16384;                      // pixels per side
  long long max_pixels = 150LL * 1000 * 1000;  // width * height (150 megapixels, 600 MB as int32)
};

struct DecodeOptions {
  // Called with the fraction done in [0,1], from the decoding thread, a handful of times per file.
  std::function<void(float)> progress;
  // Polled between stages and while converting rows; when set, decode_image throws DecodeCancelled.
  const std::atomic<bool>* cancel = nullptr;
  DecodeLimits limits;
};

// Decodes `path` (DICOM by content, else by extension/content through ITK). Throws ImageError
// naming the file and the problem, or DecodeCancelled.
DecodedImage decode_image(const std::string& path, const DecodeOptions& options = {});

// True if the file starts like DICOM Part 10 ("DICM" at offset 128) or parses as a raw DICOM
// dataset; reads only the first few hundred bytes.
bool looks_like_dicom(const std::string& path);

}  // namespace anatomix::image
