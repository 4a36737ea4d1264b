#include "synth/thorax.h"

#include <algorithm>
#include <cmath>

namespace anatomix::synth {
namespace {

constexpr double kDegree = M_PI / 180.0;

Tube make_tube(std::vector<Point> path, double r0, double r1) { return Tube{std::move(path), r0, r1}; }

Point ellipse_point(const Ellipse& e, double t) {
  const double x = e.rx * std::cos(t), y = e.ry * std::sin(t);
  const double c = std::cos(e.angle), s = std::sin(e.angle);
  return {e.center.x + c * x - s * y, e.center.y + s * x + c * y};
}

// Lung outline of one side from anatomical landmarks (|x| values mirrored by the side sign).
std::vector<Point> lung_outline(double sign, double width, double dome_top, double cp_y, double medial_x,
                                std::vector<Point>* dome_out) {
  auto P = [&](double ax, double y) { return Point{sign * ax * width, y}; };
  std::vector<Point> control = {P(0.42, 0.0), P(0.30, 0.05), P(0.21, 0.22), P(medial_x, 0.5), P(medial_x, 0.85)};
  // Medial border down to the cardiophrenic corner; the heart is drawn over it.
  control.push_back(P(medial_x + 0.01, dome_top - 0.2));
  control.push_back(P(medial_x + 0.03, dome_top + 0.10));
  // Dome from medial to lateral: highest near the middle of the hemithorax.
  std::vector<Point> dome;
  const double peak = 0.52;
  for (int i = 0; i <= 8; ++i) {
    const double ax = 0.20 + (0.93 - 0.20) * i / 8.0;
    double y;
    if (ax < peak) y = dome_top + 0.10 * std::pow((peak - ax) / (peak - 0.20), 2);
    else y = dome_top + (cp_y - dome_top) * std::pow((ax - peak) / (0.96 - peak), 2.2);
    dome.push_back(P(ax, y));
  }
  for (std::size_t i = 1; i < dome.size(); ++i) control.push_back(dome[i]);
  control.push_back(P(0.965, cp_y));
  const double lateral_top = cp_y - 0.25;
  control.push_back(P(0.99, lateral_top));
  control.push_back(P(0.975, 1.05));
  control.push_back(P(0.93, 0.72));
  control.push_back(P(0.84, 0.42));
  control.push_back(P(0.70, 0.17));
  control.push_back(P(0.56, 0.035));
  if (dome_out) {
    dome.insert(dome.begin(), P(medial_x + 0.03, dome_top + 0.10));
    dome.push_back(P(0.965, cp_y));
    *dome_out = dome;
  }
  return smooth_closed_curve(control, 6);
}

void grow_vessels(Rng& rng, const std::vector<Point>& lung, Point start, double angle, double length,
                  double radius, int depth, std::vector<Tube>& out) {
  const Point end{start.x + length * std::cos(angle), start.y + length * std::sin(angle)};
  if (!point_in_polygon(lung, end)) return;
  const Point mid{(start.x + end.x) / 2 + rng.normal(0, length * 0.08), (start.y + end.y) / 2 + rng.normal(0, length * 0.08)};
  out.push_back(make_tube({start, mid, end}, radius, radius * 0.85));
  if (depth == 0) return;
  const int children = depth > 2 ? 2 : rng.integer(1, 2);
  for (int c = 0; c < children; ++c) {
    const double turn = (c == 0 ? -1 : 1) * rng.uniform(12, 32) * kDegree;
    grow_vessels(rng, lung, end, angle + turn, length * rng.uniform(0.68, 0.85), radius * 0.72, depth - 1, out);
  }
}

}  // namespace

double Thorax::lung_lateral_x(int side, double y) const {
  double best = 0.0;
  for (const auto& p : lung[side])
    if (std::abs(p.y - y) < 0.06) best = std::max(best, std::abs(p.x));
  return best > 0 ? best : chest_half_width;
}

std::vector<Point> Thorax::lung_band(int side, double y1, double y2) const {
  std::vector<Point> out;
  const auto& poly = lung[side];
  for (std::size_t i = 0; i < poly.size(); ++i) {
    const Point a = poly[i], b = poly[(i + 1) % poly.size()];
    if (a.y >= y1 && a.y <= y2) out.push_back(a);
    for (double level : {y1, y2})  // crossings of the band edges
      if ((a.y - level) * (b.y - level) < 0) {
        const double t = (level - a.y) / (b.y - a.y);
        out.push_back({a.x + t * (b.x - a.x), level});
      }
  }
  return out;
}

double Thorax::diaphragm_y(double x) const {
  const auto& curve = dome[x < 0 ? kRightSide : kLeftSide];
  const double ax = std::abs(x);
  if (ax <= std::abs(curve.front().x)) return curve.front().y;
  for (std::size_t i = 0; i + 1 < curve.size(); ++i) {
    const double a = std::abs(curve[i].x), b = std::abs(curve[i + 1].x);
    if (ax >= a && ax <= b) return curve[i].y + (curve[i + 1].y - curve[i].y) * (ax - a) / std::max(1e-9, b - a);
  }
  return curve.back().y + 1.5 * (ax - std::abs(curve.back().x));  // the abdominal wall slopes away
}

double Thorax::zone_boundary(int index) const {
  static const double fractions[] = {0.0, 0.16, 0.36, 0.63};
  return apex_y + fractions[index] * lung_height;
}

Thorax sample_thorax(const ThoraxOptions& options, Rng& rng) {
  Thorax t;
  t.options = options;
  t.heart_side = options.situs_inversus ? kRightSide : kLeftSide;
  t.female = rng.bernoulli(0.5);
  const double hs = side_sign(t.heart_side);

  // Placement in the image: the field spans about 3.2 canonical units vertically.
  const double scale = options.height / 3.2 * rng.uniform(0.93, 1.05);
  const double aspect = rng.uniform(0.94, 1.06);  // broad or slender chest
  const double angle = rng.normal(0, 2.0) * kDegree;
  const Point origin{options.width * 0.5 + rng.uniform(-0.03, 0.03) * options.width,
                     options.height * 0.15 + rng.uniform(-0.025, 0.03) * options.height};
  t.to_image = Affine::placement(scale * aspect, scale, angle, options.flipped_acquisition, origin);

  // Lungs and hemidiaphragms. The dome under the liver (opposite the heart) sits higher.
  const double height = rng.uniform(0.92, 1.08) * (options.ap_view ? 0.94 : 1.0);
  const double width = rng.uniform(0.95, 1.03);
  const double liver_dome = 1.55 * height;
  const double stomach_dome = liver_dome + rng.uniform(0.05, 0.15);
  t.apex_y = 0.0;
  t.lung_height = liver_dome;
  for (int side : {kRightSide, kLeftSide}) {
    const bool liver_side = side != t.heart_side;
    t.dome_top[side] = liver_side ? liver_dome : stomach_dome;
    const double cp_y = t.dome_top[side] + rng.uniform(0.24, 0.32) * height;
    t.lung[side] = lung_outline(side_sign(side), width, t.dome_top[side], cp_y, 0.15, &t.dome[side]);
    t.costophrenic[side] = {side_sign(side) * 0.965 * width, cp_y};
  }
  t.chest_half_width = 0.99 * width;

  // Heart: tilted ellipse, apex toward heart_side, resting on the dome.
  const double heart_width = 2.0 * options.cardiothoracic_ratio * t.chest_half_width;
  const double tilt = 35 * kDegree, axis_ratio = 0.74;
  const double long_axis = heart_width / 2 / std::sqrt(std::pow(std::cos(tilt), 2) + std::pow(axis_ratio * std::sin(tilt), 2));
  const double half_height = long_axis * std::sqrt(std::pow(std::sin(tilt), 2) + std::pow(axis_ratio * std::cos(tilt), 2));
  t.heart.rx = long_axis;
  t.heart.ry = long_axis * axis_ratio;
  t.heart.angle = hs * tilt;
  t.heart.center = {hs * (0.5 - 0.34) * heart_width + rng.normal(0, 0.02), t.dome_top[t.heart_side] + 0.06 - half_height};
  t.heart_top = t.heart.center.y - half_height;
  t.heart_bottom = t.heart.center.y + half_height;
  t.heart_border_x[t.heart_side] = t.heart.center.x + hs * heart_width / 2;
  t.heart_border_x[1 - t.heart_side] = t.heart.center.x - hs * heart_width / 2;
  t.right_atrium = {{t.heart_border_x[1 - t.heart_side] + hs * 0.13, t.heart.center.y + 0.08}, 0.15, 0.22, 0};
  for (int side : {kRightSide, kLeftSide})
    t.cardiophrenic[side] = {t.heart_border_x[side] * 0.92, t.dome_top[side] + 0.09};

  // Great vessels, airway, hila.
  t.aortic_knob = {{hs * rng.uniform(0.12, 0.15), t.heart_top - rng.uniform(0.40, 0.50)}, 0.095, 0.075, 0};
  t.descending_aorta = make_tube({{hs * 0.12, t.aortic_knob.center.y + 0.03}, {hs * 0.10, t.heart.center.y},
                                  {hs * 0.07, t.dome_top[t.heart_side] + 0.15}}, 0.055, 0.05);
  const double svc_x = -hs * 0.12;
  t.cavoatrial_junction = {svc_x - hs * 0.01, t.heart_top + 0.10};
  t.svc = make_tube({{svc_x + hs * 0.02, 0.20}, {svc_x, 0.55}, t.cavoatrial_junction}, 0.045, 0.05);
  t.carina = {-hs * 0.01 + rng.normal(0, 0.01), t.aortic_knob.center.y + rng.uniform(0.18, 0.26)};
  t.trachea = make_tube({{0.0, -0.55}, {-hs * 0.01, 0.1}, t.carina}, 0.06, 0.06);
  // The bronchus on the heart's side is longer and more horizontal.
  t.bronchus[t.heart_side] = make_tube({t.carina, {hs * 0.13, t.carina.y + 0.12}, {hs * 0.25, t.carina.y + 0.24}}, 0.042, 0.034);
  t.bronchus[1 - t.heart_side] = make_tube({t.carina, {-hs * 0.09, t.carina.y + 0.10}, {-hs * 0.16, t.carina.y + 0.25}}, 0.045, 0.036);
  for (int side : {kRightSide, kLeftSide}) {
    const double lower = side == t.heart_side ? 0.0 : 0.06;  // the other hilum sits a little lower
    t.hilum[side] = {side_sign(side) * 0.29 * width, t.carina.y + 0.22 + lower};
  }

  // Skeleton.
  t.spine_half_width = rng.uniform(0.09, 0.11);
  for (int side : {kRightSide, kLeftSide}) {
    const double s = side_sign(side);
    const double medial_y = rng.uniform(0.10, 0.16), lateral_y = medial_y - rng.uniform(0.12, 0.22);
    t.clavicle[side] = make_tube(cubic_bezier({s * 0.07, medial_y}, {s * 0.35, medial_y + 0.06},
                                              {s * 0.65, lateral_y - 0.06}, {s * 0.98, lateral_y}, 16), 0.045, 0.05);
    for (int i = 0; i < 10; ++i) {
      const double y0 = -0.07 + i * 0.165 * height;
      const double lat = std::max(0.55, t.lung_lateral_x(side, y0 + 0.27) + 0.03);
      const Point start{s * 0.10, y0}, lateral{s * lat, y0 + 0.27};
      t.posterior_ribs[side].push_back(make_tube(
          cubic_bezier(start, {s * 0.35, y0 - 0.06}, {s * (lat - 0.1), y0 + 0.03}, lateral, 16), 0.028, 0.034));
      if (i < 8)
        t.anterior_ribs[side].push_back(make_tube(
            cubic_bezier(lateral, {s * (lat + 0.03), y0 + 0.42}, {s * 0.7, y0 + 0.58}, {s * 0.34, y0 + 0.68}, 16),
            0.032, 0.026));
    }
    t.humeral_head[side] = {{s * 1.28, -0.12}, 0.2, 0.2, 0};
  }

  // Pulmonary vessels fan out of each hilum.
  for (int side : {kRightSide, kLeftSide}) {
    const double s = side_sign(side);
    for (double base : {-75.0, -40.0, -8.0, 28.0, 62.0, 85.0}) {
      const double a = (base + rng.normal(0, 6)) * kDegree;
      const double angle_in_frame = s > 0 ? a : M_PI - a;
      grow_vessels(rng, t.lung[side], t.hilum[side], angle_in_frame, rng.uniform(0.17, 0.24), 0.024, 4,
                   t.vessels[side]);
    }
  }

  const double stomach_x = hs * rng.uniform(0.40, 0.55);
  t.gastric_bubble = {{stomach_x, t.dome_top[t.heart_side] + 0.17}, rng.uniform(0.11, 0.18), rng.uniform(0.06, 0.09), 0};

  const std::vector<Point> half = {{0.36, -0.9}, {0.40, -0.42}, {0.78, -0.32}, {1.18, -0.25}, {1.5, -0.1},
                                   {1.55, 0.3}, {1.30, 0.75}, {1.22, 1.3}, {1.20, 2.0}, {1.24, 2.9}};
  std::vector<Point> outline;
  for (const auto& p : half) outline.push_back({p.x * width, p.y});
  for (auto it = half.rbegin(); it != half.rend(); ++it) outline.push_back({-it->x * width, it->y});
  t.body = smooth_closed_curve(outline, 6);
  return t;
}

std::array<Box, kAnatomyCount> anatomy_boxes(const Thorax& t) {
  std::array<Box, kAnatomyCount> boxes;
  const Affine& m = t.to_image;
  const int hs_side = t.heart_side;
  const double hs = side_sign(hs_side);
  auto tube_box = [&](const Tube& tube) {
    Box b = m.map_points(tube.path);
    return b.grown(std::max(tube.radius_start, tube.radius_end) * m.mean_scale());
  };
  auto around = [&](Point c, double rx, double ry) { return m.map_box({c.x - rx, c.y - ry, c.x + rx, c.y + ry, true}); };
  const int lung_index[2] = {kRightLung, kLeftLung};
  const int zone_index[2][3] = {{kRightUpperZone, kRightMidZone, kRightLowerZone}, {kLeftUpperZone, kLeftMidZone, kLeftLowerZone}};
  const int apical_index[2] = {kRightApicalZone, kLeftApicalZone};
  const int hemidiaphragm_index[2] = {kRightHemidiaphragm, kLeftHemidiaphragm};
  const int clavicle_index[2] = {kRightClavicle, kLeftClavicle};
  const int hilum_index[2] = {kRightHilum, kLeftHilum};
  const int costophrenic_index[2] = {kRightCostophrenic, kLeftCostophrenic};
  const int cardiophrenic_index[2] = {kRightCardiophrenic, kLeftCardiophrenic};
  const int abdomen_index[2] = {kRightUpperAbdomen, kLeftUpperAbdomen};
  const int heart_border_index[2] = {kRightHeartBorder, kLeftHeartMargin};

  std::vector<Point> heart_outline;
  for (int i = 0; i < 72; ++i) {
    Point p = ellipse_point(t.heart, 2 * M_PI * i / 72);
    heart_outline.push_back({p.x, std::min(p.y, t.heart_bottom)});
  }
  const double heart_width = std::abs(t.heart_border_x[1] - t.heart_border_x[0]);
  for (int side : {kRightSide, kLeftSide}) {
    const double s = side_sign(side);
    boxes[lung_index[side]] = m.map_points(t.lung[side]);
    for (int z = 0; z < 3; ++z)
      boxes[zone_index[side][z]] = m.map_points(t.lung_band(side, t.zone_boundary(z == 0 ? 0 : z + 1),
                                                            z == 2 ? 10.0 : t.zone_boundary(z + 2)));
    boxes[apical_index[side]] = m.map_points(t.lung_band(side, t.zone_boundary(0), t.zone_boundary(1)));
    boxes[hemidiaphragm_index[side]] = m.map_points(t.dome[side]).grown(0.03 * m.mean_scale());
    boxes[clavicle_index[side]] = tube_box(t.clavicle[side]);
    boxes[hilum_index[side]] = around(t.hilum[side], 0.13, 0.16);
    boxes[costophrenic_index[side]] = around({t.costophrenic[side].x - s * 0.06, t.costophrenic[side].y - 0.08}, 0.09, 0.10);
    boxes[cardiophrenic_index[side]] = around(t.cardiophrenic[side], 0.08, 0.08);
    const double lateral = std::abs(t.costophrenic[side].x);
    Box abdomen{std::min(0.0, s * lateral), t.dome_top[side], std::max(0.0, s * lateral), t.dome_top[side] + 0.6, true};
    boxes[abdomen_index[side]] = m.map_box(abdomen);
    std::vector<Point> border;
    for (const auto& p : heart_outline)
      if (std::abs(p.x - t.heart_border_x[side]) < 0.38 * heart_width && p.y > t.heart_top + 0.15 * (t.heart_bottom - t.heart_top))
        border.push_back(p);
    boxes[heart_border_index[side]] = m.map_points(border);
  }
  boxes[kCardiacShadow] = m.map_points(heart_outline);
  boxes[kRightAtrium] = m.map_box({t.right_atrium.center.x - t.right_atrium.rx, t.right_atrium.center.y - t.right_atrium.ry,
                                   t.right_atrium.center.x + t.right_atrium.rx, t.right_atrium.center.y + t.right_atrium.ry, true});
  Box arch{std::min(0.0, hs * 0.06), t.aortic_knob.center.y - t.aortic_knob.ry, 0, t.aortic_knob.center.y + t.aortic_knob.ry, true};
  arch.include(Point{t.aortic_knob.center.x + hs * t.aortic_knob.rx, arch.y1});
  boxes[kAorticArch] = m.map_box(arch);
  boxes[kDescendingAorta] = tube_box(t.descending_aorta);
  const double mediastinal_half = 0.2;
  Box superior{-mediastinal_half, -0.05, mediastinal_half, t.heart_top + 0.05, true};
  superior.include(Point{t.aortic_knob.center.x + hs * t.aortic_knob.rx, t.aortic_knob.center.y});
  boxes[kSuperiorMediastinum] = m.map_box(superior);
  Box mediastinum = superior;
  for (const auto& p : heart_outline) mediastinum.include(p);
  boxes[kMediastinum] = m.map_box(mediastinum);
  boxes[kSvc] = tube_box(t.svc);
  boxes[kCavoatrial] = around(t.cavoatrial_junction, 0.06, 0.06);
  boxes[kCarina] = around(t.carina, 0.07, 0.06);
  Box airway = m.map_box({-0.07, -0.1, 0.07, t.carina.y, true});
  for (const auto& bronchus : t.bronchus) airway.include(tube_box(bronchus));
  boxes[kTrachea] = airway;
  const double bottom_dome = std::max(t.dome_top[0], t.dome_top[1]);
  boxes[kSpine] = m.map_box({-t.spine_half_width, -0.3, t.spine_half_width, bottom_dome + 0.35, true});
  boxes[kAbdominalCavity] = m.map_box({-t.chest_half_width, std::min(t.dome_top[0], t.dome_top[1]),
                                       t.chest_half_width, bottom_dome + 0.9, true});
  for (auto& b : boxes) b = b.clamped(t.options.width, t.options.height);
  return boxes;
}

}  // namespace anatomix::synth
