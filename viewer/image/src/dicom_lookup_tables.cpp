#include "dicom_lookup_tables.h"

#include <algorithm>
#include <cmath>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include "anatomix/image/image_error.h"
#include "dicom_header.h"

namespace anatomix::image {
namespace {

// LUT Descriptor values are US or SS depending on the pixel sign; read either as raw 16 bits.
bool descriptor_value(DcmItem& item, unsigned long position, std::uint16_t& value) {
  Uint16 unsigned_value = 0;
  if (item.findAndGetUint16(DCM_LUTDescriptor, unsigned_value, position).good()) {
    value = unsigned_value;
    return true;
  }
  Sint16 signed_value = 0;
  if (item.findAndGetSint16(DCM_LUTDescriptor, signed_value, position).good()) {
    value = static_cast<std::uint16_t>(signed_value);
    return true;
  }
  return false;
}

// Reads one LUT item; `signed_first` says whether the first mapped value is signed. Returns an
// empty string on success, else what is wrong.
std::string read_lut_item(DcmItem& item, bool signed_first, LookupTable& lut) {
  std::uint16_t count = 0, first = 0, bits = 0;
  if (!descriptor_value(item, 0, count) || !descriptor_value(item, 1, first) || !descriptor_value(item, 2, bits)) {
    return "LUT Descriptor is missing or has fewer than 3 values";
  }
  const std::size_t entries = count == 0 ? 65536 : count;
  if (bits < 1 || bits > 16) return "LUT Descriptor gives " + std::to_string(bits) + " bits per entry (1..16 allowed)";
  DcmElement* descriptor = nullptr;
  if (item.findAndGetElement(DCM_LUTDescriptor, descriptor).good() && descriptor->getVR() == EVR_SS) {
    signed_first = true;
  }
  lut.first_mapped = signed_first ? static_cast<std::int16_t>(first) : static_cast<int>(first);
  lut.bits_per_entry = bits;
  lut.explanation = dicom_string(item, DCM_LUTExplanation);

  const Uint16* words = nullptr;
  unsigned long word_count = 0;
  if (item.findAndGetUint16Array(DCM_LUTData, words, &word_count).bad() || words == nullptr || word_count == 0) {
    return "LUT Data is missing";
  }
  if (word_count == entries) {
    lut.entries.assign(words, words + entries);
  } else if (bits <= 8 && word_count * 2 >= entries) {
    // 8-bit entries packed two per 16-bit word (allowed for OW LUT Data), low byte first.
    lut.entries.resize(entries);
    for (std::size_t i = 0; i < entries; ++i) {
      lut.entries[i] = static_cast<std::uint16_t>((words[i / 2] >> (8 * (i % 2))) & 0xFF);
    }
  } else {
    return "LUT Data has " + std::to_string(word_count) + " entries, the descriptor says " + std::to_string(entries);
  }
  const std::uint32_t largest = (1u << bits) - 1;
  for (std::uint16_t& entry : lut.entries) entry = static_cast<std::uint16_t>(std::min<std::uint32_t>(entry, largest));
  return {};
}

VoiFunction read_voi_function(DcmItem& dataset, DecodedImage& image) {
  const std::string text = dicom_string(dataset, DCM_VOILUTFunction);
  if (text.empty() || text == "LINEAR") return VoiFunction::Linear;
  if (text == "LINEAR_EXACT") return VoiFunction::LinearExact;
  if (text == "SIGMOID") return VoiFunction::Sigmoid;
  image.notes.push_back("unknown VOI LUT Function '" + text + "': LINEAR used");
  return VoiFunction::Linear;
}

}  // namespace

void read_grayscale_transforms(const std::string& path, DcmItem& dataset, DecodedImage& image) {
  // Modality: a LUT Sequence wins over rescale (they must not both be present).
  DcmItem* modality_item = nullptr;
  if (dataset.findAndGetSequenceItem(DCM_ModalityLUTSequence, modality_item, 0).good() && modality_item != nullptr) {
    image.modality.kind = ModalityTransform::Kind::Lut;
    const std::string problem = read_lut_item(*modality_item, image.pixel_signed, image.modality.lut);
    if (!problem.empty()) throw ImageError(path, "Modality LUT Sequence cannot be used: " + problem);
    image.modality.rescale_type = dicom_string(*modality_item, DCM_ModalityLUTType);
  } else {
    Float64 slope = 1.0, intercept = 0.0;
    const bool has_slope = dataset.findAndGetFloat64(DCM_RescaleSlope, slope).good();
    const bool has_intercept = dataset.findAndGetFloat64(DCM_RescaleIntercept, intercept).good();
    if (has_slope && (slope == 0.0 || !std::isfinite(slope))) {
      image.notes.emplace_back("Rescale Slope is zero or invalid: ignored");
      slope = 1.0;
    }
    if (!std::isfinite(intercept)) intercept = 0.0;
    if ((has_slope || has_intercept) && (slope != 1.0 || intercept != 0.0)) {
      image.modality.kind = ModalityTransform::Kind::Rescale;
      image.modality.slope = slope;
      image.modality.intercept = intercept;
    }
    image.modality.rescale_type = dicom_string(dataset, DCM_RescaleType);
  }

  image.file_voi_function = read_voi_function(dataset, image);
  unsigned long window_count = 0;
  DcmElement* centers = nullptr;
  if (dataset.findAndGetElement(DCM_WindowCenter, centers).good() && centers != nullptr) {
    window_count = centers->getVM();
  }
  for (unsigned long i = 0; i < window_count; ++i) {
    Float64 center = 0, width = 0;
    if (dataset.findAndGetFloat64(DCM_WindowCenter, center, i).bad() ||
        dataset.findAndGetFloat64(DCM_WindowWidth, width, i).bad()) {
      image.notes.push_back("window " + std::to_string(i + 1) + " has no matching Window Width: ignored");
      continue;
    }
    const double smallest_width = image.file_voi_function == VoiFunction::Linear ? 1.0 : 0.0;
    if (!std::isfinite(center) || !std::isfinite(width) || width < smallest_width || width <= 0.0) {
      image.notes.push_back("window " + std::to_string(i + 1) + " has invalid width " + std::to_string(width) +
                            ": ignored");
      continue;
    }
    Window window;
    window.center = center;
    window.width = width;
    window.function = image.file_voi_function;
    OFString explanation;
    if (dataset.findAndGetOFString(DCM_WindowCenterWidthExplanation, explanation, i).good()) {
      window.explanation = explanation.c_str();
    }
    image.file_windows.push_back(window);
  }

  DcmSequenceOfItems* voi_sequence = nullptr;
  if (dataset.findAndGetSequence(DCM_VOILUTSequence, voi_sequence).good() && voi_sequence != nullptr) {
    // The VOI LUT input is the modality output; an US descriptor is read as signed only when the
    // pixels are signed (an SS descriptor always is).
    const bool signed_input = image.pixel_signed;
    for (unsigned long i = 0; i < voi_sequence->card(); ++i) {
      LookupTable lut;
      const std::string problem = read_lut_item(*voi_sequence->getItem(i), signed_input, lut);
      if (!problem.empty()) {
        image.notes.push_back("VOI LUT " + std::to_string(i + 1) + " ignored: " + problem);
        continue;
      }
      image.voi_luts.push_back(std::move(lut));
    }
  }

  const std::string shape = dicom_string(dataset, DCM_PresentationLUTShape);
  if (shape == "IDENTITY") image.presentation_shape = PresentationShape::Identity;
  else if (shape == "INVERSE") image.presentation_shape = PresentationShape::Inverse;
  else if (!shape.empty()) image.notes.push_back("unknown Presentation LUT Shape '" + shape + "': ignored");
}

}  // namespace anatomix::image
