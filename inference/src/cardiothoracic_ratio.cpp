#include "anatomix/cardiothoracic_ratio.h"

#include "anatomix/laterality.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace anatomix {
namespace {

bool usable(const Box* box) { return box && box->x2 > box->x1 && box->y2 > box->y1; }

}  // namespace

const std::string& cardiac_anatomy_name() {
  static const std::string name = "Cardiac shadow viewed radiologically or Heart";
  return name;
}

double cardiothoracic_ratio_of(float cardiac_dx, float thoracic_dx) {
  const double thorax = std::fabs(thoracic_dx);
  return thorax > 0 ? std::fabs(cardiac_dx) / thorax : 0.0;
}

double CardiothoracicCallipers::ratio() const { return cardiothoracic_ratio_of(cardiac.width(), thoracic.width()); }

std::optional<CardiothoracicCallipers> cardiothoracic_callipers(const std::vector<std::string>& names,
                                                                const std::vector<Box>& boxes) {
  const Box* heart = box_named(names, boxes, cardiac_anatomy_name());
  const Box* left = box_named(names, boxes, "Left lung");
  const Box* right = box_named(names, boxes, "Right lung");
  if (!usable(heart) || !usable(left) || !usable(right)) return std::nullopt;

  CardiothoracicCallipers callipers;
  callipers.cardiac = {heart->x1, heart->x2, (heart->y1 + heart->y2) / 2};
  // The domes: the higher of the two hemidiaphragm tops; without them, where the lungs end.
  std::optional<float> dome_top;
  for (const char* name : {"Left hemidiaphragm", "Right hemidiaphragm"}) {
    const Box* dome = box_named(names, boxes, name);
    if (usable(dome)) dome_top = dome_top ? std::min(*dome_top, dome->y1) : dome->y1;
  }
  const float dome_y = dome_top.value_or(std::min(left->y2, right->y2));
  callipers.thoracic = {std::min(left->x1, right->x1), std::max(left->x2, right->x2), dome_y};
  if (callipers.thoracic.width() <= callipers.cardiac.width()) return std::nullopt;
  return callipers;
}

bool is_anteroposterior_view(const std::string& view_position) {
  std::string value;
  for (char c : view_position) {
    const auto byte = static_cast<unsigned char>(c);
    if (!std::isspace(byte)) value += static_cast<char>(std::toupper(byte));
  }
  return value == "AP";
}

}  // namespace anatomix
