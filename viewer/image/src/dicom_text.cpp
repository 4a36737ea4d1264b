#include "anatomix/image/dicom_text.h"

#include <cctype>
#include <vector>

namespace anatomix::image {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::string display_person_name(const std::string& value) {
  const std::string alphabetic = value.substr(0, value.find('='));
  std::vector<std::string> components;
  size_t start = 0;
  while (true) {
    const size_t end = alphabetic.find('^', start);
    components.push_back(trimmed(alphabetic.substr(start, end == std::string::npos ? std::string::npos : end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  components.resize(3);
  std::string given = components[1];
  if (!components[2].empty()) given += (given.empty() ? "" : " ") + components[2];
  if (given.empty()) return components[0];
  if (components[0].empty()) return given;
  return components[0] + ", " + given;
}

std::string iso_date(const std::string& value) {
  const std::string text = trimmed(value);
  bool digits = text.size() == 8;
  for (char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (!digits) return text;
  return text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
}

}  // namespace anatomix::image
