#include "report_test_files.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QFile>
#include <QProcess>
#include <stdexcept>
#include <vector>

namespace anatomix::report::test {

namespace {

constexpr Uint16 kColumns = 320;
constexpr Uint16 kRows = 256;

void put(DcmDataset& dataset, const DcmTagKey& tag, const QString& value, bool latin1 = false) {
  if (dataset.putAndInsertString(tag, latin1 ? value.toLatin1().constData() : value.toUtf8().constData()).bad()) {
    throw std::runtime_error("writeChestDicom: cannot set " + std::string(tag.toString().c_str()));
  }
}

}  // namespace

QString writeChestDicom(const QString& path, const TestPatient& patient) {
  char uid[100];
  DcmFileFormat file;
  DcmDataset& dataset = *file.getDataset();
  put(dataset, DCM_SpecificCharacterSet, patient.latin1 ? QStringLiteral("ISO_IR 100") : QStringLiteral("ISO_IR 192"));
  put(dataset, DCM_SOPClassUID, QString::fromLatin1(UID_DigitalXRayImageStorageForPresentation));
  put(dataset, DCM_SOPInstanceUID, QString::fromLatin1(dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT)));
  put(dataset, DCM_StudyInstanceUID, QString::fromLatin1(dcmGenerateUniqueIdentifier(uid, SITE_STUDY_UID_ROOT)));
  put(dataset, DCM_SeriesInstanceUID, QString::fromLatin1(dcmGenerateUniqueIdentifier(uid, SITE_SERIES_UID_ROOT)));
  put(dataset, DCM_PatientName, patient.name, patient.latin1);
  put(dataset, DCM_PatientID, patient.id);
  put(dataset, DCM_PatientBirthDate, patient.birthDate);
  put(dataset, DCM_PatientSex, patient.sex);
  put(dataset, DCM_RETIRED_OtherPatientIDs, patient.otherPatientId);
  put(dataset, DCM_AccessionNumber, patient.accession);
  put(dataset, DCM_InstitutionName, patient.institution);
  put(dataset, DCM_ReferringPhysicianName, patient.referringPhysician);
  put(dataset, DCM_OperatorsName, patient.operatorName);
  put(dataset, DCM_StationName, patient.stationName);
  put(dataset, DCM_StudyDate, patient.studyDate);
  put(dataset, DCM_StudyTime, QStringLiteral("101500"));
  put(dataset, DCM_StudyID, QStringLiteral("S1"));
  put(dataset, DCM_StudyDescription, QStringLiteral("Chest PA"));
  put(dataset, DCM_Modality, QStringLiteral("DX"));
  put(dataset, DCM_Manufacturer, QStringLiteral("Test"));
  put(dataset, DCM_PhotometricInterpretation, QStringLiteral("MONOCHROME2"));
  dataset.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  dataset.putAndInsertUint16(DCM_Rows, kRows);
  dataset.putAndInsertUint16(DCM_Columns, kColumns);
  dataset.putAndInsertUint16(DCM_BitsAllocated, 16);
  dataset.putAndInsertUint16(DCM_BitsStored, 12);
  dataset.putAndInsertUint16(DCM_HighBit, 11);
  dataset.putAndInsertUint16(DCM_PixelRepresentation, 0);
  std::vector<Uint16> pixels(static_cast<size_t>(kColumns) * kRows);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<Uint16>((i * 7) % 4096);
  dataset.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
  if (file.saveFile(OFFilename(QFile::encodeName(path).constData()), EXS_LittleEndianExplicit).bad()) {
    throw std::runtime_error("writeChestDicom: cannot write " + path.toStdString());
  }
  return path;
}

