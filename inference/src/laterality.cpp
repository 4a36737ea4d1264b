#include "anatomix/laterality.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

namespace anatomix {
namespace {

// Positional names whose mirrored partner is not a left/right word swap (rules in laterality.h).
const std::array<std::pair<const char*, const char*>, 1> kIrregularPartners{{
    {"Right border of heart viewed radiologically", "Structure of left margin of heart"},
}};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Exchanges whole words left<->right in `text`, keeping the capitalisation of the first letter
// (and all-caps words).
std::string swap_words(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_char(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_word_char(text[j])) ++j;
    const std::string word = text.substr(i, j - i);
    std::string lower = word;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string replacement = lower == "left" ? "right" : lower == "right" ? "left" : "";
    if (replacement.empty()) {
      out += word;
    } else {
      const bool all_caps = std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isupper(c) != 0; });
      if (all_caps) {
        for (char& c : replacement) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      } else if (std::isupper(static_cast<unsigned char>(word[0]))) {
        replacement[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(replacement[0])));
      }
      out += replacement;
    }
    i = j;
  }
  return out;
}

bool is_lateral(const std::string& name) { return swap_words(name) != name; }

// The partner of `name` among `names`, or an empty string when it has none.
std::string partner_name(const std::string& name, const std::vector<std::string>& names) {
  auto present = [&](const std::string& candidate) {
    return std::find(names.begin(), names.end(), candidate) != names.end();
  };
  for (const auto& [first, second] : kIrregularPartners) {
    if (name == first && present(second)) return second;
    if (name == second && present(first)) return first;
  }
  const std::string swapped = swap_words(name);
  if (swapped != name && present(swapped)) return swapped;
  return {};
}

}  // namespace

std::vector<int> lateral_partner_indices(const std::vector<std::string>& names) {
  std::vector<int> partner(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    partner[i] = static_cast<int>(i);
    const std::string name = partner_name(names[i], names);
    if (!name.empty()) partner[i] = static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
  }
  return partner;
}

std::vector<std::string> unpaired_lateral_names(const std::vector<std::string>& names) {
  std::vector<std::string> unpaired;
  for (const std::string& name : names)
    if (is_lateral(name) && partner_name(name, names).empty()) unpaired.push_back(name);
  return unpaired;
}

bool is_lateral_name(const std::string& name) {
  return is_lateral(name) || std::any_of(kIrregularPartners.begin(), kIrregularPartners.end(), [&](const auto& pair) {
           return name == pair.first || name == pair.second;
         });
}

bool names_patient_left(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t at = 0;
  while ((at = lower.find("left", at)) != std::string::npos) {
    const bool starts = at == 0 || !is_word_char(lower[at - 1]);
    const bool ends = at + 4 >= lower.size() || !is_word_char(lower[at + 4]);
    if (starts && ends) return true;
    at += 4;
  }
  return false;
}

const Box* box_named(const std::vector<std::string>& names, const std::vector<Box>& boxes, const std::string& name) {
  const std::size_t count = std::min(names.size(), boxes.size());
  for (std::size_t i = 0; i < count; ++i)
    if (names[i] == name) return &boxes[i];
  return nullptr;
}

Box mirror_box(const Box& box, float image_width) {
  return Box{image_width - box.x2, box.y1, image_width - box.x1, box.y2};
}

PatientLeftAt patient_left_from_anatomy(const std::vector<std::string>& names, const std::vector<Box>& boxes) {
  auto centre_x = [&](const char* name) -> std::optional<float> {
    const Box* box = box_named(names, boxes, name);
    if (!box) return std::nullopt;
    return 0.5f * (box->x1 + box->x2);
  };
  const auto left = centre_x("Left lung");
  const auto right = centre_x("Right lung");
  const auto heart = centre_x("Cardiac shadow viewed radiologically or Heart");
  if (!left || !right || !heart || *left == *right) return PatientLeftAt::Unknown;
  const bool lungs_say_right = *left > *right;
  const bool heart_says_right = *heart > 0.5f * (*left + *right);
  if (lungs_say_right != heart_says_right) return PatientLeftAt::Unknown;
  return lungs_say_right ? PatientLeftAt::ImageRight : PatientLeftAt::ImageLeft;
}

PatientLeftAt patient_left_from_orientation_row(const std::string& row_direction) {
  // The row direction may be oblique ("LP"); its first letter is the dominant axis.
  const std::size_t first = row_direction.find_first_not_of(" ");
  if (first == std::string::npos) return PatientLeftAt::Unknown;
  switch (std::toupper(static_cast<unsigned char>(row_direction[first]))) {
    case 'L': return PatientLeftAt::ImageRight;
    case 'R': return PatientLeftAt::ImageLeft;
    default: return PatientLeftAt::Unknown;
  }
}

}  // namespace anatomix
