// VtkFrameRenderer (private to the viewport): an offscreen VTK render window that draws the 8-bit
// image plane, the corner annotation and the orientation labels, and reads the frame back into a
// QImage. VTK headers stay in the .cpp. GUI thread only (one OpenGL context).
//
// Plane geometry: plane pixel (i, j) covers [i, i+1) x [j, j+1) in plane coordinates; the caller
// gives the plane -> screen mapping (screen: widget pixels, y down), i.e. the PresentationTransform
// composed with the plane's region and scale. VTK draws it through the actor's matrix, except where
// the plane lies on whole screen pixels at one plane pixel per screen pixel (zoomed out, or 1:1 at
// a whole-pixel pan, in any of the eight orientations): then the plane is copied into the frame on
// the CPU and VTK draws only the texts, on a transparent background that is blended over the copy.
// Same pixels; with software OpenGL, texturing a viewport-sized plane cost more than the rest of
// the frame together.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include <QImage>
#include <QString>
#include <QTransform>

namespace anatomix::viewer {

struct EdgeLabels;

class VtkFrameRenderer {
 public:
  enum Corner { LowerLeft = 0, LowerRight = 1, UpperLeft = 2, UpperRight = 3 };

  VtkFrameRenderer();
  ~VtkFrameRenderer();
  VtkFrameRenderer(const VtkFrameRenderer&) = delete;
  VtkFrameRenderer& operator=(const VtkFrameRenderer&) = delete;

  // Creates the offscreen OpenGL context. False, with a reason, where there is none (no X display).
  bool initialize(QString* error);
  bool isInitialized() const;

  void setFrameSize(int width, int height);
  // A width*height byte buffer (rows top to bottom, no padding) for the caller to fill; valid until
  // the next call. Marks the plane as changed.
  std::uint8_t* planeBuffer(int width, int height);
  void setPlaneToScreen(const QTransform& planeToScreen);
  void setPlaneVisible(bool visible);
  void setSmoothMagnification(bool smooth);
  // On by default; off draws every plane through OpenGL (to compare the two).
  void setDirectPlaneCopy(bool enabled);
  void setCornerTexts(const std::array<QString, 4>& texts);  // indexed by Corner
  void setEdgeLabels(const EdgeLabels& labels);

  // Renders and copies the frame into `frame` (Format_RGB32, frame size). Times in ms; the
  // read-back includes copying the plane and blending the texts over it where the plane is copied.
  // `planeCopied` (optional): whether it was.
  void render(QImage* frame, double* renderMs, double* readbackMs, bool* planeCopied = nullptr);

 private:
  struct Vtk;
  std::unique_ptr<Vtk> m_vtk;
};

}  // namespace anatomix::viewer
