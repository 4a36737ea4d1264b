#include "anatomix/image/image_decoder.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>

#include "decode_support.h"
#include "dicom_decoder.h"
#include "image_log.h"
#include "itk_image_reader.h"

namespace anatomix::image {
namespace {

enum class Detected { DicomPart10, DicomRaw, Other, Unreadable };

// DICOM Part 10 has "DICM" at byte 128; a raw dataset (no preamble) starts with a little endian
// tag of group 0002, 0004 or 0008.
Detected detect(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Detected::Unreadable;
  char head[132] = {};
  in.read(head, sizeof head);
  const std::streamsize got = in.gcount();
  if (got == sizeof head && std::memcmp(head + 128, "DICM", 4) == 0) return Detected::DicomPart10;
  if (got >= 8) {
    const unsigned group = static_cast<unsigned char>(head[0]) | (static_cast<unsigned char>(head[1]) << 8);
    if (group == 0x0002 || group == 0x0004 || group == 0x0008) return Detected::DicomRaw;
  }
  return Detected::Other;
}

}  // namespace

void check_dimensions(const std::string& path, long long width, long long height, const DecodeLimits& limits) {
  if (width <= 0 || height <= 0) {
    throw ImageError(path, "image has zero size (" + std::to_string(width) + "x" + std::to_string(height) + ")");
  }
  if (width > limits.max_side || height > limits.max_side || width * height > limits.max_pixels) {
    throw ImageError(path, "image is " + std::to_string(width) + "x" + std::to_string(height) +
                               " pixels, larger than this viewer accepts (at most " +
                               std::to_string(limits.max_side) + " per side and " +
                               std::to_string(limits.max_pixels / 1000000) + " megapixels)");
  }
}

void update_stored_range(DecodedImage& image) {
  if (image.stored.empty()) return;
  const auto [lowest, highest] = std::minmax_element(image.stored.begin(), image.stored.end());
  image.min_stored = *lowest;
  image.max_stored = *highest;
}

StoredRange actual_stored_range(const DecodedImage& image) {
  if (image.stored.empty()) return {};
  const auto [lowest, highest] = std::minmax_element(image.stored.begin(), image.stored.end());
  return StoredRange{*lowest, *highest};
}

bool looks_like_dicom(const std::string& path) {
  const Detected detected = detect(path);
  return detected == Detected::DicomPart10 || detected == Detected::DicomRaw;
}

namespace {

DecodedImage decode_by_content(const std::string& path, const DecodeOptions& options) {
  switch (detect(path)) {
    case Detected::Unreadable: throw ImageError(path, "file cannot be opened");
    case Detected::DicomPart10:
    case Detected::DicomRaw: return decode_dicom(path, options);
    case Detected::Other: break;
  }
  if (itk_format_of(path)) return read_itk_image(path, options);
  throw ImageError(path, "not a DICOM, PNG, JPEG or TIFF file");
}

}  // namespace

DecodedImage decode_image(const std::string& path, const DecodeOptions& options) {
  try {
    const auto start = std::chrono::steady_clock::now();
    DecodedImage image = decode_by_content(path, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // No patient attributes here: info level must stay free of identifiers.
    image_log().info("decode_image: {} {}x{} {} bits{} in {:.0f} ms", source_format_name(image.format), image.width,
                     image.height, image.bits_stored,
                     image.instance.transfer_syntax_name.empty() ? "" : ", " + image.instance.transfer_syntax_name,
                     seconds * 1000);
    return image;
  } catch (const ImageError& error) {
    image_log().error("decode_image: {}", error.what());
    throw;
  } catch (const std::bad_alloc&) {
    image_log().error("decode_image: {}: out of memory", path);
    throw ImageError(path, "not enough memory to decode this image");
  }
}

}  // namespace anatomix::image
