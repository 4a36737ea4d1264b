// Inputs the report suites write for themselves: a small DX chest image with a full set of patient,
// study and staff identifiers (so de-identification has something to remove), and a draft with AI
// findings in every decision state.
#pragma once

#include <QString>
#include <QStringList>

#include "anatomix/report/report_draft.h"

namespace anatomix::report::test {

struct TestPatient {
  QString name = QStringLiteral("Mustermann^Erika");
  QString id = QStringLiteral("PID-4711");
  QString birthDate = QStringLiteral("19640812");
  QString sex = QStringLiteral("F");
  QString accession = QStringLiteral("ACC-0815");
  QString institution = QStringLiteral("St. Example Hospital");
  QString referringPhysician = QStringLiteral("House^Gregory");
  QString operatorName = QStringLiteral("Tech^Tina");
  QString stationName = QStringLiteral("XRAY-ROOM-3");
  QString studyDate = QStringLiteral("20240131");
  QString otherPatientId = QStringLiteral("OTHER-99");
  bool latin1 = false;  // ISO_IR 100 (names stored as Latin-1) instead of ISO_IR 192 (UTF-8)
};

// Writes a 320 x 256 16-bit MONOCHROME2 DX image; returns its path. Throws std::runtime_error.
QString writeChestDicom(const QString& path, const TestPatient& patient = TestPatient());

// A draft of the image at `dicomPath` (read with readStudyIdentity) with four findings: accepted
// (one box), edited (two boxes), rejected (one box), and a classification label without box.
ReportDraft makeDraft(const QString& dicomPath);

// The reader's measurements as the viewer hands them over: a distance with detector spacing (and its
// magnification caveat), an angle, an ellipse with statistics, an arrow with text, and a distance
// of an image without pixel spacing (in pixels). Inside writeChestDicom's image; all on the image
// `imageKey` (report::imageKey of the draft's study).
QVector<ReaderMeasurement> makeMeasurements(const QString& imageKey);

// Runs a program and returns its stdout and stderr together; exitCode receives its exit status.
QString runProgram(const QString& program, const QStringList& arguments, int* exitCode);

}  // namespace anatomix::report::test
