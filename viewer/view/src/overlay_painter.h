// Draws the overlay layers with QPainter in SCREEN pixels (private to the viewport): each item's
// image-pixel rectangle goes through the PresentationTransform, so boxes follow zoom, pan, flips
// and rotations exactly like the image; pen widths and labels stay screen-sized and upright.
#pragma once

#include <QString>

class QPainter;

namespace anatomix::viewer {

class OverlayLayerModel;
class PresentationTransform;

struct OverlayHover {
  QString layerId;
  QString itemId;
};

// Layers are drawn from the bottom row to the top row (row 0 last).
void paintOverlayLayers(QPainter& painter, const OverlayLayerModel& model, const PresentationTransform& transform,
                        const OverlayHover& hover);

}  // namespace anatomix::viewer
