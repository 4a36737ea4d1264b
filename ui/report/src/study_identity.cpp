#include "anatomix/report/study_identity.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include "anatomix/report/report_error.h"
#include "report_logger.h"

namespace anatomix::report {

namespace {

QString stringOf(DcmItem& dataset, const DcmTagKey& tag) {
  OFString value;
  if (dataset.findAndGetOFStringArray(tag, value).bad()) return {};
  return QString::fromUtf8(value.c_str()).trimmed();
}

}  // namespace

bool StudyIdentity::operator==(const StudyIdentity& other) const {
  return sourceFilePath == other.sourceFilePath && studyInstanceUid == other.studyInstanceUid &&
         seriesInstanceUid == other.seriesInstanceUid && sopClassUid == other.sopClassUid &&
         sopInstanceUid == other.sopInstanceUid && patientName == other.patientName && patientId == other.patientId &&
         patientBirthDate == other.patientBirthDate && patientSex == other.patientSex &&
         accessionNumber == other.accessionNumber && studyDate == other.studyDate && studyTime == other.studyTime &&
         studyDescription == other.studyDescription && imageColumns == other.imageColumns &&
         imageRows == other.imageRows;
}

StudyIdentity readStudyIdentity(const QString& dicomPath) {
  DcmFileFormat file;
  // Stop before the pixel data: only the header is needed.
  const OFCondition status = file.loadFileUntilTag(OFFilename(QFile::encodeName(dicomPath).constData()), EXS_Unknown,
                                                   EGL_noChange, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
  if (status.bad()) {
    throw ReportError(
        QCoreApplication::translate("anatomix::report::StudyIdentity", "Cannot read the DICOM header of %1: %2")
            .arg(dicomPath, QString::fromUtf8(status.text())));
  }
  // Names may be stored in any DICOM character set; Qt strings are read as UTF-8.
  if (file.convertToUTF8().bad()) {
    reportLogger()->warn("readStudyIdentity: {}: character set not converted to UTF-8", dicomPath.toStdString());
  }
  DcmDataset& dataset = *file.getDataset();
  StudyIdentity study;
  study.sourceFilePath = dicomPath;
  study.studyInstanceUid = stringOf(dataset, DCM_StudyInstanceUID);
  study.seriesInstanceUid = stringOf(dataset, DCM_SeriesInstanceUID);
  study.sopClassUid = stringOf(dataset, DCM_SOPClassUID);
  study.sopInstanceUid = stringOf(dataset, DCM_SOPInstanceUID);
  if (study.sopInstanceUid.isEmpty() || study.sopClassUid.isEmpty() || study.studyInstanceUid.isEmpty()) {
    throw ReportError(QCoreApplication::translate(
                          "anatomix::report::StudyIdentity",
                          "%1 is not a usable DICOM image: SOP Class, SOP Instance or Study Instance UID missing")
                          .arg(dicomPath));
  }
  study.patientName = stringOf(dataset, DCM_PatientName);
  study.patientId = stringOf(dataset, DCM_PatientID);
  study.patientBirthDate = stringOf(dataset, DCM_PatientBirthDate);
  study.patientSex = stringOf(dataset, DCM_PatientSex);
  study.accessionNumber = stringOf(dataset, DCM_AccessionNumber);
  study.studyDate = stringOf(dataset, DCM_StudyDate);
  study.studyTime = stringOf(dataset, DCM_StudyTime);
  study.studyDescription = stringOf(dataset, DCM_StudyDescription);
  Uint16 columns = 0;
  Uint16 rows = 0;
  if (dataset.findAndGetUint16(DCM_Columns, columns).good()) study.imageColumns = columns;
  if (dataset.findAndGetUint16(DCM_Rows, rows).good()) study.imageRows = rows;
  return study;
}

StudyIdentity studyIdentityForFile(const QString& imagePath) {
  const QFileInfo info(imagePath);
  if (!info.isFile())
    throw ReportError(
        QCoreApplication::translate("anatomix::report::StudyIdentity", "%1 does not exist or is not a file")
            .arg(imagePath));
  static const QStringList kPlainImageSuffixes = {QStringLiteral("png"), QStringLiteral("jpg"),  QStringLiteral("jpeg"),
                                                  QStringLiteral("tif"), QStringLiteral("tiff"), QStringLiteral("bmp")};
  if (!kPlainImageSuffixes.contains(info.suffix().toLower())) return readStudyIdentity(imagePath);
  StudyIdentity study;
  study.sourceFilePath = imagePath;
  return study;
}

QString draftKey(const StudyIdentity& study) {
  static const QRegularExpression kSafeKey(QStringLiteral("^[0-9A-Za-z._-]{1,64}$"));
  if (kSafeKey.match(study.studyInstanceUid).hasMatch()) return study.studyInstanceUid;
  const QString basis =
      study.studyInstanceUid.isEmpty() ? QFileInfo(study.sourceFilePath).canonicalFilePath() : study.studyInstanceUid;
  const QString fallback = basis.isEmpty() ? study.sourceFilePath : basis;
  return QStringLiteral("file-") +
         QString::fromLatin1(QCryptographicHash::hash(fallback.toUtf8(), QCryptographicHash::Sha1).toHex());
}

}  // namespace anatomix::report
