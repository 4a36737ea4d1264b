// AnatomyPanel: the anatomy list dock and the "anatomy" overlay layer it controls. setAnalysis()
// puts the 36 boxes into the layer (colour by region group, the retrieved sentence as tool tip,
// boxes whose sentence is not "... is healthy." flagged Abnormal) and lists them: a check box shows
// or hides each box, selecting a row selects and highlights its box, abnormal rows are bold red.
// A combo box chooses when labels are drawn (on hover, always, never).
// The overlay model is borrowed and must outlive the panel. GUI thread only.
#pragma once

#include <memory>

#include <QWidget>

#include "anatomix/viewer/overlay_item.h"

class QComboBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace anatomix::viewer {
class OverlayLayerModel;
}

namespace anatomix::ui {

struct ImageAnalysis;

class AnatomyPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr const char* kLayerId = "anatomy";

  explicit AnatomyPanel(viewer::OverlayLayerModel* model, QWidget* parent = nullptr);

  void setAnalysis(std::shared_ptr<const ImageAnalysis> analysis);
  void clear();
  // Shown in place of the list while there is no analysis ("Analysing...", "No model loaded").
  void setPlaceholder(const QString& text);

  QTreeWidget* list() const { return m_list; }
  QComboBox* labelModeBox() const { return m_labelMode; }
  static QString itemId(int anatomyIndex);  // "anatomy-<i>"
  // The anatomy layer of `analysis` as this panel draws it, for another viewport (the prior beside the image).
  static viewer::OverlayLayer layerFor(const ImageAnalysis& analysis);

  // Selects anatomy `index` in the list and its box in the layer (-1: none).
  void selectAnatomy(int index);

 signals:
  void anatomySelected(int index);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  static viewer::OverlayLayer emptyLayer();
  static QVector<viewer::OverlayItem> itemsFor(const ImageAnalysis& analysis);
  void ensureLayer();
  void retranslate();
  void onItemChanged(QTreeWidgetItem* item, int column);
  void onCurrentChanged();
  void onLayerItemClicked(const QString& itemId);

  viewer::OverlayLayerModel* m_model;  // borrowed
  QTreeWidget* m_list;
  QComboBox* m_labelMode;
  QLabel* m_placeholder;
  QLabel* m_summary;
  std::shared_ptr<const ImageAnalysis> m_analysis;
};

}  // namespace anatomix::ui
