#include "synth/geometry.h"

#include <algorithm>
#include <cmath>

namespace anatomix::synth {

void Box::include(Point p) {
  if (!valid) {
    x1 = x2 = p.x;
    y1 = y2 = p.y;
    valid = true;
    return;
  }
  x1 = std::min(x1, p.x);
  y1 = std::min(y1, p.y);
  x2 = std::max(x2, p.x);
  y2 = std::max(y2, p.y);
}

void Box::include(const Box& other) {
  if (!other.valid) return;
  include(Point{other.x1, other.y1});
  include(Point{other.x2, other.y2});
}

Box Box::clamped(double width, double height) const {
  if (!valid) return *this;
  Box out{std::clamp(x1, 0.0, width), std::clamp(y1, 0.0, height), std::clamp(x2, 0.0, width),
          std::clamp(y2, 0.0, height), true};
  out.valid = out.x2 > out.x1 && out.y2 > out.y1;
  return out;
}

Box Box::grown(double margin) const {
  if (!valid) return *this;
  return {x1 - margin, y1 - margin, x2 + margin, y2 + margin, true};
}

Box bounding_box(const std::vector<Point>& points) {
  Box box;
  for (const auto& p : points) box.include(p);
  return box;
}

Affine Affine::placement(double scale_x, double scale_y, double angle, bool mirror, Point origin) {
  Affine t;
  const double sx = (mirror ? -1.0 : 1.0) * scale_x;
  const double cs = std::cos(angle), sn = std::sin(angle);
  t.a_ = cs * sx;
  t.b_ = -sn * scale_y;
  t.c_ = sn * sx;
  t.d_ = cs * scale_y;
  t.tx_ = origin.x;
  t.ty_ = origin.y;
  const double det = t.a_ * t.d_ - t.b_ * t.c_;
  t.ia_ = t.d_ / det;
  t.ib_ = -t.b_ / det;
  t.ic_ = -t.c_ / det;
  t.id_ = t.a_ / det;
  return t;
}

Point Affine::unmap(Point q) const {
  const double x = q.x - tx_, y = q.y - ty_;
  return {ia_ * x + ib_ * y, ic_ * x + id_ * y};
}

Box Affine::map_points(const std::vector<Point>& points) const {
  Box box;
  for (const auto& p : points) box.include(map(p));
  return box;
}

Box Affine::map_box(const Box& b) const {
  if (!b.valid) return b;
  return map_points({{b.x1, b.y1}, {b.x2, b.y1}, {b.x1, b.y2}, {b.x2, b.y2}});
}

Box Affine::unmap_box(const Box& b) const {
  Box out;
  for (Point p : {Point{b.x1, b.y1}, Point{b.x2, b.y1}, Point{b.x1, b.y2}, Point{b.x2, b.y2}}) out.include(unmap(p));
  return out;
}

double Affine::mean_scale() const { return std::sqrt(std::abs(a_ * d_ - b_ * c_)); }

namespace {
Point catmull_rom(Point p0, Point p1, Point p2, Point p3, double t) {
  const double t2 = t * t, t3 = t2 * t;
  auto f = [&](double a, double b, double c, double d) {
    return 0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
  };
  return {f(p0.x, p1.x, p2.x, p3.x), f(p0.y, p1.y, p2.y, p3.y)};
}
}  // namespace

std::vector<Point> smooth_closed_curve(const std::vector<Point>& c, int steps) {
  std::vector<Point> out;
  const std::size_t n = c.size();
  for (std::size_t i = 0; i < n; ++i)
    for (int s = 0; s < steps; ++s)
      out.push_back(catmull_rom(c[(i + n - 1) % n], c[i], c[(i + 1) % n], c[(i + 2) % n], double(s) / steps));
  return out;
}

std::vector<Point> smooth_open_curve(const std::vector<Point>& c, int steps) {
  std::vector<Point> out;
  const std::size_t n = c.size();
  if (n < 2) return c;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const Point p0 = i == 0 ? c[0] : c[i - 1];
    const Point p3 = i + 2 < n ? c[i + 2] : c[n - 1];
    for (int s = 0; s < steps; ++s) out.push_back(catmull_rom(p0, c[i], c[i + 1], p3, double(s) / steps));
  }
  out.push_back(c.back());
  return out;
}

std::vector<Point> cubic_bezier(Point p0, Point p1, Point p2, Point p3, int steps) {
  std::vector<Point> out;
  for (int s = 0; s <= steps; ++s) {
    const double t = double(s) / steps, u = 1 - t;
    const double w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
    out.push_back({w0 * p0.x + w1 * p1.x + w2 * p2.x + w3 * p3.x, w0 * p0.y + w1 * p1.y + w2 * p2.y + w3 * p3.y});
  }
  return out;
}

bool point_in_polygon(const std::vector<Point>& poly, Point p) {
  bool inside = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const Point& a = poly[i];
    const Point& b = poly[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

double distance_to_segment(Point p, Point a, Point b, double* t_out) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  if (t_out) *t_out = t;
  const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

}  // namespace anatomix::synth
