// The cardiothoracic ratio on the workstation: after each analysis, two callipers in the
// measurement layer (the heart's and the thorax's transverse diameters, anatomix/
// cardiothoracic_ratio.h) that the reader adjusts by dragging their ends; the ratio is recomputed
// from the callipers as they are, shown on the thorax calliper and offered to the report draft as a
// sentence (a finding of its own). On an AP film the heart is magnified, so the ratio is shown with
// "AP view: magnified, CTR overestimates". The layer and the panel are borrowed and must outlive
// this object. GUI thread only.
#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "anatomix/ui/engine_worker.h"

namespace anatomix::viewer {
class MeasurementLayer;
}

namespace anatomix::ui {

class FindingsPanel;

class CardiothoracicRatioCallipers : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kCardiacId = "ctr-heart";
  static constexpr const char* kThoracicId = "ctr-thorax";

  CardiothoracicRatioCallipers(viewer::MeasurementLayer* layer, FindingsPanel* findings, QObject* parent = nullptr);

  // Places the callipers from the analysis' heart, lung and hemidiaphragm boxes; `viewPosition` is
  // the image's DICOM View Position ("AP", "PA", "" when unknown). A null analysis, or one without
  // the boxes, removes them.
  void setAnalysis(const std::shared_ptr<const ImageAnalysis>& analysis, const QString& viewPosition);

  bool isShown() const;
  // Heart width over thorax width, from the callipers as they are now; 0 when not shown.
  double ratio() const;
  bool anteroposterior() const { return m_anteroposterior; }
  // The draft report's sentence; "" when not shown.
  QString sentence() const;

 signals:
  void ratioChanged(double ratio);

 private:
  void update();

  viewer::MeasurementLayer* m_layer;  // borrowed
  FindingsPanel* m_findings;          // borrowed
  bool m_anteroposterior = false;
  QString m_lastSentence;  // what the findings panel holds
};

}  // namespace anatomix::ui
