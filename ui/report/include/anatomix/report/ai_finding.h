// One AI result shown to the radiologist, and the radiologist's decision on it. Shared by the findings
// panel (ui/), the report editor and the exporters (ui/report/): the decision travels into the text,
// PDF and DICOM SR exports. Qt value types only; no torch, no VTK.
#pragma once

#include <QRectF>
#include <QString>
#include <QVector>

namespace anatomix::report {

enum class FindingSource {
  AnatomyGrounding,      // an anatomy box and its retrieved sentence
  PhraseGrounding,       // a typed phrase and the box(es) the model returned
  AbnormalityDetection,  // a labelled abnormality box
  Classification,        // an image-level CheXpert label (no box)
  RegionAnswer,          // grounded captioning / diagnosis on a user region
  LateralityCheck,       // the anatomy's sides disagree with the DICOM header's (no box)
  CardiothoracicRatio,   // the heart and thorax callipers' ratio (no box)
};

enum class FindingDecision { Proposed, Accepted, Edited, Rejected };

struct AiFinding {
  QString id;                       // stable within a study, e.g. "phrase-3"
  FindingSource source = FindingSource::PhraseGrounding;
  QString label;                    // what the model said (phrase, sentence, class name)
  QString editedLabel;              // the radiologist's wording when decision == Edited
  QVector<QRectF> regions;          // original-image pixels (x right, y down); empty for image labels
  double confidence = -1;           // probability or similarity when the model gives one; -1 if none
  FindingDecision decision = FindingDecision::Proposed;

  QString shownLabel() const { return decision == FindingDecision::Edited ? editedLabel : label; }
  bool inReportText() const { return decision == FindingDecision::Accepted || decision == FindingDecision::Edited; }
};

}  // namespace anatomix::report
