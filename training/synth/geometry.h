// Plane geometry shared by the generator: points, axis-aligned boxes and the affine map from the
// canonical patient frame to image pixels.
//
// Canonical frame: x grows toward the PATIENT'S LEFT, y grows toward the feet; one unit is about the
// half-width of the rib cage. Image pixels: x to the right, y down, continuous coordinates whose
// integer values are pixel edges (pixel (i, j) covers [i, i+1) x [j, j+1)).
#pragma once

#include <vector>

namespace anatomix::synth {

struct Point {
  double x = 0.0;
  double y = 0.0;
};

struct Box {  // x1 <= x2, y1 <= y2; empty when default-constructed
  double x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0;
  bool valid = false;

  void include(Point p);
  void include(const Box& other);
  Box clamped(double width, double height) const;
  Box grown(double margin) const;
  double width() const { return x2 - x1; }
  double height() const { return y2 - y1; }
  double area() const { return valid ? width() * height() : 0.0; }
  Point center() const { return {(x1 + x2) / 2, (y1 + y2) / 2}; }
};

Box bounding_box(const std::vector<Point>& points);

// Canonical -> image: rotation * diag(mirror * scale_x, scale_y), then translation.
class Affine {
 public:
  Affine() = default;
  static Affine placement(double scale_x, double scale_y, double angle_radians, bool mirror, Point origin);

  Point map(Point p) const { return {a_ * p.x + b_ * p.y + tx_, c_ * p.x + d_ * p.y + ty_}; }
  Point unmap(Point q) const;
  Box map_points(const std::vector<Point>& points) const;  // image bbox of the mapped points
  Box map_box(const Box& canonical) const;                 // image bbox of the mapped corners
  Box unmap_box(const Box& image) const;
  double mean_scale() const;  // image pixels per canonical unit

 private:
  double a_ = 1, b_ = 0, c_ = 0, d_ = 1, tx_ = 0, ty_ = 0;
  double ia_ = 1, ib_ = 0, ic_ = 0, id_ = 1;
};

// Catmull-Rom through the control points, `steps` samples per segment.
std::vector<Point> smooth_closed_curve(const std::vector<Point>& control, int steps);
std::vector<Point> smooth_open_curve(const std::vector<Point>& control, int steps);
std::vector<Point> cubic_bezier(Point p0, Point p1, Point p2, Point p3, int steps);
bool point_in_polygon(const std::vector<Point>& polygon, Point p);
double distance_to_segment(Point p, Point a, Point b, double* t_out = nullptr);

}  // namespace anatomix::synth
