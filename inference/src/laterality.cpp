#include "anatomix/laterality.h"

#include <algorithm>
#include <cctype>

namespace anatomix {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Exchanges whole words left<->right in [begin, end) of `text`, keeping the capitalisation of the
// first letter (and all-caps words).
void swap_words(std::string& text, std::size_t begin, std::size_t end) {
  std::size_t i = begin;
  while (i < end) {
    if (!is_word_char(text[i]) || (i > 0 && is_word_char(text[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < end && is_word_char(text[j])) ++j;
    std::string lower = text.substr(i, j - i);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string replacement;
    if (lower == "left") replacement = "right";
    if (lower == "right") replacement = "left";
    if (!replacement.empty()) {
      const bool all_caps = std::all_of(text.begin() + i, text.begin() + j,
                                        [](unsigned char c) { return std::isupper(c) != 0; });
      if (all_caps) {
        for (char& c : replacement) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      } else if (std::isupper(static_cast<unsigned char>(text[i]))) {
        replacement[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(replacement[0])));
      }
      // Same length is not guaranteed ("left" 4, "right" 5): rebuild and shift the bound.
      text.replace(i, j - i, replacement);
      const std::ptrdiff_t delta = static_cast<std::ptrdiff_t>(replacement.size()) - static_cast<std::ptrdiff_t>(j - i);
      end = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(end) + delta);
      j = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(j) + delta);
    }
    i = j;
  }
}

}  // namespace

std::string swap_left_right(const std::string& text, const std::vector<std::string>& unpaired_names) {
  std::string out = text;
  // Protected spans are found first, then only the text between them is swapped.
  std::vector<std::pair<std::size_t, std::size_t>> keep;
  for (const std::string& name : unpaired_names) {
    if (name.empty()) continue;
    for (std::size_t at = out.find(name); at != std::string::npos; at = out.find(name, at + name.size()))
      keep.emplace_back(at, at + name.size());
  }
  std::sort(keep.begin(), keep.end());
  std::string result;
  std::size_t cursor = 0;
  for (const auto& [b, e] : keep) {
    if (b < cursor) continue;  // overlapping protected span
    std::string segment = out.substr(cursor, b - cursor);
    swap_words(segment, 0, segment.size());
    result += segment;
    result += out.substr(b, e - b);
    cursor = e;
  }
  std::string tail = out.substr(cursor);
  swap_words(tail, 0, tail.size());
  result += tail;
  return result;
}

std::vector<int> mirrored_anatomy_indices(const std::vector<std::string>& names) {
  std::vector<int> partner(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    partner[i] = static_cast<int>(i);
    const std::string swapped = swap_left_right(names[i], {});
    if (swapped == names[i]) continue;
    const auto it = std::find(names.begin(), names.end(), swapped);
    if (it != names.end()) partner[i] = static_cast<int>(it - names.begin());
  }
  return partner;
}

std::vector<std::string> unpaired_lateral_names(const std::vector<std::string>& names) {
  std::vector<std::string> unpaired;
  const std::vector<int> partner = mirrored_anatomy_indices(names);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (partner[i] == static_cast<int>(i) && swap_left_right(names[i], {}) != names[i]) unpaired.push_back(names[i]);
  return unpaired;
}

Box mirror_box(const Box& box, float image_width) {
  return Box{image_width - box.x2, box.y1, image_width - box.x1, box.y2};
}

}  // namespace anatomix
