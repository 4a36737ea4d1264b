// The check before the AI sees an image: only frontal chest radiographs go to the model. It reads
// what the header says and two properties of the pixels, and refuses with a reason a reader can
// act on ("this looks like a CT slice (Modality CT)"):
//   - Modality (0008,0060): CR and DX are radiographs; SC and OT (a secondary capture, e.g. a
//     scanned or exported radiograph) pass on to the other checks; any other modality is refused.
//     Non-DICOM files (PNG, JPEG, TIFF) have no modality and pass on.
//   - Body Part Examined (0018,0015): when present it must name the chest (CHEST, THORAX, LUNG,
//     HEART, with or without qualifiers such as "PORT CHEST").
//   - View Position (0018,5101): PA, AP or absent pass; lateral views (LL, RL, LAT, LATERAL) are
//     refused.
//   - Size: at least 128 pixels on the short side and no more than 1.8 times as long as wide (a
//     panoramic dental film is about 2:1).
//   - Contrast and polarity, on a sparse grid of the displayed values (MONOCHROME1 inverted): the
//     image must not be blank, and at mid-height the mediastinum and spine (centre strip) must not
//     be darker than the lung fields beside them, as they would be in an inverted image or in most
//     pictures that are not a frontal chest film.
// Headers can lie and files without headers say nothing, so passing is no proof; the reader can
// override a refusal per image. Qt-free; cheap enough for the GUI thread (about 20k samples).
#pragma once

#include <string>

#include "anatomix/image/decoded_image.h"

namespace anatomix::image {

enum class GateReason {
  Accepted,
  OtherModality,      // CT, MR, US, MG, dental (IO, PX), ... (the modality is in `detail`)
  OtherBodyPart,      // Body Part Examined names something else
  LateralView,        // View Position is lateral
  ImplausibleSize,    // too small or too elongated for a chest film
  NoContrast,         // blank image
  InvertedPolarity,   // centre darker than the lung fields
};

struct GateResult {
  GateReason reason = GateReason::Accepted;
  std::string detail;   // the header value or the measured figure behind the reason
  std::string message;  // for a reader, e.g. "this looks like a CT slice (Modality CT)"; "" when accepted
  bool accepted() const { return reason == GateReason::Accepted; }
};

// The checks above, in that order; the first that fails decides.
GateResult check_frontal_chest_radiograph(const DecodedImage& image);

// Only the header checks (modality, body part, view position).
GateResult check_frontal_chest_header(const DecodedImage& image);

}  // namespace anatomix::image
