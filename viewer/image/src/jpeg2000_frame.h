// Decoding one JPEG 2000 codestream (raw J2K or JP2) with OpenJPEG, for DICOM transfer syntaxes
// 1.2.840.10008.1.2.4.90/.91, which Debian's DCMTK cannot decode.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace anatomix::image {

struct Jpeg2000Frame {
  int width = 0;
  int height = 0;
  int components = 0;   // 1 (gray) or 3 (colour; OpenJPEG has already undone the RCT/ICT)
  int precision = 0;    // bits per sample of component 0
  bool is_signed = false;
  std::vector<std::vector<std::int32_t>> planes;  // one width*height plane per component
};

// Throws ImageError naming `path` if the codestream is corrupt or not JPEG 2000.
Jpeg2000Frame decode_jpeg2000(const std::string& path, const std::uint8_t* data, std::size_t size);

}  // namespace anatomix::image
