#include "prompts.h"

#include "bundle_config.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace anatomix {

namespace {

// Python's str.strip() on ASCII whitespace (the chat template's `trim` and the final `.strip()`).
std::string strip(const std::string& text) {
  const char* whitespace = " \t\n\r\f\v";
  const size_t begin = text.find_first_not_of(whitespace);
  if (begin == std::string::npos) return "";
  const size_t end = text.find_last_not_of(whitespace);
  return text.substr(begin, end - begin + 1);
}

// Text the user types must not smuggle placeholders or turn markers into the prompt.
void check_user_text(const std::string& text) {
  static const char* forbidden[] = {"<image>", "<image_start>", "<image_end>", "<emb>", "</emb>", "<obj_",
                                    "<bos>",   "<eos>",         "<start_of_turn>", "<end_of_turn>", "<pad>"};
  for (const char* token : forbidden)
    if (text.find(token) != std::string::npos)
      throw EngineError(std::string("The request text contains the reserved token \"") + token +
                        "\"; remove it and try again.");
}

std::string regions_text(std::vector<SquareBox> regions) {
  std::sort(regions.begin(), regions.end(),
            [](const SquareBox& a, const SquareBox& b) { return std::tie(a.x1, a.y1) < std::tie(b.x1, b.y1); });
  std::string text;
  for (const auto& box : regions) text += format_box_tag(box);
  return text;
}

std::string classification_options() {
  std::string options;
  const auto& labels = chexpert_labels();
  for (size_t i = 0; i < labels.size(); ++i) {
    options += std::string("(") + static_cast<char>('a' + i) + ") " + labels[i];
    if (i + 1 < labels.size()) options += "\n";
  }
  return options;
}

}  // namespace

std::string task_instruction(Task task, const std::string& raw_text, std::vector<SquareBox> regions) {
  const std::string text = strip(raw_text);
  check_user_text(text);
  auto need_text = [&](const char* what) {
    if (text.empty())
      throw EngineError(std::string("The task \"") + task_name(task) + "\" needs " + what + ", and none was given.");
  };
  auto need_regions = [&]() {
    if (regions.empty())
      throw EngineError(std::string("The task \"") + task_name(task) + "\" needs at least one region (--box).");
  };
  switch (task) {
    case Task::PhraseGrounding:
      need_text("a phrase to locate");
      return "Please locate the following phrase: " + text;
    case Task::AnatomyGrounding:
      need_text("an anatomy name");
      return "Where is the " + chest_imagenome_name(text) + " located in this Chest X-ray?";
    case Task::GroundedDiagnosis:
      need_regions();
      return "Please give the corresponding diagnosis for the following region(s): " + regions_text(regions);
    case Task::GroundedCaptioning:
      need_regions();
      return "Please generate a caption for the following region(s): " + regions_text(regions);
    case Task::ReportGeneration:
      return "Generate report:";
    case Task::OpenVqa:
      need_text("a question");
      return text;
    case Task::ClosedVqa:
      need_text("a question");
      if (text.find("Options:") != std::string::npos) return text;
      return text + " Options:\n(A) yes\n(B) no";
    case Task::Classification:
      return "Please review the chest X-ray(s) and classify any diseases from the following list that are present "
             "in the image. Options:\n" +
             classification_options() + "\nThere may be more than one answer.";
    case Task::AbnormalityDetection:
      return "Detect abnormalities in the given image.";
  }
  throw EngineError("Unknown task.");
}

std::vector<std::string> single_choice_answers(const std::string& instruction) {
  const size_t options_at = instruction.find("Options:");
  if (options_at == std::string::npos || instruction.find("more than one answer") != std::string::npos) return {};
  const bool label_only = instruction.find("letter/number") != std::string::npos;
  std::vector<std::string> answers;
  size_t line_start = instruction.find('\n', options_at);
  while (line_start != std::string::npos) {
    const size_t line_end = instruction.find('\n', line_start + 1);
    const std::string line = strip(instruction.substr(line_start + 1, line_end == std::string::npos
                                                                          ? std::string::npos
                                                                          : line_end - line_start - 1));
    const size_t close = line.find(')');
    if (line.size() > 2 && line[0] == '(' && close != std::string::npos && close > 1 && close + 2 < line.size() &&
        line[close + 1] == ' ')
      answers.push_back(label_only ? line.substr(0, close + 1) : line);
    line_start = line_end;
  }
  if (answers.size() < 2) return {};
  return answers;
}

