// LayersPanel: the layers dock's content: the overlay layers of an OverlayLayerModel, top layer
// first, each with a visibility check box, and an opacity slider for the selected layer.
// The model is borrowed and must outlive the panel. GUI thread only.
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QSlider;

namespace anatomix::viewer {
class OverlayLayerModel;
}

namespace anatomix::ui {

class LayersPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LayersPanel(viewer::OverlayLayerModel* model, QWidget* parent = nullptr);

  QListView* list() const { return m_list; }
  QSlider* opacitySlider() const { return m_opacity; }
  // The selected layer's id, "" when none.
  QString currentLayerId() const;
  void setCurrentLayer(const QString& layerId);

 private:
  void syncSlider();

  viewer::OverlayLayerModel* m_model;  // borrowed
  QListView* m_list;
  QSlider* m_opacity;
  QLabel* m_opacityValue;
};

}  // namespace anatomix::ui
