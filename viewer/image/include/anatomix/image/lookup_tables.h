// The grayscale transforms a DICOM file carries, as plain values: the modality transform
// (stored value -> modality value), VOI windows and VOI LUTs (modality value -> display value) and
// the Presentation LUT Shape. They are applied by DisplayLut (display_lut.h).
// Reference: DICOM PS3.3 C.11.1 (Modality LUT), C.11.2 (VOI LUT), C.11.6 (Presentation LUT).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace anatomix::image {

// A LUT as in a DICOM LUT Sequence item: `entries[i]` is the output for input
// `first_mapped + i`; inputs below/above the table map to the first/last entry (PS3.3 C.11.1.1).
struct LookupTable {
  int first_mapped = 0;            // LUT Descriptor value 2 (signed when the pixels are signed)
  int bits_per_entry = 16;         // LUT Descriptor value 3 (8..16)
  std::vector<std::uint16_t> entries;  // LUT Data; size = LUT Descriptor value 1 (0 means 65536)
  std::string explanation;         // LUT Explanation (0028,3003)

  std::uint16_t lookup(int input) const {
    if (entries.empty()) return 0;
    long index = static_cast<long>(input) - first_mapped;
    if (index < 0) index = 0;
    if (index >= static_cast<long>(entries.size())) index = static_cast<long>(entries.size()) - 1;
    return entries[static_cast<std::size_t>(index)];
  }
};

// Stored pixel value -> modality value (e.g. HU, optical density, or just "P-values to be").
struct ModalityTransform {
  enum class Kind {
    Identity,  // no Rescale and no Modality LUT Sequence (also every PNG/JPEG/TIFF)
    Rescale,   // Rescale Slope (0028,1053) / Intercept (0028,1052)
    Lut,       // Modality LUT Sequence (0028,3000), first item
  };
  Kind kind = Kind::Identity;
  double slope = 1.0;       // Rescale only
  double intercept = 0.0;   // Rescale only
  std::string rescale_type; // (0028,1054) e.g. "US", "OD", "HU"; may be empty
  LookupTable lut;          // Lut only

  double apply(int stored) const {
    switch (kind) {
      case Kind::Rescale: return stored * slope + intercept;
      case Kind::Lut: return lut.lookup(stored);
      case Kind::Identity: break;
    }
    return stored;
  }
};

// VOI LUT Function (0028,1056), PS3.3 C.11.2.1.2-3.
enum class VoiFunction { Linear, LinearExact, Sigmoid };

// A window centre/width pair in modality units. For Linear the DICOM rule needs width >= 1; for
// LinearExact and Sigmoid width > 0.
struct Window {
  double center = 0;
  double width = 1;
  VoiFunction function = VoiFunction::Linear;
  std::string explanation;  // Window Center & Width Explanation (0028,1055) or a preset name

  bool operator==(const Window& other) const {
    return center == other.center && width == other.width && function == other.function;
  }
};

// Presentation LUT Shape (2050,0020).
enum class PresentationShape { Absent, Identity, Inverse };

}  // namespace anatomix::image
