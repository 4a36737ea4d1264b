// Writes an 8-bit RGB image as PNG (ITK's PNG writer), e.g. the CLI's quick-look overlays.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace anatomix::image {

struct Rgb8Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width*height*3 bytes, row-major, y down

  void set(int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    std::uint8_t* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 3];
    p[0] = r, p[1] = g, p[2] = b;
  }
};

// Throws ImageError naming the file when it cannot be written.
void write_rgb_png(const std::string& path, const Rgb8Image& image);

}  // namespace anatomix::image
