// A sampled parametric thorax: every structure the renderer draws and the 36 object boxes derive
// from, in the canonical patient frame (geometry.h), plus its placement in the image.
#pragma once

#include <array>
#include <vector>

#include "synth/anatomy.h"
#include "synth/geometry.h"
#include "synth/rng.h"

namespace anatomix::synth {

enum Side : int { kRightSide = 0, kLeftSide = 1 };  // the PATIENT's side
inline double side_sign(int side) { return side == kLeftSide ? 1.0 : -1.0; }

struct Ellipse {
  Point center;
  double rx = 0, ry = 0, angle = 0;  // semi-axes before rotation, angle in radians
};

struct Tube {  // a radiographic cylinder along a path, radius varying linearly along it
  std::vector<Point> path;
  double radius_start = 0, radius_end = 0;
};

// What the case is, decided before the geometry is drawn.
struct ThoraxOptions {
  int width = 1024, height = 1024;  // image size in pixels
  bool situs_inversus = false;      // heart, aorta, stomach mirrored inside the patient
  bool flipped_acquisition = false; // image mirrored: patient's left on the image's left
  bool ap_view = false;
  double cardiothoracic_ratio = 0.45;
};

struct Thorax {
  ThoraxOptions options;
  Affine to_image;   // canonical -> image pixels
  int heart_side = kLeftSide;
  bool female = false;

  std::array<std::vector<Point>, 2> lung;    // closed outlines per patient side
  std::array<std::vector<Point>, 2> dome;    // hemidiaphragm, medial -> lateral
  std::array<double, 2> dome_top{};          // y of each dome's apex
  std::array<Point, 2> costophrenic{};       // lateral lung tips
  std::array<Point, 2> cardiophrenic{};      // heart border meets the dome
  std::array<Point, 2> hilum{};
  double apex_y = 0, lung_height = 1;        // apex to the higher dome

  Ellipse heart, right_atrium, aortic_knob, gastric_bubble;
  std::array<double, 2> heart_border_x{};    // extreme heart x on each patient side
  double heart_top = 0, heart_bottom = 0;
  Tube descending_aorta, svc, trachea;
  std::array<Tube, 2> bronchus;
  Point carina, cavoatrial_junction;
  std::array<Tube, 2> clavicle;
  std::array<std::vector<Tube>, 2> posterior_ribs, anterior_ribs;
  std::array<std::vector<Tube>, 2> vessels;
  std::array<Ellipse, 2> humeral_head;
  std::vector<Point> body;
  double spine_half_width = 0.1;
  double chest_half_width = 1.0;             // lateral inner rib margin at its widest

  // Lateral |x| of the lung outline of `side` at height y (widest point of the outline near y).
  double lung_lateral_x(int side, double y) const;
  // Horizontal extent of the lung of `side` between heights y1 < y2, as canonical points.
  std::vector<Point> lung_band(int side, double y1, double y2) const;
  double zone_boundary(int index) const;
  // Height of the hemidiaphragm under canonical x (the dome of the side x lies on; flat beyond it).
  double diaphragm_y(double x) const;  // 0 apex, 1 apical/upper, 2 upper/mid, 3 mid/lower
};

Thorax sample_thorax(const ThoraxOptions& options, Rng& rng);

// The 36 object boxes in original-image pixels, in query order, clamped to the image.
std::array<Box, kAnatomyCount> anatomy_boxes(const Thorax& thorax);

}  // namespace anatomix::synth
