// What every export needs besides the draft: whether to remove patient identifiers, who made the AI
// results (the algorithm is the SR's device observer and is named in the text/PDF footer), and how
// the viewer shows the image (the presentation state's window and orientation).
#pragma once

#include <QDateTime>
#include <QRectF>
#include <QString>
#include <QVector>

namespace anatomix::report {

struct AlgorithmIdentity {
  QString name = QStringLiteral("AnatomiX");
  QString version = QStringLiteral("0.1");
  QString manufacturer = QStringLiteral("AnatomiX Workstation");
  // Identifies this installation as the SR's device observer (TID 1004 Device Observer UID).
  // Empty: a UID generated per export.
  QString deviceObserverUid;
  // The model bundle that produced the results (its config.json "name", "version" and "description"); empty
  // when not known. Named as the SR's device observer model and in the text/PDF footer.
  QString modelName;
  QString modelVersion;
  QString modelDescription;

  // "anatomix-demo 2.1" (the name, then the version if any); "" without a model name.
  QString modelNameAndVersion() const {
    return modelVersion.isEmpty() ? modelName : modelName + QLatin1Char(' ') + modelVersion;
  }
  // "anatomix-demo 2.1: demonstration model ..." (the description if any); "" without a model name.
  QString modelText() const {
    if (modelName.isEmpty()) return QString();
    return modelDescription.isEmpty() ? modelNameAndVersion() : modelNameAndVersion() + QStringLiteral(": ") + modelDescription;
  }
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

// One of the analysis' anatomy boxes as the anatomy layer shows it: the bundle's published name (the
// patient's side, as the pixels show the anatomy; never exchanged when the viewer mirrors) and its
// box in original-image pixels.
struct AnatomyBox {
  QString name;
  QRectF rectPx;
  bool operator==(const AnatomyBox& other) const { return name == other.name && rectPx == other.rectPx; }
};

// A region the reader drew to ask the model "what is here?" (original-image pixels), with the
// question asked about it and the model's answer; both empty while it has not been asked about.
struct QuestionRegion {
  QRectF rectPx;
  QString question;
  QString answer;
  bool operator==(const QuestionRegion& other) const {
    return rectPx == other.rectPx && question == other.question && answer == other.answer;
  }
};

struct ExportOptions {
  bool removePatientIdentifiers = false;  // DICOM PS3.15 basic profile on the SR and the header
  AlgorithmIdentity algorithm;
  QDateTime createdUtc = QDateTime::currentDateTimeUtc();  // content date/time of the export
  ViewerPresentation presentation;  // the GSPS's window and orientation
  // The image's overlays the presentation state carries besides the findings and measurements (its
  // "ANATOMY" and "QUESTIONS" layers). Not part of the draft: they come from the analysis and the
  // viewer's region layer of the image shown.
  QVector<AnatomyBox> anatomies;
  QVector<QuestionRegion> questionRegions;
};

}  // namespace anatomix::report
