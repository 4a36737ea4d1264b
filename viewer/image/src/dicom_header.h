// Reading the attributes of a loaded DICOM dataset into the plain records of dicom_attributes.h,
// shared by the decoder and the study scan.
#pragma once

#include <string>
#include <vector>

#include "anatomix/image/dicom_attributes.h"

class DcmFileFormat;
class DcmItem;
class DcmTagKey;

namespace anatomix::image {

struct DicomHeader {
  PatientAttributes patient;
  StudyAttributes study;
  SeriesAttributes series;
  InstanceAttributes instance;
  int samples_per_pixel = 1;
  int planar_configuration = 0;
  std::vector<std::string> notes;  // e.g. "Pixel Spacing is zero: unknown spacing"
};

// All values of a string-like element joined by '\', trimmed; "" when absent.
std::string dicom_string(DcmItem& item, const DcmTagKey& key);

// "PatientBirthDate" -> "Patient Birth Date", "DigitalXRayImageStorage" -> "Digital X Ray Image Storage".
std::string split_keyword(const std::string& keyword);

// Reads the header of a loaded file (meta header + dataset). Converts the dataset to UTF-8 when a
// Specific Character Set asks for another one (failures leave the bytes as they are).
DicomHeader read_dicom_header(DcmFileFormat& file);

// Throws ImageError when the object holds no image: no Rows/Columns, or an SOP class known to
// carry no pixels (SR, Presentation State, Key Object, Encapsulated PDF, ...).
void require_image_object(const std::string& path, const DicomHeader& header);

}  // namespace anatomix::image
