#include "dicom_header.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include "anatomix/image/image_error.h"
#include "anatomix/image/non_image_object.h"

namespace anatomix::image {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::optional<int> dicom_int(DcmItem& item, const DcmTagKey& key) {
  const std::string text = dicom_string(item, key);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str()) return std::nullopt;
  return static_cast<int>(value);
}

int dicom_us(DcmItem& item, const DcmTagKey& key, int fallback) {
  Uint16 value = 0;
  if (item.findAndGetUint16(key, value).good()) return value;
  return fallback;
}

// A positive spacing pair from a DS element with two values, or nothing.
bool read_spacing_pair(DcmItem& item, const DcmTagKey& key, double& row_mm, double& column_mm, bool& present) {
  Float64 row = 0, column = 0;
  present = item.tagExistsWithValue(key);
  if (!present) return false;
  if (item.findAndGetFloat64(key, row, 0).bad()) return false;
  if (item.findAndGetFloat64(key, column, 1).bad()) column = row;  // tolerate a single value
  if (!(row > 0) || !(column > 0)) return false;
  row_mm = row;
  column_mm = column;
  return true;
}

PixelSpacing read_spacing(DcmItem& item, std::vector<std::string>& notes) {
  struct Candidate {
    DcmTagKey key;
    PixelSpacing::Source source;
    const char* name;
  };
  const Candidate candidates[] = {
      {DCM_PixelSpacing, PixelSpacing::Source::PixelSpacing, "Pixel Spacing"},
      {DCM_ImagerPixelSpacing, PixelSpacing::Source::ImagerPixelSpacing, "Imager Pixel Spacing"},
      {DCM_NominalScannedPixelSpacing, PixelSpacing::Source::NominalScanned, "Nominal Scanned Pixel Spacing"},
  };
  PixelSpacing spacing;
  for (const Candidate& candidate : candidates) {
    bool present = false;
    if (read_spacing_pair(item, candidate.key, spacing.row_mm, spacing.column_mm, present)) {
      spacing.source = candidate.source;
      if (spacing.source == PixelSpacing::Source::PixelSpacing) {
        OFString calibration;
        if (item.findAndGetOFString(DCM_PixelSpacingCalibrationType, calibration).good())
          spacing.calibration_type = calibration.c_str();
        double imager_row = 0, imager_column = 0;
        bool imager_present = false;
        spacing.equals_imager_spacing =
            read_spacing_pair(item, DCM_ImagerPixelSpacing, imager_row, imager_column, imager_present) &&
            std::abs(imager_row - spacing.row_mm) < 1e-6 && std::abs(imager_column - spacing.column_mm) < 1e-6;
      }
      return spacing;
    }
    if (present) notes.push_back(std::string(candidate.name) + " is zero or invalid: ignored");
  }
  spacing = PixelSpacing{};
  notes.emplace_back("no usable pixel spacing: unknown spacing");
  return spacing;
}

}  // namespace

std::string split_keyword(const std::string& keyword) {
  std::string words;
  for (std::size_t i = 0; i < keyword.size(); ++i) {
    const auto is_upper = [&keyword](std::size_t k) { return std::isupper(static_cast<unsigned char>(keyword[k])) != 0; };
    const auto is_lower = [&keyword](std::size_t k) { return std::islower(static_cast<unsigned char>(keyword[k])) != 0; };
    const bool boundary = i > 0 && is_upper(i) && (is_lower(i - 1) || (i + 1 < keyword.size() && is_lower(i + 1)));
    if (boundary) words += ' ';
    words += keyword[i];
  }
  return words;
}

std::string dicom_string(DcmItem& item, const DcmTagKey& key) {
  OFString value;
  if (item.findAndGetOFStringArray(key, value).bad()) return {};
  return trim(value.c_str());
}

