#include "anatomix/laterality.h"

#include <algorithm>
#include <array>
#include <cctype>
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

bool has_irregular_partner(const std::string& name) {
  return std::any_of(kIrregularPartners.begin(), kIrregularPartners.end(),
                     [&](const auto& pair) { return name == pair.first || name == pair.second; });
}

}  // namespace

SideSwapper::SideSwapper(const std::vector<std::string>& anatomy_names) {
  // Names that need care: lateral ones (side words) and irregular partners; longest first so that a
  // name inside a longer one never splits it.
  for (const std::string& name : anatomy_names) {
    if (name.empty() || !(is_lateral(name) || has_irregular_partner(name))) continue;
    const std::string partner = partner_name(name, anatomy_names);
    replacements_.emplace_back(name, partner.empty() ? name : partner);
  }
  std::sort(replacements_.begin(), replacements_.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string SideSwapper::operator()(const std::string& text) const {
  std::string result, gap;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool word_start = i == 0 || !is_word_char(text[i - 1]);
    const auto match = !word_start ? replacements_.end()
                                   : std::find_if(replacements_.begin(), replacements_.end(), [&](const auto& entry) {
      return entry.first[0] == text[i] && text.compare(i, entry.first.size(), entry.first) == 0 &&
             (i + entry.first.size() >= text.size() || !is_word_char(text[i + entry.first.size()]));
    });
    if (match == replacements_.end()) {
      gap += text[i++];
      continue;
    }
    result += swap_words(gap);
    gap.clear();
    result += match->second;
    i += match->first.size();
  }
  return result + swap_words(gap);
}

std::string swap_left_right(const std::string& text, const std::vector<std::string>& anatomy_names) {
  return SideSwapper(anatomy_names)(text);
}

std::vector<int> mirrored_anatomy_indices(const std::vector<std::string>& names) {
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

Box mirror_box(const Box& box, float image_width) {
  return Box{image_width - box.x2, box.y1, image_width - box.x1, box.y2};
}

}  // namespace anatomix
