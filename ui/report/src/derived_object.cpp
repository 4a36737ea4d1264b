#include "derived_object.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <cmath>

#include "anatomix/report/report_error.h"

namespace anatomix::report {

namespace {

// Patient (C.7.1.1), General Study (C.7.2.1) and Patient Study (C.7.2.2) attributes a derived
// object carries over; `type2` ones are written empty when the source lacks them.
struct CopiedAttribute {
  DcmTagKey tag;
  bool type2;
};
const CopiedAttribute kPatientAndStudy[] = {
    {DCM_PatientName, true},
    {DCM_PatientID, true},
    {DCM_IssuerOfPatientID, false},
    {DCM_PatientBirthDate, true},
    {DCM_PatientSex, true},
    {DCM_OtherPatientIDsSequence, false},
    {DCM_PatientComments, false},
    {DCM_StudyInstanceUID, false},
    {DCM_StudyDate, true},
    {DCM_StudyTime, true},
    {DCM_ReferringPhysicianName, true},
    {DCM_StudyID, true},
    {DCM_AccessionNumber, true},
    {DCM_StudyDescription, false},
    {DCM_IssuerOfAccessionNumberSequence, false},
    {DCM_PatientAge, false},
    {DCM_PatientSize, false},
    {DCM_PatientWeight, false},
};

}  // namespace

OFString ofString(const QString& text) { return OFString(text.toUtf8().constData()); }

QString qString(const OFString& text) { return QString::fromUtf8(text.c_str()); }

OFString newUid() {
  char uid[100];
  dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
  return OFString(uid);
}

SourceImage readSourceImage(const QString& outputPath, const StudyIdentity& study, DcmFileFormat& file) {
  if (!study.isDicom()) {
    throw ReportError(QCoreApplication::translate("anatomix::report::DerivedObject",
                                                  "Cannot write %1: the source image %2 is not a DICOM file")
                          .arg(outputPath, study.sourceFilePath));
  }
  const OFCondition status =
      file.loadFileUntilTag(OFFilename(QFile::encodeName(study.sourceFilePath).constData()), EXS_Unknown, EGL_noChange,
                            DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
  if (status.bad()) {
    throw ReportError(QCoreApplication::translate("anatomix::report::DerivedObject",
                                                  "Cannot write %1: the source image %2 cannot be read: %3")
                          .arg(outputPath, study.sourceFilePath, QString::fromUtf8(status.text())));
  }
  // Derived objects are written in UTF-8; the copied patient and study attributes must be too.
  if (file.convertToUTF8().bad()) {
    throw ReportError(QCoreApplication::translate(
                          "anatomix::report::DerivedObject",
                          "Cannot write %1: the character set of the source image %2 cannot be converted to UTF-8")
                          .arg(outputPath, study.sourceFilePath));
  }
  DcmDataset& dataset = *file.getDataset();
  SourceImage source;
  dataset.findAndGetOFString(DCM_StudyInstanceUID, source.studyUid);
  dataset.findAndGetOFString(DCM_SeriesInstanceUID, source.seriesUid);
  dataset.findAndGetOFString(DCM_SOPClassUID, source.sopClassUid);
  dataset.findAndGetOFString(DCM_SOPInstanceUID, source.sopInstanceUid);
  Uint16 columns = 0;
  Uint16 rows = 0;
  dataset.findAndGetUint16(DCM_Columns, columns);
  dataset.findAndGetUint16(DCM_Rows, rows);
  source.columns = columns;
  source.rows = rows;
  if (source.studyUid.empty() || source.seriesUid.empty() || source.sopClassUid.empty() ||
      source.sopInstanceUid.empty() || columns == 0 || rows == 0) {
    throw ReportError(QCoreApplication::translate(
                          "anatomix::report::DerivedObject",
                          "Cannot write %1: the source image %2 lacks its study, series or SOP UIDs or its size")
                          .arg(outputPath, study.sourceFilePath));
  }
  return source;
}

void copyPatientAndStudy(DcmItem& source, DcmItem& target) {
  for (const CopiedAttribute& attribute : kPatientAndStudy) {
    DcmElement* element = nullptr;
    if (source.findAndGetElement(attribute.tag, element).good() && element != nullptr) {
      target.insert(OFstatic_cast(DcmElement*, element->clone()), true);
    } else if (attribute.type2) {
      target.insertEmptyElement(attribute.tag, true);
    }
  }
}

void checkRegions(const QString& path, const ReportDraft& draft, const SourceImage& source) {
  for (const AiFinding& finding : draft.findings) {
    for (const QRectF& region : finding.regions) {
      const bool finite = std::isfinite(region.left()) && std::isfinite(region.top()) &&
                          std::isfinite(region.right()) && std::isfinite(region.bottom());
      const QRectF box = region.normalized();
      const bool inside =
          box.left() >= 0 && box.top() >= 0 && box.right() <= source.columns && box.bottom() <= source.rows;
      if (!finite || !inside || box.isEmpty()) {
        throw ReportError(
            QCoreApplication::translate("anatomix::report::DerivedObject",
                                        "Cannot write %1: finding \"%2\" has region (%3, %4, %5, %6), which is "
                                        "not inside the %7 x %8 source image")
                .arg(path, finding.id)
                .arg(region.left())
                .arg(region.top())
                .arg(region.right())
                .arg(region.bottom())
                .arg(source.columns)
                .arg(source.rows));
      }
    }
  }
}

void checkMeasurements(const QString& path, const QVector<ReaderMeasurement>& measurements) {
  for (const ReaderMeasurement& measurement : measurements) {
    bool finite = std::isfinite(measurement.value) && std::isfinite(measurement.rectPx.left()) &&
                  std::isfinite(measurement.rectPx.top()) && std::isfinite(measurement.rectPx.right()) &&
                  std::isfinite(measurement.rectPx.bottom());
    for (const QPointF& point : measurement.pointsPx)
      finite = finite && std::isfinite(point.x()) && std::isfinite(point.y());
    const bool region = measurement.kind == MeasurementKind::Rectangle || measurement.kind == MeasurementKind::Ellipse;
    const bool shaped = region ? !measurement.rectPx.normalized().isEmpty() : measurement.pointsPx.size() >= 2;
    if (!finite || !shaped) {
      throw ReportError(QCoreApplication::translate("anatomix::report::DerivedObject",
                                                    "Cannot write %1: measurement \"%2\" has no valid "
                                                    "coordinates")
                            .arg(path, measurement.id));
    }
  }
}

QVector<QPointF> closedRectangle(const QRectF& rect) {
  const QRectF box = rect.normalized();
  return {box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft(), box.topLeft()};
}

QVector<QPointF> ellipseAxes(const QRectF& rect) {
  const QRectF box = rect.normalized();
  const QPointF c = box.center();
  const QVector<QPointF> horizontal = {QPointF(box.left(), c.y()), QPointF(box.right(), c.y())};
  const QVector<QPointF> vertical = {QPointF(c.x(), box.top()), QPointF(c.x(), box.bottom())};
  return box.width() >= box.height() ? horizontal + vertical : vertical + horizontal;
}

void copyLaterality(DcmItem& source, DcmItem& target) {
  DcmElement* element = nullptr;
  if (source.findAndGetElement(DCM_Laterality, element).good() && element != nullptr) {
    target.insert(OFstatic_cast(DcmElement*, element->clone()), true);
  } else {
    target.insertEmptyElement(DCM_Laterality, true);
  }
}

void checkDicom(const OFCondition& status, const QString& outputPath, const char* what) {
  if (status.bad()) {
    throw ReportError(QCoreApplication::translate("anatomix::report::DerivedObject", "Cannot write %1: %2: %3")
                          .arg(outputPath, QString::fromLatin1(what), QString::fromUtf8(status.text())));
  }
}

DicomDateTime dicomDateTime(const QDateTime& moment) {
  const QDateTime utc = moment.toUTC();
  return {ofString(utc.toString(QStringLiteral("yyyyMMdd"))), ofString(utc.toString(QStringLiteral("HHmmss")))};
}

void putDerivedHeader(DcmItem& target, DcmItem& source, const DerivedSeries& series, const DicomDateTime& created,
                      const QString& outputPath) {
  const auto put = [&](const DcmTagKey& tag, const OFString& value, const char* what) {
    checkDicom(target.putAndInsertOFStringArray(tag, value), outputPath, what);
  };
  // SOP Common (C.12.1)
  put(DCM_SpecificCharacterSet, "ISO_IR 192", "character set");
  put(DCM_SOPClassUID, series.sopClassUid, "SOP class");
  put(DCM_SOPInstanceUID, newUid(), "SOP instance");
  put(DCM_InstanceCreationDate, created.date, "creation date");
  put(DCM_InstanceCreationTime, created.time, "creation time");
  // Patient, General Study, Patient Study
  copyPatientAndStudy(source, target);
  // General Series (C.7.3.1): a series of its own in the study
  put(DCM_Modality, series.modality, "modality");
  put(DCM_SeriesInstanceUID, newUid(), "series instance");
  put(DCM_SeriesNumber, series.seriesNumber, "series number");
  copyLaterality(source, target);
  put(DCM_SeriesDescription, series.description, "series description");
}

qint64 saveDicomFile(DcmFileFormat& file, const QString& path) {
  // DCMTK writes to a path; the bytes then go through QSaveFile so a failed export never leaves half a file.
  QTemporaryDir scratch;
  if (!scratch.isValid())
    throw ReportError(
        QCoreApplication::translate("anatomix::report::DerivedObject", "Cannot write %1: no temporary folder")
            .arg(path));
  const QString scratchPath = scratch.filePath(QStringLiteral("object.dcm"));
  checkDicom(file.saveFile(OFFilename(QFile::encodeName(scratchPath).constData()), EXS_LittleEndianExplicit), path,
             "encoding the file");
  QFile encoded(scratchPath);
  if (!encoded.open(QIODevice::ReadOnly))
    throw ReportError(QCoreApplication::translate("anatomix::report::DerivedObject", "Cannot write %1: %2")
                          .arg(path, encoded.errorString()));
  const QByteArray bytes = encoded.readAll();
  QSaveFile output(path);
  if (!output.open(QIODevice::WriteOnly) || output.write(bytes) != bytes.size() || !output.commit()) {
    throw ReportError(QCoreApplication::translate("anatomix::report::DerivedObject", "Cannot write %1: %2")
                          .arg(path, output.errorString()));
  }
  return bytes.size();
}

}  // namespace anatomix::report
