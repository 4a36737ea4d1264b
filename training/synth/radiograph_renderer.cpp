#include "synth/radiograph_renderer.h"

#include <algorithm>
#include <cmath>

namespace anatomix::synth {
namespace {

// Attenuation layers in image pixels. Units are arbitrary: soft tissue of the chest is about 1.
struct Layers {
  int w = 0, h = 0;
  std::vector<float> tissue, air, bone, metal;
  std::vector<std::uint8_t> lung;         // 0 outside, 1 + patient side inside a lung
  std::vector<std::uint8_t> no_markings;  // pneumothorax rim: no vessels drawn there

  Layers(int width, int height)
      : w(width), h(height), tissue(std::size_t(width) * height), air(tissue.size()), bone(tissue.size()),
        metal(tissue.size()), lung(tissue.size()), no_markings(tissue.size()) {}
};

double ellipsoid_profile(const Ellipse& e, Point p) {
  const double dx = p.x - e.center.x, dy = p.y - e.center.y;
  const double c = std::cos(e.angle), s = std::sin(e.angle);
  const double u = (c * dx + s * dy) / e.rx, v = (-s * dx + c * dy) / e.ry;
  const double d2 = u * u + v * v;
  return d2 < 1 ? std::sqrt(1 - d2) : 0.0;
}

Box ellipse_region(const Ellipse& e) {
  const double r = std::max(e.rx, e.ry);
  return {e.center.x - r, e.center.y - r, e.center.x + r, e.center.y + r, true};
}

// Distance from p to the tube's centre line and the radius there.
void tube_distance(const Tube& tube, Point p, double* distance, double* radius, double* along) {
  double best = 1e9, best_u = 0;
  const std::size_t segments = tube.path.size() - 1;
  for (std::size_t i = 0; i < segments; ++i) {
    double t = 0;
    const double d = distance_to_segment(p, tube.path[i], tube.path[i + 1], &t);
    if (d < best) {
      best = d;
      best_u = (i + t) / segments;
    }
  }
  *distance = best;
  *along = best_u;
  *radius = tube.radius_start + (tube.radius_end - tube.radius_start) * best_u;
}

Box tube_region(const Tube& tube) {
  const double r = std::max(tube.radius_start, tube.radius_end);
  return bounding_box(tube.path).grown(r);
}

class Painter {
 public:
  Painter(Layers& layers, const Affine& to_image) : L(layers), m(to_image) {}

  // Calls f(index, canonical point, pixel x, pixel y) for pixels whose centre maps into `region`.
  template <class F>
  void each(const Box& canonical_region, F&& f) {
    const Box b = m.map_box(canonical_region).clamped(L.w, L.h);
    if (!b.valid) return;
    const int x0 = int(std::floor(b.x1)), x1 = std::min(L.w, int(std::ceil(b.x2)));
    const int y0 = int(std::floor(b.y1)), y1 = std::min(L.h, int(std::ceil(b.y2)));
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) f(std::size_t(y) * L.w + x, m.unmap({x + 0.5, y + 0.5}), x, y);
  }

  // Calls f(index, x, y) for pixels whose centre lies inside the canonical polygon.
  template <class F>
  void fill(const std::vector<Point>& polygon, F&& f) {
    std::vector<Point> q;
    for (const auto& p : polygon) q.push_back(m.map(p));
    const Box b = bounding_box(q).clamped(L.w, L.h);
    if (!b.valid) return;
    std::vector<double> xs;
    for (int y = int(std::floor(b.y1)); y < std::min(L.h, int(std::ceil(b.y2))); ++y) {
      const double yc = y + 0.5;
      xs.clear();
      for (std::size_t i = 0, j = q.size() - 1; i < q.size(); j = i++)
        if ((q[i].y > yc) != (q[j].y > yc)) xs.push_back(q[i].x + (yc - q[i].y) * (q[j].x - q[i].x) / (q[j].y - q[i].y));
      std::sort(xs.begin(), xs.end());
      for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
        const int from = std::max(0, int(std::ceil(xs[k] - 0.5)));
        const int to = std::min(L.w - 1, int(std::floor(xs[k + 1] - 0.5)));
        for (int x = from; x <= to; ++x) f(std::size_t(y) * L.w + x, x, y);
      }
    }
  }

