// Which study and image a report belongs to, and the patient identifiers used only by exports
// (the text/PDF header and the DICOM SR's patient module). Read from the source DICOM header with
// DCMTK, or made from a non-DICOM file's path (no UIDs then, and no SR export).
#pragma once

#include <QString>

namespace anatomix::report {

struct StudyIdentity {
  QString sourceFilePath;     // the image the report is about; the SR copies its patient/study modules
  QString studyInstanceUid;   // (0020,000D); empty for non-DICOM sources
  QString seriesInstanceUid;  // (0020,000E) of the source image
  QString sopClassUid;        // (0008,0016) of the source image
  QString sopInstanceUid;     // (0008,0018) of the source image
  QString patientName;        // DICOM PN as stored, e.g. "Doe^Jane"; exports only, never logged above debug
  QString patientId;
  QString patientBirthDate;  // DICOM DA, YYYYMMDD
  QString patientSex;        // M, F, O or empty
  QString accessionNumber;
  QString studyDate;  // DICOM DA, YYYYMMDD
  QString studyTime;  // DICOM TM
  QString studyDescription;
  int imageColumns = 0;  // source image size in pixels; 0 when unknown (SR coordinates are checked against it)
  int imageRows = 0;

  bool isDicom() const { return !sopInstanceUid.isEmpty(); }
  bool operator==(const StudyIdentity& other) const;
  bool operator!=(const StudyIdentity& other) const { return !(*this == other); }
};

// Reads the identity from a DICOM file's header (no pixel data). Throws ReportError naming the file
// when it cannot be read or is not DICOM.
StudyIdentity readStudyIdentity(const QString& dicomPath);

// readStudyIdentity() for DICOM files; for other images (PNG, JPEG, TIFF) an identity with only
// sourceFilePath set. Throws ReportError when the file does not exist.
StudyIdentity studyIdentityForFile(const QString& imagePath);

// The key a draft is stored under: the study instance UID when there is one, else a hash of the
// source file's canonical path. Only characters safe in a file name.
QString draftKey(const StudyIdentity& study);

}  // namespace anatomix::report
