// What every export needs besides the draft: whether to remove patient identifiers, who made the AI
// results (the algorithm is the SR's device observer and is named in the text/PDF footer), and how
// the viewer shows the image (the presentation state's window and orientation).
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

// How the viewer presents the source image, for the presentation state (GSPS). The orientation is the
// viewer's (anatomix::viewer::PresentationTransform): the clockwise turns first, then the left/right
// mirror, the order of DICOM's spatial transformation too (PS3.3 C.10.6).
struct ViewerPresentation {
  bool hasWindow = false;   // false: the GSPS carries no VOI window (the display's default applies)
  double windowCenter = 0;  // modality units, DICOM PS3.3 C.11.2.1.2 (linear function)
  double windowWidth = 1;
  bool inverted = false;          // minimum values shown white (MONOCHROME1's polarity, or the reader's invert)
  int quarterTurnsClockwise = 0;  // 0..3
  bool mirrored = false;
  QString contentCreator;  // the reader (DICOM PN), empty when not known
};

struct ExportOptions {
  bool removePatientIdentifiers = false;  // DICOM PS3.15 basic profile on the SR and the header
  AlgorithmIdentity algorithm;
  QDateTime createdUtc = QDateTime::currentDateTimeUtc();  // content date/time of the export
  ViewerPresentation presentation;  // the GSPS's window and orientation
};

}  // namespace anatomix::report
