// An owned 8-bit grayscale image, row-major, y down, no padding (stride == width).
#pragma once

#include <cstdint>
#include <vector>

namespace anatomix::image {

struct Gray8Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width*height bytes, index y*width + x

  bool empty() const { return pixels.empty(); }
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

}  // namespace anatomix::image
