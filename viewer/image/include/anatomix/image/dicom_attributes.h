// Plain attribute records shared by the decoder (DecodedImage::attributes) and the study scan
// (StudyTree nodes). Values are the DICOM text as stored (trimmed), empty when absent; dates are
// "YYYYMMDD" and times "HHMMSS[.frac]" exactly as in the file, so the UI formats them.
// Patient identifiers in here must never be logged above debug level.
#pragma once

#include <optional>
#include <string>

namespace anatomix::image {

struct PatientAttributes {
  std::string name;       // (0010,0010) PN, '^' separators kept (e.g. "Doe^Jane")
  std::string id;         // (0010,0020)
  std::string birth_date;  // (0010,0030) YYYYMMDD
  std::string sex;        // (0010,0040) "M", "F", "O" or empty
};

struct StudyAttributes {
  std::string instance_uid;      // (0020,000D); for non-DICOM files a generated pseudo UID
  std::string date;             // (0008,0020) YYYYMMDD
  std::string time;             // (0008,0030)
  std::string description;      // (0008,1030)
  std::string accession_number;  // (0008,0050)
  std::string id;               // (0020,0010) Study ID
};

struct SeriesAttributes {
  std::string instance_uid;       // (0020,000E); for non-DICOM files a generated pseudo UID
  std::optional<int> number;     // (0020,0011)
  std::string description;       // (0008,103E)
  std::string modality;          // (0008,0060) "DX", "CR", "OT", ...; "PNG"/"JPEG"/"TIFF" for non-DICOM
  std::string body_part_examined;  // (0018,0015)
};

// Physical size of a pixel. DICOM gives row spacing (vertical, between row centres) first.
struct PixelSpacing {
  enum class Source {
    Unknown,              // missing, zero, negative or unparsable: the UI shows "unknown spacing"
    PixelSpacing,         // (0028,0030): calibrated in the patient plane
    ImagerPixelSpacing,   // (0018,1164): at the detector face (not corrected for magnification)
    NominalScanned,       // (0018,2010): scanned film / secondary capture
  };
  double row_mm = 0;     // distance between adjacent rows (y), millimetres; 0 when unknown
  double column_mm = 0;  // distance between adjacent columns (x), millimetres; 0 when unknown
  Source source = Source::Unknown;
  // Pixel Spacing Calibration Type (0028,0A02): "GEOMETRY" or "FIDUCIAL" when Pixel Spacing was
  // calibrated for the patient plane; empty when absent.
  std::string calibration_type;
  // Pixel Spacing was taken and equals Imager Pixel Spacing (0018,1164) with no calibration type.
  bool equals_imager_spacing = false;

  bool known() const { return source != Source::Unknown; }
  // True when lengths are at the detector face, not corrected for the radiographic magnification
  // (PS3.3 10.7.1.3, Pixel Spacing Calibration Macro): Imager Pixel Spacing was used, or Pixel
  // Spacing equals it without a calibration type. Lengths of objects in the patient are then
  // overstated by the magnification (typically 5-20 % for a chest film).
  bool at_detector() const {
    return source == Source::ImagerPixelSpacing ||
           (source == Source::PixelSpacing && calibration_type.empty() && equals_imager_spacing);
  }
  // "0.143 x 0.143 mm (Pixel Spacing)", "0.150 x 0.150 mm (Imager Pixel Spacing, at detector)"
  // or "unknown spacing".
  std::string describe() const;
};

struct InstanceAttributes {
  std::string sop_class_uid;          // (0008,0016)
  std::string sop_class_name;         // e.g. "Digital X Ray Image Storage For Presentation"
  std::string sop_instance_uid;       // (0008,0018)
  std::optional<int> instance_number;// (0020,0013)
  std::string transfer_syntax_uid;    // from the meta header ("" for non-DICOM)
  std::string transfer_syntax_name;   // e.g. "JPEG Lossless, Non-Hierarchical, First-Order Prediction"
  int rows = 0;                     // (0028,0010) height
  int columns = 0;                  // (0028,0011) width
  int number_of_frames = 1;           // (0028,0008); only the first frame is decoded
  std::string photometric_interpretation;  // (0028,0004) as stored ("MONOCHROME1", "RGB", ...)
  int bits_allocated = 0;            // (0028,0100)
  int bits_stored = 0;               // (0028,0101)
  int high_bit = 0;                  // (0028,0102)
  bool pixel_signed = false;         // (0028,0103) == 1
  std::string image_type;            // (0008,0008) e.g. "ORIGINAL\PRIMARY"
  std::string acquisition_date;      // (0008,0022)
  std::string content_date;          // (0008,0023)
  std::string content_time;          // (0008,0033)
  std::string manufacturer;         // (0008,0070)
  std::string institution_name;      // (0008,0080)
  // Patient Orientation (0020,0020): direction of increasing column index (along a row, x) and of
  // increasing row index (down a column, y), e.g. "L" and "F" for a PA chest. Empty when absent.
  std::string patient_orientation_row;
  std::string patient_orientation_column;
  std::string view_position;         // (0018,5101) "PA", "AP", "LL", ...
  std::string image_laterality;      // (0020,0062) "L", "R", "B", "U"
  std::string laterality;           // (0020,0060) series laterality
  PixelSpacing spacing;             // chosen spacing (Pixel Spacing before Imager Pixel Spacing)
  std::string derivation_description;// (0008,2111)
  std::string burned_in_annotation;   // (0028,0301) "YES"/"NO"
};

}  // namespace anatomix::image