  Box ellipsoid(std::vector<float>& layer, const Ellipse& e, double value) {
    Box drawn;
    each(ellipse_region(e), [&](std::size_t i, Point p, int x, int y) {
      const double v = ellipsoid_profile(e, p);
      if (v <= 0) return;
      layer[i] += float(value * v);
      drawn.include(Point{double(x), double(y)});
      drawn.include(Point{x + 1.0, y + 1.0});
    });
    return drawn;
  }

  // A cylinder seen side-on; `cortex` > 0 hollows it so that the walls show (bone, tubes). A gap
  // (fracture) leaves out the part between gap_from and gap_to (fractions along the path) and shifts
  // the rest by `shift_after_gap`.
  void tube(std::vector<float>& layer, const Tube& t, double value, double cortex, double gap_from = 2,
            double gap_to = 2, Point shift_after_gap = {}, bool keep_maximum = false) {
    auto profile = [&](double d, double r) {
      double v = std::sqrt(1 - (d / r) * (d / r));
      const double inner = 0.7 * r;
      if (cortex > 0 && d < inner) v -= cortex * std::sqrt(1 - (d / inner) * (d / inner));
      return value * v;
    };
    auto deposit = [&](std::size_t i, double v) {
      if (keep_maximum) layer[i] = std::max(layer[i], float(v));
      else layer[i] += float(v);
    };
    if (gap_from > 1) {
      nearest_on_tube(t, [&](std::size_t i, double d, double r) {
        if (d < r) deposit(i, profile(d, r));
      });
      return;
    }
    each(tube_region(t).grown(std::hypot(shift_after_gap.x, shift_after_gap.y)), [&](std::size_t i, Point p, int, int) {
      double d, r, u;
      tube_distance(t, p, &d, &r, &u);
      if (u > gap_to) {  // the displaced fragment of a fracture
        tube_distance(t, {p.x - shift_after_gap.x, p.y - shift_after_gap.y}, &d, &r, &u);
        if (u <= gap_to) return;
      }
      if (d >= r || (u >= gap_from && u <= gap_to)) return;
      deposit(i, profile(d, r));
    });
  }

  // Calls f(index, distance to the centre line, radius there) for every pixel within the tube's
  // largest radius of its path, visiting each segment's own neighbourhood only.
  template <class F>
  void nearest_on_tube(const Tube& t, F&& f) {
    const double r_max = std::max(t.radius_start, t.radius_end);
    const Box whole = m.map_box(tube_region(t)).clamped(L.w, L.h);
    if (!whole.valid) return;
    const int x0 = int(std::floor(whole.x1)), y0 = int(std::floor(whole.y1));
    const int bw = std::min(L.w, int(std::ceil(whole.x2))) - x0, bh = std::min(L.h, int(std::ceil(whole.y2))) - y0;
    scratch_distance_.assign(std::size_t(bw) * bh, 1e9f);
    scratch_radius_.assign(std::size_t(bw) * bh, 0.0f);
    const std::size_t segments = t.path.size() - 1;
    for (std::size_t s = 0; s < segments; ++s) {
      const Point a = t.path[s], b = t.path[s + 1];
      const Box seg = m.map_box(Box{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y), true}
                                    .grown(r_max)).clamped(L.w, L.h);
      if (!seg.valid) continue;
      for (int y = int(std::floor(seg.y1)); y < std::min(L.h, int(std::ceil(seg.y2))); ++y)
        for (int x = int(std::floor(seg.x1)); x < std::min(L.w, int(std::ceil(seg.x2))); ++x) {
          double along = 0;
          const double d = distance_to_segment(m.unmap({x + 0.5, y + 0.5}), a, b, &along);
          const std::size_t k = std::size_t(y - y0) * bw + (x - x0);
          if (d < scratch_distance_[k]) {
            scratch_distance_[k] = float(d);
            const double u = (s + along) / segments;
            scratch_radius_[k] = float(t.radius_start + (t.radius_end - t.radius_start) * u);
          }
        }
    }
    for (int y = 0; y < bh; ++y)
      for (int x = 0; x < bw; ++x) {
        const std::size_t k = std::size_t(y) * bw + x;
        if (scratch_distance_[k] < 1e8f) f(std::size_t(y + y0) * L.w + (x + x0), double(scratch_distance_[k]), double(scratch_radius_[k]));
      }
  }

  Layers& L;
  const Affine& m;

 private:
  std::vector<float> scratch_distance_, scratch_radius_;  // per-tube work buffers
};

