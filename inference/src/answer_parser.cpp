#include "answer_parser.h"

#include <cctype>
#include <cstdlib>
#include <exception>

namespace anatomix {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string trim(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// Python re.findall(r"-?\d+(?:\.\d+)?", text)
std::vector<double> find_numbers(const std::string& text) {
  std::vector<double> numbers;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    size_t j = i;
    if (text[j] == '-') ++j;
    if (j < text.size() && is_digit(text[j])) {
      while (j < text.size() && is_digit(text[j])) ++j;
      if (j + 1 < text.size() && text[j] == '.' && is_digit(text[j + 1])) {
        ++j;
        while (j < text.size() && is_digit(text[j])) ++j;
      }
      numbers.push_back(std::strtod(text.substr(start, j - start).c_str(), nullptr));
      i = j;
    } else {
      ++i;
    }
  }
  return numbers;
}

// Python re.sub(r"<.*?>", "", text): removes every complete tag.
std::string remove_tags(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<') {
      const size_t close = text.find('>', i + 1);
      if (close != std::string::npos) {
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

// The last <ref>...</ref> in `span`, if any.
bool last_ref(const std::string& span, std::string& label) {
  bool found = false;
  size_t position = 0;
  while (true) {
    const size_t open = span.find("<ref>", position);
    if (open == std::string::npos) break;
    const size_t close = span.find("</ref>", open + 5);
    if (close == std::string::npos) break;
    label = span.substr(open + 5, close - open - 5);
    found = true;
    position = close + 6;
  }
  return found;
}

struct BoxMatch {
  size_t begin = 0, end = 0;  // whole match [begin, end)
  std::string inside;         // the lazy (.*?) group
};

// The leftmost match of <box>\s*\((.*?)\)\s*</box> starting at or after `from`.
bool find_box(const std::string& text, size_t from, BoxMatch& match) {
  for (size_t start = text.find("<box>", from); start != std::string::npos; start = text.find("<box>", start + 1)) {
    size_t i = start + 5;
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size() || text[i] != '(') continue;
    const size_t group_begin = i + 1;
    for (size_t close = text.find(')', group_begin); close != std::string::npos; close = text.find(')', close + 1)) {
      size_t k = close + 1;
      while (k < text.size() && is_space(text[k])) ++k;
      if (text.compare(k, 6, "</box>") == 0) {
        match = {start, k + 6, text.substr(group_begin, close - group_begin)};
        return true;
      }
    }
  }
  return false;
}

std::string tidy(const std::string& text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (c == '\n') pending_space = false;
    if (pending_space && c != '.' && c != ',') out += ' ';
    pending_space = false;
    out += c;
  }
  return trim(out);
}

size_t count_box_tags(const std::string& text) {
  size_t count = 0;
  for (size_t at = text.find("<box>"); at != std::string::npos; at = text.find("<box>", at + 5)) ++count;
  return count;
}

ParsedAnswer boxes_not_read(const std::string& text, const std::string& problem) {
  ParsedAnswer answer;
  answer.plain_text = trim(text);
  answer.box_problem = problem;
  return answer;
}

}  // namespace

ParsedAnswer parse_answer(const std::string& text) {
  ParsedAnswer answer;
  try {
    std::string plain;
    size_t cursor = 0;
    BoxMatch match;
    while (find_box(text, cursor, match)) {
      const std::string span = text.substr(cursor, match.begin - cursor);
      plain += span;
      const std::vector<double> numbers = find_numbers(match.inside);
      if (numbers.size() == 4) {
        ParsedBox box;
        if (!last_ref(span, box.label)) box.label = remove_tags(span);
        box.label = trim(box.label);
        box.x1 = numbers[0];
        box.y1 = numbers[1];
        box.x2 = numbers[2];
        box.y2 = numbers[3];
        answer.boxes.push_back(std::move(box));
      }
      cursor = match.end;
    }
    plain += text.substr(cursor);
    answer.plain_text = tidy(remove_tags(plain));
  } catch (const std::exception& error) {
    return boxes_not_read(text, std::string("The answer could not be parsed (") + error.what() + ").");
  }
  const size_t tags = count_box_tags(text);
  if (answer.boxes.size() < tags) {
    const size_t unread = tags - answer.boxes.size();
    ParsedAnswer reported = boxes_not_read(
        text, std::to_string(unread) + " of the answer's " + std::to_string(tags) + " <box> tag" + (tags > 1 ? "s" : "") +
                  (unread > 1 ? " hold" : " holds") + " no box of four numbers.");
    reported.boxes = std::move(answer.boxes);
    return reported;
  }
  return answer;
}

}  // namespace anatomix
