// A decoded 2-D grayscale image: the stored pixel values of the first frame, row-major, y down,
// plus everything needed to turn them into modality and display values.
//
// Representation: stored values are kept as int32 (exact for every 1..16-bit signed or unsigned
// DICOM and for 8/16-bit PNG/JPEG/TIFF); the modality transform is kept beside them instead of
// being applied, so that a display LUT can be indexed by the stored value directly (fast) and
// pixel read-outs stay exact (modality_value_at). Memory: 4 bytes per pixel (100 MB at 5000x5000).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "anatomix/image/dicom_attributes.h"
#include "anatomix/image/lookup_tables.h"

namespace anatomix::image {

enum class SourceFormat { Dicom, Png, Jpeg, Tiff };
const char* source_format_name(SourceFormat format);  // "DICOM", "PNG", "JPEG", "TIFF"

struct DecodedImage {
  std::string path;                   // file it came from
  SourceFormat format = SourceFormat::Dicom;
  int width = 0;                      // columns
  int height = 0;                     // rows
  std::vector<std::int32_t> stored;   // width*height stored values, row-major (index y*width + x)
  // Smallest / largest value present in `stored`. decode_image sets them; code that assembles a
  // DecodedImage by hand must too: DisplayLut tables span this range (values outside are clamped).
  std::int32_t min_stored = 0;
  std::int32_t max_stored = 0;
  int bits_stored = 8;                // significant bits (8 for 8-bit PNG, 16 for 16-bit TIFF)
  bool pixel_signed = false;

  ModalityTransform modality;         // stored -> modality value
  std::vector<Window> file_windows;   // every Window Center/Width pair in the file, in file order
  std::vector<LookupTable> voi_luts;  // every VOI LUT Sequence item, in file order (input: modality values)
  VoiFunction file_voi_function = VoiFunction::Linear;  // (0028,1056), already set in file_windows
  PresentationShape presentation_shape = PresentationShape::Absent;
  bool monochrome1 = false;           // Photometric Interpretation MONOCHROME1: low values are white

  PatientAttributes patient;          // empty for non-DICOM files
  StudyAttributes study;
  SeriesAttributes series;
  InstanceAttributes instance;        // rows/columns/bits also filled for non-DICOM files

  // Things the user should know that are not errors, e.g. "RGB converted to gray (ITU-R BT.601)",
  // "3 frames, showing the first", "Pixel Spacing is zero: unknown spacing".
  std::vector<std::string> notes;

  bool empty() const { return stored.empty(); }
  std::int32_t stored_at(int x, int y) const { return stored[static_cast<std::size_t>(y) * width + x]; }
  double modality_value_at(int x, int y) const { return modality.apply(stored_at(x, y)); }
  // Range of modality values over [min_stored, max_stored] (a LUT need not be monotonic).
  double min_modality() const;
  double max_modality() const;
};

}  // namespace anatomix::image