double smoothstep(double edge0, double edge1, double x) {
  const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

void gaussian_blur(std::vector<float>& image, int w, int h, double sigma) {
  const int radius = std::max(1, int(std::ceil(3 * sigma)));
  std::vector<float> kernel(2 * radius + 1);
  double sum = 0;
  for (int k = -radius; k <= radius; ++k) sum += kernel[k + radius] = float(std::exp(-0.5 * k * k / (sigma * sigma)));
  for (auto& k : kernel) k = float(k / sum);
  // Horizontal pass through a row padded by edge replication; vertical pass accumulates whole rows
  // so that memory is read in order.
  std::vector<float> tmp(image.size()), padded(std::size_t(w + 2 * radius));
  for (int y = 0; y < h; ++y) {
    const float* row = &image[std::size_t(y) * w];
    for (int x = 0; x < w + 2 * radius; ++x) padded[x] = row[std::clamp(x - radius, 0, w - 1)];
    float* out = &tmp[std::size_t(y) * w];
    for (int x = 0; x < w; ++x) {
      float acc = 0;
      for (int k = 0; k <= 2 * radius; ++k) acc += kernel[k] * padded[x + k];
      out[x] = acc;
    }
  }
  for (int y = 0; y < h; ++y) {
    float* out = &image[std::size_t(y) * w];
    std::fill(out, out + w, 0.0f);
    for (int k = -radius; k <= radius; ++k) {
      const float* row = &tmp[std::size_t(std::clamp(y + k, 0, h - 1)) * w];
      const float weight = kernel[k + radius];
      for (int x = 0; x < w; ++x) out[x] += weight * row[x];
    }
  }
}

// Clinical "for presentation" processing: subtract part of the large-scale signal so that lungs and
// mediastinum both sit inside the display range while ribs and vessels keep their contrast.
void compress_latitude(std::vector<float>& a, int w, int h, double strength) {
  const int f = std::max(1, std::min(w, h) / 128);  // work on a ~128-pixel-wide copy
  const int sw = (w + f - 1) / f, sh = (h + f - 1) / f;
  std::vector<float> small(std::size_t(sw) * sh), count(small.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::size_t j = std::size_t(y / f) * sw + x / f;
      small[j] += a[std::size_t(y) * w + x];
      count[j] += 1;
    }
  double mean = 0;
  for (std::size_t j = 0; j < small.size(); ++j) {
    small[j] /= count[j];
    mean += small[j];
  }
  mean /= small.size();
  gaussian_blur(small, sw, sh, 6.0);
  for (int y = 0; y < h; ++y) {
    const double sy = std::clamp((y + 0.5) / f - 0.5, 0.0, sh - 1.0);
    const int y0 = int(sy), y1 = std::min(sh - 1, y0 + 1);
    const double fy = sy - y0;
    for (int x = 0; x < w; ++x) {
      const double sx = std::clamp((x + 0.5) / f - 0.5, 0.0, sw - 1.0);
      const int x0 = int(sx), x1 = std::min(sw - 1, x0 + 1);
      const double fx = sx - x0;
      const double low = (1 - fy) * ((1 - fx) * small[std::size_t(y0) * sw + x0] + fx * small[std::size_t(y0) * sw + x1]) +
                         fy * ((1 - fx) * small[std::size_t(y1) * sw + x0] + fx * small[std::size_t(y1) * sw + x1]);
      a[std::size_t(y) * w + x] -= float(strength * (low - mean));
    }
  }
}

void draw_anatomy(const Thorax& t, Layers& L, Painter& paint, Rng& rng) {
  // Soft tissue of the body, thicker in the middle.
  paint.fill(t.body, [&](std::size_t i, int x, int y) {
    const Point p = paint.m.unmap({x + 0.5, y + 0.5});
    const double r = std::min(1.0, std::abs(p.x) / 1.5);
    L.tissue[i] += float(0.55 + 0.45 * std::sqrt(1 - r * r));
  });
  // Breast shadows over the lower zones.
  if (t.female)
    for (int side : {kRightSide, kLeftSide}) {
      const double s = side_sign(side);
      paint.ellipsoid(L.tissue, {{s * 0.62, t.dome_top[side] - 0.05}, 0.42, 0.34, 0}, 0.12);
    }
  // Lungs: air, deepest in the middle of each lung.
  for (int side : {kRightSide, kLeftSide}) {
    const Box lb = bounding_box(t.lung[side]);
    const Point c = lb.center();
    const double rx = lb.width() / 2, ry = lb.height() / 2;
    paint.fill(t.lung[side], [&](std::size_t i, int x, int y) {
      const Point p = paint.m.unmap({x + 0.5, y + 0.5});
      const double u = (p.x - c.x) / rx, v = (p.y - c.y) / ry;
      const double d2 = std::min(1.0, u * u + v * v);
      L.air[i] += float(0.62 + 0.38 * std::sqrt(1 - d2));
      L.lung[i] = std::uint8_t(side + 1);
    });
  }
  // Airway.
  {
    std::vector<float> airway(L.air.size());
    paint.tube(airway, t.trachea, 0.45, 0, 2, 2, {}, true);
    for (const auto& b : t.bronchus) paint.tube(airway, b, 0.3, 0, 2, 2, {}, true);
    for (std::size_t i = 0; i < airway.size(); ++i) L.air[i] += airway[i];
  }
  // Gastric bubble under the dome on the heart's side: air above a flat fluid level.
  const Ellipse& g = t.gastric_bubble;
  paint.each(ellipse_region(g), [&](std::size_t i, Point p, int, int) {
    if (p.y > g.center.y + 0.3 * g.ry) return;
    L.air[i] += float(0.45 * ellipsoid_profile(g, p));
  });
  // Abdomen below the domes: the full body thickness is soft tissue (liver, spleen, bowel).
  paint.each({-1.6, std::min(t.dome_top[0], t.dome_top[1]) - 0.1, 1.6, 3.5, true}, [&](std::size_t i, Point p, int, int) {
    if (L.tissue[i] <= 0) return;
    L.tissue[i] += float(0.3 * smoothstep(-0.02, 0.12, p.y - t.diaphragm_y(p.x)) * (1 - smoothstep(0.7, 1.25, std::abs(p.x))));
  });
  // Mediastinum: the column of soft tissue between the lungs, from the neck to the diaphragm.
  paint.each({-0.4, -1.0, 0.4, 2.6, true}, [&](std::size_t i, Point p, int, int) {
    if (L.tissue[i] <= 0) return;
    const double half_width = p.y < t.heart_top ? 0.2 : 0.24;
    const double m = 1 - smoothstep(half_width - 0.06, half_width + 0.02, std::abs(p.x));
    L.tissue[i] += float(0.3 * m * (1 - smoothstep(-0.02, 0.12, p.y - t.diaphragm_y(p.x))));
  });
  // Heart and great vessels: near-uniform water density in front of and behind the lungs; the part
  // below the dome merges with the abdomen.
  auto occlude = [&](const Ellipse& e, double tissue, double keep_air) {
    paint.each(ellipse_region(e), [&](std::size_t i, Point p, int, int) {
      const double v = ellipsoid_profile(e, p);
      if (v <= 0) return;
      const double solid = std::min(1.0, 3.0 * v) * (1 - smoothstep(-0.04, 0.04, p.y - t.diaphragm_y(p.x)));
      L.tissue[i] += float(tissue * solid * (0.8 + 0.2 * v));
      L.air[i] *= float(1 - (1 - keep_air) * solid);
    });
  };
  occlude(t.heart, 0.14, 0.25);
  occlude(t.right_atrium, 0.05, 0.5);
  occlude(t.aortic_knob, 0.06, 0.05);
  paint.tube(L.tissue, t.descending_aorta, 0.06, 0);
  paint.each(tube_region(t.descending_aorta), [&](std::size_t i, Point p, int, int) {
    double d, r, u;
    tube_distance(t.descending_aorta, p, &d, &r, &u);
    if (d < r) L.air[i] *= 0.6f;
  });
  // Hila: pulmonary arteries and bronchi bundled at the lung roots.
  for (int side : {kRightSide, kLeftSide}) {
    const double s = side_sign(side);
    paint.ellipsoid(L.tissue, {{t.hilum[side].x - s * 0.03, t.hilum[side].y}, 0.09, 0.14, s * 0.3}, 0.12);
  }
  // Skeleton: vertebrae with pedicles, ribs, clavicles, humeral heads.
  const double sw = t.spine_half_width;
  for (double y = -0.9; y < 3.0; y += 0.175) {
    const double height = 0.135;
    paint.each({-sw, y, sw, y + height, true}, [&](std::size_t i, Point p, int, int) {
      const double u = p.x / sw, v = (p.y - y - height / 2) / (height / 2);
      const double u2 = u * u, v2 = v * v;
      const double d = std::cbrt(u2 * u2 * u2 + v2 * v2 * v2);  // squarish vertebral body
      if (d < 1) L.bone[i] += float(0.03 + 0.025 * smoothstep(0.75, 0.97, d));
    });
    for (double s : {-1.0, 1.0})
      paint.tube(L.bone, {{{s * sw * 0.72, y + 0.03}, {s * sw * 0.72, y + 0.08}}, 0.022, 0.022}, 0.05, 0.6);
    paint.tube(L.bone, {{{0.0, y + 0.1}, {0.0, y + 0.2}}, 0.018, 0.012}, 0.03, 0);
  }
  for (int side : {kRightSide, kLeftSide}) {
    for (const auto& rib : t.posterior_ribs[side]) paint.tube(L.bone, rib, 0.17, 0.6);
    for (const auto& rib : t.anterior_ribs[side]) paint.tube(L.bone, rib, 0.07, 0.5);
    paint.ellipsoid(L.bone, t.humeral_head[side], 0.45);
    const double s = side_sign(side);
    // Scapula: a faint plate along the lateral chest wall.
    paint.ellipsoid(L.bone, {{s * 1.0, 0.35}, 0.22, 0.42, s * 0.25}, 0.07);
  }
  (void)rng;
}

void draw_clavicles(const Thorax& t, const std::vector<Finding>& findings, Painter& paint) {
  for (int side : {kRightSide, kLeftSide}) {
    double gap = 2;
    for (const auto& f : findings)
      if (f.kind == FindingKind::kClavicleFracture && f.side == side) gap = f.position;
    paint.tube(paint.L.bone, t.clavicle[side], 0.32, 0.45, gap - 0.02, gap + 0.02, {0.0, gap < 2 ? 0.025 : 0.0});
  }
}

void draw_rib_fractures(const Thorax& t, const Finding& f, Painter& paint) {
  // Overdraw the fractured rib: cancel it, then draw it again with a gap and a step-off.
  const Tube& rib = t.posterior_ribs[f.side][f.rib];
  paint.tube(paint.L.bone, rib, -0.17, 0.6);
  paint.tube(paint.L.bone, rib, 0.17, 0.6, f.position - 0.025, f.position + 0.025, {0.0, 0.018});
}

Box track(Box box, int x, int y) {
  box.include(Point{double(x), double(y)});
  box.include(Point{x + 1.0, y + 1.0});
  return box;
}

void draw_finding(const Thorax& t, Finding& f, Layers& L, Painter& paint, Rng& rng) {
  const std::uint8_t lung_id = std::uint8_t(f.side + 1);
  switch (f.kind) {
    case FindingKind::kPleuralEffusion: {
      // Fluid layers dependently with a meniscus that climbs the lateral chest wall.
      const double s = side_sign(f.side);
      const double cp = t.costophrenic[f.side].y;
      const double level = cp - f.size;
      Box drawn;
      paint.each(bounding_box(t.lung[f.side]), [&](std::size_t i, Point p, int x, int y) {
        if (L.lung[i] != lung_id) return;
        const double lateral = std::clamp((s * p.x - 0.15) / 0.8, 0.0, 1.0);
        const double surface = level - (0.08 + 0.45 * f.size) * std::pow(lateral, 1.6);
        const double m = smoothstep(surface - 0.04, surface + 0.12, p.y);
        if (m <= 0) return;
        L.air[i] *= float(1 - 0.97 * m);
        L.tissue[i] += float(0.18 * m);
        L.no_markings[i] = std::max<std::uint8_t>(L.no_markings[i], m > 0.5);
        if (m > 0.5) drawn = track(drawn, x, y);
      });
      f.boxes = {drawn};
      break;
    }
    case FindingKind::kConsolidation:
    case FindingKind::kAtelectasis: {
      const bool plate = f.kind == FindingKind::kAtelectasis;
      Box region;
      for (const auto& c : f.centers) region.include(Box{c.x - 0.4, c.y - 0.4, c.x + 0.4, c.y + 0.4, true});
      Box drawn;
      const double strength = plate ? 1.0 : f.severity == Severity::kMild ? 0.6 : f.severity == Severity::kModerate ? 0.8 : 1.0;
      paint.each(region, [&](std::size_t i, Point p, int x, int y) {
        if (L.lung[i] != lung_id) return;
        double m = 0;
        if (plate) {  // band-like opacity, thicker with severity
          const Point c = f.centers[0];
          const double cs = std::cos(f.angle), sn = std::sin(f.angle);
          const double u = cs * (p.x - c.x) + sn * (p.y - c.y), v = -sn * (p.x - c.x) + cs * (p.y - c.y);
          const double half_length = 0.16 + 2 * f.size;
          m = 0.75 * std::exp(-0.5 * v * v / (f.size * f.size)) *
              smoothstep(-half_length - 0.1, -half_length + 0.1, u) * (1 - smoothstep(half_length - 0.1, half_length + 0.1, u));
        } else {
          for (const auto& c : f.centers) {
            const double d2 = (p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y);
            m += std::exp(-0.5 * d2 / (0.6 * f.size * 0.6 * f.size + 0.003));
          }
          m = std::min(1.0, m) * strength;
        }
        if (m < 0.02) return;
        L.air[i] *= float(1 - 0.8 * m);
        L.tissue[i] += float((plate ? 0.05 : 0.12) * m);
        if (m > 0.3) drawn = track(drawn, x, y);
      });
      f.boxes = {drawn};
      break;
    }
    case FindingKind::kPneumothorax: {
      // The lung collapses toward the hilum; the rim between the visceral pleural line and the chest
      // wall is black and has no vessel markings.
      const Point h = t.hilum[f.side];
      const double keep = 1 - f.size;
      std::vector<Point> collapsed;
      for (const auto& p : t.lung[f.side]) collapsed.push_back({h.x + (p.x - h.x) * keep, h.y + (p.y - h.y) * keep});
      const double y_limit = f.severity == Severity::kSevere ? 10.0 : f.severity == Severity::kModerate ? h.y + 0.2 : h.y - 0.15;
      Box drawn;
      paint.each(bounding_box(t.lung[f.side]), [&](std::size_t i, Point p, int x, int y) {
        if (L.lung[i] != lung_id || p.y > y_limit || point_in_polygon(collapsed, p)) return;
        L.air[i] += 0.12f;
        L.no_markings[i] = 1;
        drawn = track(drawn, x, y);
      });
      std::vector<Point> line;
      for (const auto& p : collapsed)
        if (p.y <= y_limit) line.push_back(p);
      for (std::size_t k = 0; k + 1 < line.size(); ++k)
        if (std::hypot(line[k + 1].x - line[k].x, line[k + 1].y - line[k].y) < 0.1)
          paint.tube(L.tissue, {{line[k], line[k + 1]}, 0.006, 0.006}, 0.12, 0);
      f.boxes = {drawn};
      break;
    }
    case FindingKind::kCardiomegaly:
      break;  // drawn as the heart itself; its box is the cardiac silhouette
    case FindingKind::kEdema: {
      // Perihilar haze on both sides, fading to the periphery, plus septal (Kerley B) lines.
      f.boxes.clear();
      for (int side : {kRightSide, kLeftSide}) {
        const double s = side_sign(side);
        const Point c{t.hilum[side].x + s * 0.08, t.hilum[side].y + 0.05};
        Box drawn;
        paint.each(bounding_box(t.lung[side]), [&](std::size_t i, Point p, int x, int y) {
          if (L.lung[i] != side + 1) return;
          const double d2 = (p.x - c.x) * (p.x - c.x) / 0.09 + (p.y - c.y) * (p.y - c.y) / 0.2;
          const double m = f.size * std::exp(-0.5 * d2 / 1.0);
          if (m < 0.02) return;
          L.air[i] *= float(1 - 0.6 * m);
          L.tissue[i] += float(0.05 * m);
          if (m > 0.25) drawn = track(drawn, x, y);
        });
        f.boxes.push_back(drawn);
        for (int k = 0; k < 3 + int(f.severity) * 2; ++k) {
          const double y = t.dome_top[side] - rng.uniform(0.05, 0.35);
          const double lateral = t.lung_lateral_x(side, y) - 0.01;
          paint.tube(L.tissue, {{{s * lateral, y}, {s * (lateral - rng.uniform(0.06, 0.1)), y + rng.normal(0, 0.01)}}, 0.006, 0.005}, 0.1, 0);
        }
      }
      break;
    }
    case FindingKind::kNodule:
    case FindingKind::kMass: {
      const Point c = f.centers[0];
      Box drawn = paint.ellipsoid(L.tissue, {c, f.size, f.size * 0.9, 0}, 0.2 + 1.2 * f.size);
      if (f.kind == FindingKind::kMass)
        for (int k = 0; k < 3; ++k) {  // lobulated outline
          const double a = rng.uniform(0, 2 * M_PI);
          drawn.include(paint.ellipsoid(L.tissue, {{c.x + 0.6 * f.size * std::cos(a), c.y + 0.6 * f.size * std::sin(a)},
                                                   f.size * 0.55, f.size * 0.5, a}, 0.25));
        }
      paint.each({c.x - 2 * f.size, c.y - 2 * f.size, c.x + 2 * f.size, c.y + 2 * f.size, true},
                 [&](std::size_t i, Point p, int, int) {
                   const double d = std::hypot(p.x - c.x, p.y - c.y) / (1.2 * f.size);
                   if (d < 1) L.air[i] *= float(1 - 0.7 * (1 - d * d));
                 });
      f.boxes = {drawn};
      break;
    }
    case FindingKind::kEndotrachealTube: {
      const Tube tube = {smooth_open_curve(f.path, 8), 0.03, 0.03};
      paint.tube(L.tissue, tube, 0.05, 0.8);
      paint.tube(L.metal, {tube.path, 0.006, 0.006}, 0.5, 0);  // radiopaque stripe
      f.boxes = {paint.m.map_points(tube.path).grown(0.03 * paint.m.mean_scale())};
      break;
    }
    case FindingKind::kCentralLine:
    case FindingKind::kEntericTube: {
      const bool enteric = f.kind == FindingKind::kEntericTube;
      const Tube tube = {f.path, enteric ? 0.012 : 0.008, enteric ? 0.012 : 0.008};
      paint.tube(L.metal, tube, enteric ? 0.35 : 0.45, 0.3);
      f.boxes = {paint.m.map_points(tube.path).grown(0.012 * paint.m.mean_scale())};
      break;
    }
    case FindingKind::kPacemaker: {
      const Point g = f.centers[0];
      Box drawn;
      paint.each({g.x - 0.15, g.y - 0.12, g.x + 0.15, g.y + 0.12, true}, [&](std::size_t i, Point p, int x, int y) {
        const double u = (p.x - g.x) / 0.12, v = (p.y - g.y) / 0.09;
        if (std::pow(std::abs(u), 3) + std::pow(std::abs(v), 3) < 1) {
          L.metal[i] += 1.6f;
          drawn = track(drawn, x, y);
        }
      });
      paint.tube(L.metal, {f.path, 0.009, 0.009}, 0.6, 0);
      drawn.include(paint.m.map_points(f.path));
      f.boxes = {drawn};
      break;
    }
    case FindingKind::kRibFracture:
    case FindingKind::kClavicleFracture: {
      const Point c = f.centers[0];
      f.boxes = {paint.m.map_box({c.x - 0.07, c.y - 0.06, c.x + 0.07, c.y + 0.07, true})};
      if (f.kind == FindingKind::kRibFracture) draw_rib_fractures(t, f, paint);
      break;
    }
  }
}

void draw_vessels(const Thorax& t, const std::vector<Finding>& findings, Layers& L, Painter& paint) {
  double thickness = 1.0;
  for (const auto& f : findings)
    if (f.kind == FindingKind::kEdema) thickness = 1.15 + 0.1 * int(f.severity);  // vascular congestion
  // Overlapping branches take the maximum so that bifurcations do not show as bright knots.
  std::vector<float> markings(L.tissue.size());
  for (int side : {kRightSide, kLeftSide})
    for (const auto& v : t.vessels[side]) {
      const Tube tube{v.path, v.radius_start * thickness * 1.3, v.radius_end * thickness * 1.3};
      paint.nearest_on_tube(tube, [&](std::size_t i, double d, double r) {
        if (d >= r || L.lung[i] != side + 1 || L.no_markings[i]) return;
        const double v = 0.10 * (1 - (d / r) * (d / r)) * (0.6 + 0.4 * std::min(1.0, r / 0.02));
        markings[i] = std::max(markings[i], float(v));
      });
    }
  for (std::size_t i = 0; i < markings.size(); ++i) L.tissue[i] += markings[i];
}

}  // namespace

