#include "test_images.h"

#include <algorithm>
#include <cmath>

namespace anatomix::viewer::testing {
namespace {

std::shared_ptr<image::DecodedImage> blank(int width, int height) {
  auto image = std::make_shared<image::DecodedImage>();
  image->path = "in-memory test image";
  image->width = width;
  image->height = height;
  image->bits_stored = 12;
  image->stored.assign(static_cast<std::size_t>(width) * height, 0);
  image->instance.rows = height;
  image->instance.columns = width;
  image->instance.view_position = "PA";
  image->series.modality = "DX";
  return image;
}

void finish(image::DecodedImage& image) {
  const auto [low, high] = std::minmax_element(image.stored.begin(), image.stored.end());
  image.min_stored = *low;
  image.max_stored = *high;
}

}  // namespace

std::shared_ptr<image::DecodedImage> makeQuadrantImage(int width, int height, std::array<int, 4> values,
                                                       double windowCenter, double windowWidth) {
  auto image = blank(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      image->stored[static_cast<std::size_t>(y) * width + x] = values[(y >= height / 2 ? 2 : 0) + (x >= width / 2 ? 1 : 0)];
  image::Window window;
  window.center = windowCenter;
  window.width = windowWidth;
  image->file_windows.push_back(window);
  finish(*image);
  return image;
}

std::shared_ptr<image::DecodedImage> makeBlobImage(int width, int height, int background, QRect blobPx, int blob) {
  auto image = blank(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      image->stored[static_cast<std::size_t>(y) * width + x] = blobPx.contains(x, y) ? blob : background;
  image::Window window;
  window.center = (background + blob) / 2.0;
  window.width = std::abs(blob - background) + 1.0;
  image->file_windows.push_back(window);
  finish(*image);
  return image;
}

int expectedGrey(double value, double center, double width) {
  if (value <= center - 0.5 - (width - 1) / 2) return 0;
  if (value > center - 0.5 + (width - 1) / 2) return 255;
  return static_cast<int>(std::lround(((value - (center - 0.5)) / (width - 1) + 0.5) * 255.0));
}

double meanRed(const QImage& frame, QPoint centre, int radius) {
  double sum = 0;
  int count = 0;
  for (int y = centre.y() - radius; y <= centre.y() + radius; ++y)
    for (int x = centre.x() - radius; x <= centre.x() + radius; ++x) {
      if (!frame.rect().contains(x, y)) continue;
      sum += qRed(frame.pixel(x, y));
      ++count;
    }
  return count ? sum / count : -1;
}

}  // namespace anatomix::viewer::testing