ReportDraft makeDraft(const QString& dicomPath) {
  ReportDraft draft;
  draft.study = readStudyIdentity(dicomPath);
  draft.findingsText = QStringLiteral("Small left pleural effusion. Heart size normal.");
  draft.impressionText = QStringLiteral("Left pleural effusion.");
  AiFinding accepted;
  accepted.id = QStringLiteral("phrase-1");
  accepted.source = FindingSource::PhraseGrounding;
  accepted.label = QStringLiteral("left pleural effusion");
  accepted.regions = {QRectF(QPointF(180, 150), QPointF(300, 240))};
  accepted.confidence = 0.87;
  accepted.decision = FindingDecision::Accepted;
  AiFinding edited;
  edited.id = QStringLiteral("detect-2");
  edited.source = FindingSource::AbnormalityDetection;
  edited.label = QStringLiteral("nodule");
  edited.editedLabel = QStringLiteral("calcified granuloma");
  edited.regions = {QRectF(QPointF(40, 60), QPointF(80, 100)), QRectF(QPointF(200, 40), QPointF(230, 70))};
  edited.decision = FindingDecision::Edited;
  AiFinding rejected;
  rejected.id = QStringLiteral("detect-3");
  rejected.source = FindingSource::AbnormalityDetection;
  rejected.label = QStringLiteral("pneumothorax");
  rejected.regions = {QRectF(QPointF(10, 10), QPointF(60, 50))};
  rejected.confidence = 0.31;
  rejected.decision = FindingDecision::Rejected;
  AiFinding label;
  label.id = QStringLiteral("class-4");
  label.source = FindingSource::Classification;
  label.label = QStringLiteral("Cardiomegaly: absent");
  label.decision = FindingDecision::Proposed;
  draft.findings = {accepted, edited, rejected, label};
  draft.modifiedUtc = QDateTime::currentDateTimeUtc();
  return draft;
}

QVector<ReaderMeasurement> makeMeasurements(const QString& imageKey) {
  ReaderMeasurement distance;
  distance.id = QStringLiteral("distance-1");
  distance.kind = MeasurementKind::Distance;
  distance.pointsPx = {QPointF(40, 200), QPointF(160, 200)};
  distance.calibrated = true;
  distance.calibrationNote = QStringLiteral("Imager Pixel Spacing: magnification not corrected");
  distance.value = 16.8;
  ReaderMeasurement angle;
  angle.id = QStringLiteral("angle-2");
  angle.kind = MeasurementKind::Angle;
  angle.pointsPx = {QPointF(100, 100), QPointF(150, 150), QPointF(200, 100)};
  angle.calibrated = true;
  angle.value = 90.0;
  ReaderMeasurement ellipse;
  ellipse.id = QStringLiteral("ellipse-3");
  ellipse.kind = MeasurementKind::Ellipse;
  ellipse.rectPx = QRectF(QPointF(200, 120), QPointF(260, 160));
  ellipse.calibrated = true;
  ellipse.calibrationNote = distance.calibrationNote;
  ellipse.pixelCount = 1880;
  ellipse.mean = 812.5;
  ellipse.standardDeviation = 20.25;
  ellipse.minimum = 760;
  ellipse.maximum = 870;
  ellipse.area = 36.85;
  ReaderMeasurement arrow;
  arrow.id = QStringLiteral("arrow-4");
  arrow.kind = MeasurementKind::Arrow;
  arrow.pointsPx = {QPointF(100, 50), QPointF(130, 80)};
  arrow.text = QStringLiteral("port tip");
  ReaderMeasurement pixels;
  pixels.id = QStringLiteral("distance-5");
  pixels.kind = MeasurementKind::Distance;
  pixels.pointsPx = {QPointF(10, 10), QPointF(70, 90)};
  pixels.value = 100;
  QVector<ReaderMeasurement> measurements = {distance, angle, ellipse, arrow, pixels};
  for (ReaderMeasurement& measurement : measurements) measurement.imageKey = imageKey;
  return measurements;
}

QString runProgram(const QString& program, const QStringList& arguments, int* exitCode) {
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.start(program, arguments);
  if (!process.waitForStarted(10000) || !process.waitForFinished(60000)) {
    *exitCode = -1;
    return QStringLiteral("could not run %1: %2").arg(program, process.errorString());
  }
  *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  return QString::fromUtf8(process.readAll());
}

}  // namespace anatomix::report::test
