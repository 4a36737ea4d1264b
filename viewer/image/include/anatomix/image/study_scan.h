// Building the study browser's Patient -> Study -> Series -> Image hierarchy from files, folders
// (recursively) and DICOMDIRs. Only headers are read (parsing stops before Pixel Data), so a scan
// of thousands of files is quick. Unreadable or non-image files become ScanError entries; the scan
// never throws for a bad file. Safe to run on a worker thread; nothing global is locked.
//
// Grouping: patients by (ID, name), studies by Study Instance UID, series by Series Instance UID.
// Non-DICOM images (PNG/JPEG/TIFF) each form their own pseudo patient (name = file name),
// study and series (modality "PNG", ...), with UIDs "file:<absolute path>".
// Order: patients by name, studies by date/time, series by number, images by instance number then
// path.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "anatomix/image/decoded_image.h"
#include "anatomix/image/dicom_attributes.h"

namespace anatomix::image {

struct ScannedImage {
  std::string path;  // absolute path of the file to hand to decode_image()
  SourceFormat format = SourceFormat::Dicom;
  InstanceAttributes instance;  // rows/columns/etc. from the header (0 if a non-DICOM header failed)
};

struct ScannedSeries {
  SeriesAttributes attributes;
  std::vector<ScannedImage> images;
};

struct ScannedStudy {
  StudyAttributes attributes;
  std::vector<ScannedSeries> series;
};

struct ScannedPatient {
  PatientAttributes attributes;
  std::vector<ScannedStudy> studies;
};

struct ScanError {
  std::string path;
  std::string message;  // complete sentence, e.g. "not a DICOM or image file" or "Basic Text SR has no pixels"
};

struct StudyTree {
  std::vector<ScannedPatient> patients;
  std::vector<ScanError> errors;
  bool cancelled = false;  // the cancel flag was set; the tree holds what was scanned so far

  int image_count() const;
  // The image with this path, if scanned.
  const ScannedImage* find_image(const std::string& path) const;
};

struct ScanOptions {
  bool recursive = true;  // descend into sub-folders
  // Called after each file with (files done, files found so far), from the scanning thread.
  std::function<void(int, int)> progress;
  const std::atomic<bool>* cancel = nullptr;
};

// `paths` may mix files, folders and DICOMDIR files. A DICOMDIR (named DICOMDIR, or with Media
// Storage SOP Class 1.2.840.10008.1.3.10) is resolved through its records; a missing referenced file
// is a ScanError. A path that does not exist is a ScanError.
StudyTree scan_paths(const std::vector<std::string>& paths, const ScanOptions& options = {});

// Reads the header of one file (DICOM: until Pixel Data; other images: the image information).
// Throws ImageError for unreadable files and non-image DICOM objects.
struct ScannedFile {
  PatientAttributes patient;
  StudyAttributes study;
  SeriesAttributes series;
  ScannedImage image;
};
ScannedFile scan_file(const std::string& path);

}  // namespace anatomix::image