DicomHeader read_dicom_header(DcmFileFormat& file) {
  DicomHeader header;
  DcmDataset& data = *file.getDataset();
  DcmMetaInfo& meta = *file.getMetaInfo();
  if (data.tagExistsWithValue(DCM_SpecificCharacterSet)) {
    const std::string charset = dicom_string(data, DCM_SpecificCharacterSet);
    if (charset != "ISO_IR 192" && charset != "ISO_IR 6") data.convertToUTF8();
  }

  header.patient.name = dicom_string(data, DCM_PatientName);
  header.patient.id = dicom_string(data, DCM_PatientID);
  header.patient.birth_date = dicom_string(data, DCM_PatientBirthDate);
  header.patient.sex = dicom_string(data, DCM_PatientSex);

  header.study.instance_uid = dicom_string(data, DCM_StudyInstanceUID);
  header.study.date = dicom_string(data, DCM_StudyDate);
  header.study.time = dicom_string(data, DCM_StudyTime);
  header.study.description = dicom_string(data, DCM_StudyDescription);
  header.study.accession_number = dicom_string(data, DCM_AccessionNumber);
  header.study.id = dicom_string(data, DCM_StudyID);

  header.series.instance_uid = dicom_string(data, DCM_SeriesInstanceUID);
  header.series.number = dicom_int(data, DCM_SeriesNumber);
  header.series.description = dicom_string(data, DCM_SeriesDescription);
  header.series.modality = dicom_string(data, DCM_Modality);
  header.series.body_part_examined = dicom_string(data, DCM_BodyPartExamined);

  InstanceAttributes& instance = header.instance;
  instance.sop_class_uid = dicom_string(data, DCM_SOPClassUID);
  if (instance.sop_class_uid.empty()) instance.sop_class_uid = dicom_string(meta, DCM_MediaStorageSOPClassUID);
  // DCMTK names SOP classes by keyword ("DigitalXRayImageStorageForPresentation").
  instance.sop_class_name = split_keyword(dcmFindNameOfUID(instance.sop_class_uid.c_str(), instance.sop_class_uid.c_str()));
  instance.sop_instance_uid = dicom_string(data, DCM_SOPInstanceUID);
  instance.instance_number = dicom_int(data, DCM_InstanceNumber);
  const DcmXfer transfer_syntax(data.getOriginalXfer());
  instance.transfer_syntax_uid = transfer_syntax.getXferID();
  instance.transfer_syntax_name = transfer_syntax.getXferName();
  instance.rows = dicom_us(data, DCM_Rows, 0);
  instance.columns = dicom_us(data, DCM_Columns, 0);
  instance.number_of_frames = dicom_int(data, DCM_NumberOfFrames).value_or(1);
  instance.photometric_interpretation = dicom_string(data, DCM_PhotometricInterpretation);
  instance.bits_allocated = dicom_us(data, DCM_BitsAllocated, 0);
  instance.bits_stored = dicom_us(data, DCM_BitsStored, instance.bits_allocated);
  instance.high_bit = dicom_us(data, DCM_HighBit, instance.bits_stored - 1);
  instance.pixel_signed = dicom_us(data, DCM_PixelRepresentation, 0) == 1;
  instance.image_type = dicom_string(data, DCM_ImageType);
  instance.acquisition_date = dicom_string(data, DCM_AcquisitionDate);
  instance.content_date = dicom_string(data, DCM_ContentDate);
  instance.content_time = dicom_string(data, DCM_ContentTime);
  instance.manufacturer = dicom_string(data, DCM_Manufacturer);
  instance.institution_name = dicom_string(data, DCM_InstitutionName);
  OFString orientation;
  if (data.findAndGetOFString(DCM_PatientOrientation, orientation, 0).good())
    instance.patient_orientation_row = trim(orientation.c_str());
  if (data.findAndGetOFString(DCM_PatientOrientation, orientation, 1).good())
    instance.patient_orientation_column = trim(orientation.c_str());
  instance.view_position = dicom_string(data, DCM_ViewPosition);
  instance.image_laterality = dicom_string(data, DCM_ImageLaterality);
  instance.laterality = dicom_string(data, DCM_Laterality);
  instance.derivation_description = dicom_string(data, DCM_DerivationDescription);
  instance.burned_in_annotation = dicom_string(data, DCM_BurnedInAnnotation);
  header.samples_per_pixel = dicom_us(data, DCM_SamplesPerPixel, 1);
  header.planar_configuration = dicom_us(data, DCM_PlanarConfiguration, 0);
  if (instance.rows > 0 && instance.columns > 0) instance.spacing = read_spacing(data, header.notes);
  return header;
}

void require_image_object(const std::string& path, const DicomHeader& header) {
  const std::string& uid = header.instance.sop_class_uid;
  const bool known_non_image = is_non_image_sop_class(uid);
  if (known_non_image) {
    throw ImageError(path, "this DICOM object (" + header.instance.sop_class_name + ") contains no image");
  }
  const bool image_class = dcmIsImageStorageSOPClassUID(uid.c_str()) != OFFalse;
  if ((header.instance.rows <= 0 || header.instance.columns <= 0) && image_class) {
    throw ImageError(path, "image has zero size (" + std::to_string(header.instance.columns) + "x" +
                               std::to_string(header.instance.rows) + ")");
  }
  if (header.instance.rows <= 0 || header.instance.columns <= 0) {
    const std::string what = header.instance.sop_class_name.empty() ? "this DICOM object" : header.instance.sop_class_name;
    throw ImageError(path, what + " has no image: Rows/Columns are " + std::to_string(header.instance.rows) + "x" +
                               std::to_string(header.instance.columns));
  }
}

}  // namespace anatomix::image
