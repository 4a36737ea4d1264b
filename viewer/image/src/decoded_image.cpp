#include "anatomix/image/decoded_image.h"

#include <algorithm>

namespace anatomix::image {

const char* source_format_name(SourceFormat format) {
  switch (format) {
    case SourceFormat::Dicom: return "DICOM";
    case SourceFormat::Png: return "PNG";
    case SourceFormat::Jpeg: return "JPEG";
    case SourceFormat::Tiff: return "TIFF";
  }
  return "unknown";
}

double DecodedImage::min_modality() const {
  if (modality.kind != ModalityTransform::Kind::Lut) {
    return std::min(modality.apply(min_stored), modality.apply(max_stored));
  }
  double lowest = modality.apply(min_stored);
  for (std::int32_t value = min_stored; value <= max_stored; ++value) lowest = std::min(lowest, modality.apply(value));
  return lowest;
}

double DecodedImage::max_modality() const {
  if (modality.kind != ModalityTransform::Kind::Lut) {
    return std::max(modality.apply(min_stored), modality.apply(max_stored));
  }
  double highest = modality.apply(min_stored);
  for (std::int32_t value = min_stored; value <= max_stored; ++value) highest = std::max(highest, modality.apply(value));
  return highest;
}

}  // namespace anatomix::image
