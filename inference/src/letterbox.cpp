#include "anatomix/letterbox.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <stdexcept>
#include <string>

namespace anatomix {

namespace {

constexpr int kCoefBits = 11;  // OpenCV INTER_RESIZE_COEF_BITS
constexpr int kCoefScale = 1 << kCoefBits;

// Source index and the two fixed-point weights of one destination coordinate, as cv::resize computes
// them: the position is formed in double, rounded to float and floored; the weights are rounded to
// nearest-even shorts. Columns clamp index and fraction at the borders; rows keep the fraction and only
// clamp the two source rows they read (so a border row is mixed with itself).
struct Tap {
  int index;
  int weight0, weight1;
};

std::vector<Tap> linear_taps(int source_size, int destination_size, bool clamp_fraction) {
  const double inverse_scale = static_cast<double>(destination_size) / source_size;
  const double scale = 1.0 / inverse_scale;
  std::vector<Tap> taps(static_cast<size_t>(destination_size));
  for (int d = 0; d < destination_size; ++d) {
    float position = static_cast<float>((d + 0.5) * scale - 0.5);
    int index = static_cast<int>(std::floor(position));
    float fraction = position - static_cast<float>(index);
    if (clamp_fraction && index < 0) {
      index = 0;
      fraction = 0.f;
    }
    if (clamp_fraction && index >= source_size - 1) {
      index = source_size - 1;
      fraction = 0.f;
    }
    const float weight0 = 1.f - fraction;
    taps[static_cast<size_t>(d)] = {index, static_cast<int>(std::lrint(weight0 * kCoefScale)),
                                    static_cast<int>(std::lrint(fraction * kCoefScale))};
  }
  return taps;
}

std::uint8_t saturate_u8(int value) { return static_cast<std::uint8_t>(std::clamp(value, 0, 255)); }

// cv2's exact 2x reduction (INTER_AREA fast path): mean of each 2x2 block. The 16-wide SIMD body rounds
// half up; the scalar tail multiplies by 0.25f and rounds to nearest-even.
Gray8 reduce_by_two(const std::uint8_t* pixels, int stride, int out_width, int out_height) {
  Gray8 out{out_width, out_height, std::vector<std::uint8_t>(static_cast<size_t>(out_width) * out_height)};
  const int simd_end = out_width / 16 * 16;
  for (int y = 0; y < out_height; ++y) {
    const std::uint8_t* row0 = pixels + static_cast<size_t>(2 * y) * stride;
    const std::uint8_t* row1 = row0 + stride;
    std::uint8_t* destination = out.pixels.data() + static_cast<size_t>(y) * out_width;
    for (int x = 0; x < out_width; ++x) {
      const int sum = row0[2 * x] + row0[2 * x + 1] + row1[2 * x] + row1[2 * x + 1];
      destination[x] = x < simd_end ? saturate_u8((sum + 2) >> 2)
                                    : saturate_u8(static_cast<int>(std::lrint(sum * 0.25f)));
    }
  }
  return out;
}

}  // namespace

Gray8 resize_bilinear_cv2(const std::uint8_t* pixels, int width, int height, int stride, int out_width,
                          int out_height) {
  if (width <= 0 || height <= 0 || out_width <= 0 || out_height <= 0)
    throw std::invalid_argument("resize: image sizes must be positive");
  if (stride == 0) stride = width;
  const double scale_x = static_cast<double>(width) / out_width;
  const double scale_y = static_cast<double>(height) / out_height;
  if (std::abs(scale_x - 2.0) < DBL_EPSILON && std::abs(scale_y - 2.0) < DBL_EPSILON)
    return reduce_by_two(pixels, stride, out_width, out_height);

  const std::vector<Tap> columns = linear_taps(width, out_width, true);
  const std::vector<Tap> rows = linear_taps(height, out_height, false);

  // Horizontal pass of one source row into 2^11-scaled integers (exact in both cv2 code paths).
  auto horizontal = [&](int source_row, std::vector<int>& buffer) {
    const std::uint8_t* row = pixels + static_cast<size_t>(source_row) * stride;
    for (int x = 0; x < out_width; ++x) {
      const Tap& tap = columns[static_cast<size_t>(x)];
      const int next = std::min(tap.index + 1, width - 1);
      buffer[static_cast<size_t>(x)] = row[tap.index] * tap.weight0 + row[next] * tap.weight1;
    }
  };

  Gray8 out{out_width, out_height, std::vector<std::uint8_t>(static_cast<size_t>(out_width) * out_height)};
  std::vector<int> upper(static_cast<size_t>(out_width)), lower(static_cast<size_t>(out_width));
  int upper_row = -1, lower_row = -1;
  for (int y = 0; y < out_height; ++y) {
    const Tap& tap = rows[static_cast<size_t>(y)];
    const int row0 = std::clamp(tap.index, 0, height - 1), row1 = std::clamp(tap.index + 1, 0, height - 1);
    if (upper_row != row0) {
      if (lower_row == row0) {
        std::swap(upper, lower);
        std::swap(upper_row, lower_row);
      } else {
        horizontal(row0, upper);
        upper_row = row0;
      }
    }
    if (lower_row != row1) {
      horizontal(row1, lower);
      lower_row = row1;
    }
    std::uint8_t* destination = out.pixels.data() + static_cast<size_t>(y) * out_width;
    for (int x = 0; x < out_width; ++x) {
      const int s0 = upper[static_cast<size_t>(x)], s1 = lower[static_cast<size_t>(x)];
      // v_mul_hi on (S >> 4) with 16-bit weights, then (+2) >> 2: OpenCV's VResizeLinearVec_32s8u, which
      // cv2 4.10 applies to every column (checked against opencv-python-headless, engine.Letterbox tests).
      destination[x] = saturate_u8((((tap.weight0 * (s0 >> 4)) >> 16) + ((tap.weight1 * (s1 >> 4)) >> 16) + 2) >> 2);
    }
  }
  return out;
}

LetterboxGeometry LetterboxGeometry::compute(int source_width, int source_height, int side) {
  if (source_width <= 0 || source_height <= 0)
    throw std::invalid_argument("letterbox: the image is empty (" + std::to_string(source_width) + "x" +
                                std::to_string(source_height) + ")");
  if (side <= 0) throw std::invalid_argument("letterbox: the model side must be positive");
  LetterboxGeometry geometry;
  geometry.source_width = source_width;
  geometry.source_height = source_height;
  geometry.side = side;
  const int long_side = std::max(source_width, source_height);
  const int short_side = std::min(source_width, source_height);
  const int pad = (long_side - short_side) / 2;
  if (source_width < source_height)
    geometry.pad_x = pad;
  else
    geometry.pad_y = pad;
  geometry.padded_width = source_width + 2 * geometry.pad_x;
  geometry.padded_height = source_height + 2 * geometry.pad_y;
  return geometry;
}

double LetterboxGeometry::model_to_source_x(double x) const {
  return x * padded_width / side - pad_x;
}
double LetterboxGeometry::model_to_source_y(double y) const {
  return y * padded_height / side - pad_y;
}
double LetterboxGeometry::source_to_model_x(double x) const {
  return (x + pad_x) * side / padded_width;
}
double LetterboxGeometry::source_to_model_y(double y) const {
  return (y + pad_y) * side / padded_height;
}

Box LetterboxGeometry::model_to_source(double x1, double y1, double x2, double y2) const {
  return {static_cast<float>(model_to_source_x(x1)), static_cast<float>(model_to_source_y(y1)),
          static_cast<float>(model_to_source_x(x2)), static_cast<float>(model_to_source_y(y2))};
}

Gray8 letterbox(const std::uint8_t* pixels, int width, int height, int stride, int side,
                LetterboxGeometry* geometry_out) {
  if (!pixels) throw std::invalid_argument("letterbox: no pixel data");
  const LetterboxGeometry geometry = LetterboxGeometry::compute(width, height, side);
  if (stride == 0) stride = width;
  if (stride < width) throw std::invalid_argument("letterbox: row stride is smaller than the width");
  std::vector<std::uint8_t> padded(static_cast<size_t>(geometry.padded_width) * geometry.padded_height, 0);
  for (int y = 0; y < height; ++y)
    std::copy(pixels + static_cast<size_t>(y) * stride, pixels + static_cast<size_t>(y) * stride + width,
              padded.begin() + static_cast<size_t>(y + geometry.pad_y) * geometry.padded_width + geometry.pad_x);
  if (geometry_out) *geometry_out = geometry;
  return resize_bilinear_cv2(padded.data(), geometry.padded_width, geometry.padded_height,
                             geometry.padded_width, side, side);
}

}  // namespace anatomix
