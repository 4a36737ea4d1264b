// What every export needs besides the draft: whether to remove patient identifiers, and who made
// the AI results (the algorithm is the SR's device observer and is named in the text/PDF footer).
#pragma once

#include <QDateTime>
#include <QString>

namespace anatomix::report {

struct AlgorithmIdentity {
  QString name = QStringLiteral("AnatomiX");
  QString version = QStringLiteral("0.1");
  QString manufacturer = QStringLiteral("AnatomiX Workstation");
  // Identifies this installation as the SR's device observer (TID 1004 Device Observer UID).
  // Empty: a UID generated per export.
  QString deviceObserverUid;
};

struct ExportOptions {
  bool removePatientIdentifiers = false;  // DICOM PS3.15 basic profile on the SR and the header
  AlgorithmIdentity algorithm;
  QDateTime createdUtc = QDateTime::currentDateTimeUtc();  // content date/time of the export
};

}  // namespace anatomix::report
