#include "anatomix/image/dicom_attributes.h"

#include <cstdio>

namespace anatomix::image {

std::string PixelSpacing::describe() const {
  const char* origin = "";
  switch (source) {
    case Source::Unknown: return "unknown spacing";
    case Source::PixelSpacing:
      origin = at_detector() ? "Pixel Spacing, at detector" : "Pixel Spacing";
      break;
    case Source::ImagerPixelSpacing: origin = "Imager Pixel Spacing, at detector"; break;
    case Source::NominalScanned: origin = "Nominal Scanned Pixel Spacing"; break;
  }
  char text[128];
  std::snprintf(text, sizeof text, "%.3f x %.3f mm (%s)", row_mm, column_mm, origin);
  return text;
}

}  // namespace anatomix::image