// A lead side marker as radiographers place it: "L" on the patient's left or "R" on the right, in
// an upper corner, missing in one film in five. It is imaged with the patient, so a mirrored
// acquisition shows it mirrored on the other image side: the laterality cross-check reads it.
void draw_side_marker(const Thorax& t, Layers& L, Rng& rng) {
  if (rng.bernoulli(0.2)) return;
  static const char* const kL[7] = {"10000", "10000", "10000", "10000", "10000", "10000", "11111"};
  static const char* const kR[7] = {"11110", "10001", "10001", "11110", "10100", "10010", "10001"};
  const bool letter_l = rng.bernoulli(0.5);
  const bool mirrored = t.options.flipped_acquisition;
  const bool on_image_right = letter_l != mirrored;  // the patient's left is at the image right unless mirrored
  const int cell = std::max(2, int(std::lround(L.h * rng.uniform(0.005, 0.008))));
  const int x0 = on_image_right ? L.w - int(L.w * rng.uniform(0.03, 0.1)) - 5 * cell : int(L.w * rng.uniform(0.03, 0.1));
  const int y0 = int(L.h * rng.uniform(0.02, 0.12));
  const double density = rng.uniform(1.2, 2.0);
  for (int gy = 0; gy < 7; ++gy)
    for (int gx = 0; gx < 5; ++gx) {
      if ((letter_l ? kL : kR)[gy][mirrored ? 4 - gx : gx] != '1') continue;
      for (int y = y0 + gy * cell; y < y0 + (gy + 1) * cell; ++y)
        for (int x = x0 + gx * cell; x < x0 + (gx + 1) * cell; ++x)
          if (x >= 0 && x < L.w && y >= 0 && y < L.h) L.metal[std::size_t(y) * L.w + x] += float(density);
    }
}

