// Overlay data and display style. Geometry is always in IMAGE PIXELS of the original image
// (x right, y down, pixel (i,j) covers [i,i+1)x[j,j+1)); the viewport maps it through the same
// PresentationTransform as the pixels at draw time, so zoom/flip/rotate never change stored boxes.
#pragma once

#include <QColor>
#include <QFlags>
#include <QMetaType>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

namespace anatomix::viewer {

enum class OverlayItemFlag {
  None = 0,
  Highlighted = 1 << 0,  // drawn thicker and brighter (e.g. the anatomy named in an answer)
  Abnormal = 1 << 1,     // drawn with the layer's abnormal colour unless the item has its own colour
  Selected = 1 << 2,     // selection outline; in editable layers also shows resize handles
  Dashed = 1 << 3,       // dashed outline whatever the layer's pen style
  Hidden = 1 << 4,       // kept in the model, not drawn and not hit-tested
  Ellipse = 1 << 5,      // a box drawn as the ellipse inscribed in rectPx (an elliptical ROI)
  Arrow = 1 << 6,        // a two-point line drawn with an arrowhead at its first point (an annotation)
};
Q_DECLARE_FLAGS(OverlayItemFlags, OverlayItemFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(OverlayItemFlags)

struct OverlayItem {
  QString id;            // unique within its layer (e.g. "right upper lung zone", "region-3")
  QRectF rectPx;         // image pixels, normalised (positive width and height)
  QString label;         // short text drawn next to the box (see OverlayLayerStyle::labelMode)
  QColor colour;         // invalid: use the layer's colour (or abnormal colour)
  QString toolTip;       // longer text shown on hover (e.g. the retrieved finding sentence)
  OverlayItemFlags flags;
  // Line geometry in image pixels, empty for a box: two points for a distance or a calliper, three
  // (arm end, vertex, arm end) for an angle. When set, the item is drawn as the lines through them
  // (a calliper with end ticks), hit-tested along them, and rectPx is their bounding box.
  QVector<QPointF> pointsPx;

  bool isLine() const { return pointsPx.size() >= 2; }
  bool operator==(const OverlayItem& o) const {
    return id == o.id && rectPx == o.rectPx && label == o.label && colour == o.colour &&
           toolTip == o.toolTip && flags == o.flags && pointsPx == o.pointsPx;
  }
  bool operator!=(const OverlayItem& o) const { return !(*this == o); }
};

enum class OverlayLabelMode {
  Never,
  Always,
  OnHover,         // label of the item under the cursor (and of selected/highlighted items)
  WhenHighlighted  // labels of highlighted or selected items only
};

struct OverlayLayerStyle {
  QColor colour{0, 200, 255};          // default outline colour
  QColor abnormalColour{255, 80, 60};  // for items flagged Abnormal without their own colour
  Qt::PenStyle penStyle = Qt::SolidLine;
  double penWidthPx = 1.5;  // screen pixels, independent of zoom
  double fillOpacity = 0.0; // 0..1 fill of boxes (times the layer opacity); 0 = outline only
  OverlayLabelMode labelMode = OverlayLabelMode::Always;
};

// A named layer. Row order in OverlayLayerModel is the z order (row 0 drawn on top).
struct OverlayLayer {
  QString id;         // stable key used by code ("user-regions", "anatomy", "findings", "answer")
  QString name;       // translated display name
  bool visible = true;
  double opacity = 1.0;  // 0..1
  bool editable = false; // items can be drawn/moved/resized/deleted with the region tool
  OverlayLayerStyle style;
  QVector<OverlayItem> items;
};

}  // namespace anatomix::viewer

Q_DECLARE_METATYPE(anatomix::viewer::OverlayItem)
