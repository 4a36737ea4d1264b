// FlipCheckPanel: shows the flip consistency check (flip_consistency.h): a summary verdict
// ("36/36 consistent, mean IoU 0.93"), one row per anatomy (same side, IoU) and the "flip-check"
// overlay layer with each original box solid and the mapped-back box of the mirrored run dashed,
// inconsistent pairs in red. Selecting a row highlights its pair. The run button asks the caller
// (runRequested) to analyse the mirrored pixels. The overlay model is borrowed. GUI thread only.
#pragma once

#include <QWidget>

#include "anatomix/flip_consistency.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace anatomix::viewer {
class OverlayLayerModel;
}

namespace anatomix::ui {

class FlipCheckPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr const char* kLayerId = "flip-check";

  explicit FlipCheckPanel(viewer::OverlayLayerModel* model, QWidget* parent = nullptr);

  void setReport(const FlipConsistencyReport& report);
  void clear();
  void setRunning(bool running);
  void setAiAvailable(bool available);
  void showFailure(const QString& message);

  bool hasReport() const { return m_hasReport; }
  const FlipConsistencyReport& report() const { return m_report; }
  QString verdictText() const;
  QTreeWidget* list() const { return m_list; }
  QPushButton* runButton() const { return m_run; }

 signals:
  void runRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void rebuild();
  void highlightRow(int anatomyIndex);

  viewer::OverlayLayerModel* m_model;  // borrowed
  QPushButton* m_run;
  QLabel* m_verdict;
  QTreeWidget* m_list;
  FlipConsistencyReport m_report;
  bool m_hasReport = false;
  bool m_running = false;
  bool m_aiAvailable = false;
  QString m_failure;
};

}  // namespace anatomix::ui