std::string without_option_label_request(const std::string& instruction) {
  const size_t request = instruction.find("Answer with the option");
  if (request == std::string::npos) return instruction;
  const size_t label = instruction.find("letter/number", request);
  const size_t end = label == std::string::npos ? std::string::npos : instruction.find('.', label);
  if (end == std::string::npos) return instruction;
  size_t start = request;
  while (start > 0 && (instruction[start - 1] == ' ' || instruction[start - 1] == '\n')) --start;
  return instruction.substr(0, start) + instruction.substr(end + 1);
}

std::string chest_imagenome_name(const std::string& name) {
  const std::vector<std::string>& shown = published_anatomy_names();
  for (size_t i = 0; i < shown.size(); ++i)
    if (shown[i] == name) return published_raw_anatomy_names()[i];
  return name;
}

std::string published_display_name(const std::string& name) {
  const std::vector<std::string>& raw = published_raw_anatomy_names();
  for (size_t i = 0; i < raw.size(); ++i)
    if (raw[i] == name) return published_anatomy_names()[i];
  return name;
}

std::string anatomy_token(int anatomy) { return "<obj_" + std::to_string(anatomy) + ">"; }

std::string with_anatomy_boxes(const std::string& text, const std::vector<SquareBox>& boxes,
                               std::vector<int>* pointed) {
  static const std::string open = "<obj_";
  std::string out;
  std::vector<std::pair<size_t, int>> written;  // where in `out` each token's box tag begins, and its anatomy
  size_t cursor = 0;
  for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
    size_t end = at + open.size();
    int anatomy = 0;
    while (end < text.size() && end < at + open.size() + 3 && text[end] >= '0' && text[end] <= '9')
      anatomy = anatomy * 10 + (text[end++] - '0');
    if (end == at + open.size() || end >= text.size() || text[end] != '>' ||
        anatomy >= static_cast<int>(boxes.size()))
      continue;
    out.append(text, cursor, at - cursor);
    written.emplace_back(out.size(), anatomy);
    out += format_box_tag(boxes[static_cast<size_t>(anatomy)]);
    cursor = end + 1;
  }
  out.append(text, cursor, std::string::npos);
  if (pointed) {
    pointed->clear();
    auto next = written.begin();
    for (size_t at = out.find("<box>"); at != std::string::npos; at = out.find("<box>", at + 1)) {
      const bool from_token = next != written.end() && next->first == at;
      pointed->push_back(from_token ? next->second : -1);
      if (from_token) ++next;
    }
  }
  return out;
}

std::string build_prompt(const PromptInputs& inputs) {
  if (inputs.object_boxes.size() != inputs.sentences.size())
    throw EngineError("prompt: the number of boxes and sentences differ");
  if (inputs.image_tokens <= 0) throw EngineError("prompt: the number of image tokens must be positive");

  // User content as text_to_prompt writes it, with the tokenizer-time substitutions already made
  // (sentence after </box>, box string, then the <image_start> expansion).
  std::string image_block = "\n\n<image_start>";
  image_block.reserve(image_block.size() + static_cast<size_t>(inputs.image_tokens) * 7 + 16);
  for (int i = 0; i < inputs.image_tokens; ++i) image_block += "<image>";
  image_block += "<image_end>\n\n";

  std::string user = "Image: <image_start>\nLikely findings:\n";
  for (size_t i = 0; i < inputs.object_boxes.size(); ++i)
    user += "emb:<emb>" + anatomy_token(static_cast<int>(i)) + "</emb> box:" + format_box_tag(inputs.object_boxes[i]) +
            " " + inputs.sentences[i] + "\n";
  user += "Task: " + inputs.instruction;

  // Gemma 3 chat template: system text + "\n\n" opens the first user turn, content trimmed,
  // "<end_of_turn>\n" closes it; then the processor's .strip().
  std::string prompt = strip("<bos><start_of_turn>user\n" + inputs.system_prompt + "\n\n" + strip(user) +
                             "<end_of_turn>\n");
  const std::string marker = "<image_start>";
  const size_t at = prompt.find(marker);
  prompt.replace(at, marker.size(), image_block);
  prompt += "\n<start_of_turn>model\n";
  return prompt;
}

}  // namespace anatomix
