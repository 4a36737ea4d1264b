// The tool that the LEFT mouse button uses in ImageViewport. Whatever the tool: right-drag is
// window/level, middle-drag is pan, the wheel zooms about the cursor.
#pragma once

namespace anatomix::viewer {

enum class ViewportTool {
  WindowLevel,  // left-drag: horizontal = width, vertical = centre (like the right button)
  Pan,          // left-drag moves the image
  Zoom,         // left-drag up zooms in, down zooms out, about the press point
  DrawRegion,   // left-drag on empty image draws a user region; on a region selects/moves it;
                // on a selected region's handle resizes it. Delete/Backspace removes the selected one.
  MeasureDistance,  // left-drag draws a ruler (length in mm when the pixel spacing is known)
  MeasureAngle,     // left-drag draws the first arm (from its end to the vertex), a click ends the
                    // second arm
  MeasureRectangle,  // left-drag draws a rectangular region of interest (mean, SD, min, max, area)
  MeasureEllipse,    // left-drag draws an elliptical region of interest inscribed in the dragged box
  Arrow,             // left-drag from the tip to the tail draws an arrow; its text is asked for afterwards
  Magnifier,         // while the left button is held, a round lens shows the view around the cursor
                     // magnified twice
};
// In every tool but DrawRegion, a left-drag that starts on a point of a measurement (its handle)
// moves that point: rulers, angles and the cardiothoracic callipers are adjusted this way.

}  // namespace anatomix::viewer