Radiograph render_radiograph(const Thorax& t, std::vector<Finding>& findings, int bits_stored, Rng& rng) {
  const int w = t.options.width, h = t.options.height;
  Layers L(w, h);
  Painter paint(L, t.to_image);
  draw_anatomy(t, L, paint, rng);
  draw_clavicles(t, findings, paint);
  for (auto& f : findings) draw_finding(t, f, L, paint, rng);
  draw_vessels(t, findings, L, paint);
  draw_side_marker(t, L, rng);
  for (auto& f : findings) {
    if (f.kind == FindingKind::kCardiomegaly) f.boxes = {anatomy_boxes(t)[kCardiacShadow]};
    for (auto& b : f.boxes) b = b.clamped(w, h);
  }

  // Line integral of attenuation, slightly blurred (focal spot, detector).
  // Parenchymal texture: smoothed noise inside the lungs (small vessels and interstitium).
  std::vector<float> texture(L.tissue.size());
  const double grain = std::max(1.0, 2.2 * h / 1024.0);
  for (std::size_t i = 0; i < texture.size(); ++i)
    if (L.lung[i]) texture[i] = float(rng.normal());
  gaussian_blur(texture, w, h, grain);
  const float texture_gain = float(0.045 * grain);
  std::vector<float> a(L.tissue.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    a[i] = L.tissue[i] - 0.62f * L.air[i] + 1.0f * L.bone[i] + L.metal[i] + texture_gain * texture[i] * std::min(1.0f, L.air[i]);
  gaussian_blur(a, w, h, std::max(0.6, 0.9 * h / 1024.0));
  compress_latitude(a, w, h, rng.uniform(0.3, 0.45));

  // Exposure and quantum noise: fewer photons behind dense parts, so more noise there.
  const double contrast = rng.uniform(0.9, 1.1), brightness = rng.uniform(-0.04, 0.04);
  const double noise = rng.uniform(0.006, 0.016), gamma = rng.uniform(0.85, 1.05);
  const double heel = rng.uniform(-0.04, 0.04);  // anode heel effect: a gentle vertical gradient
  const double max_value = double((1u << bits_stored) - 1);
  std::vector<std::uint16_t> gamma_table(65536);  // display [0, 1] in 1/65535 steps -> stored value
  for (std::size_t k = 0; k < gamma_table.size(); ++k)
    gamma_table[k] = std::uint16_t(std::lround(std::pow(double(k) / 65535.0, gamma) * max_value));
  Radiograph out;
  out.width = w;
  out.height = h;
  out.bits_stored = bits_stored;
  out.pixels.resize(a.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::size_t i = std::size_t(y) * w + x;
      double v = a[i] + heel * (double(y) / h - 0.5);
      v += rng.normal() * noise * std::exp(0.6 * std::max(0.0, v));
      double display = (v - 0.05) / 1.3 * contrast + 0.05 + brightness;
      if (display > 0.72) display = 0.72 + 0.28 * std::tanh((display - 0.72) / 0.28);  // soft shoulder
      display = std::clamp(display, 0.0, 1.0);
      out.pixels[i] = gamma_table[std::size_t(std::lround(display * 65535.0))];
    }
  return out;
}

}  // namespace anatomix::synth
