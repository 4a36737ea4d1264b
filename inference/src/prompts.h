// Prompts of the nine tasks (the published AnatomiX code, first published phrasing of each) and the
// exact prompt layout of section 5.5 (Gemma 3 chat template, tokenizer-time substitutions, generation
// prompt). Torch-free.
#pragma once

#include "anatomix/engine.h"
#include "anatomix/square_box.h"

#include <string>
#include <vector>

namespace anatomix {

// The instruction placed after "Task: ". `regions` are user boxes already in model-square pixels
// (sorted by (x1, y1) here, as the training data was). Throws EngineError when the task needs a phrase,
// question or region that is missing, or when `text` contains prompt control tokens.
std::string task_instruction(Task task, const std::string& text, std::vector<SquareBox> regions);

// The answers a single-choice question admits, in the form its instruction asks for: "(B) no" for each
// "(B) no" line after "Options:", or "(B)" alone when the instruction asks for the option's letter/number
// (the published closed-question phrasings). Empty when there are fewer than two options or the question
// allows more than one answer.
std::vector<std::string> single_choice_answers(const std::string& instruction);

// The instruction without its request to answer with the option's letter/number alone ("Answer with the
// option's letter/number from the given choices directly."), or the instruction itself when it has none.
std::string without_option_label_request(const std::string& instruction);

struct PromptInputs {
  std::string system_prompt;              // "" as published at inference
  int image_tokens = 1024;                // number of <image> placeholders
  std::vector<SquareBox> object_boxes;    // APM boxes in query order
  std::vector<std::string> sentences;     // retrieved sentence of each object
  std::string instruction;                // from task_instruction()
};

// An anatomy as the training questions name it (Chest ImaGenome's raw name, e.g. "Trachea&&Main Bronchus") for
// its display name ("Trachea and Main Bronchus"); other text as it is. published_display_name() is the
// inverse, for the names of an answer's boxes.
std::string chest_imagenome_name(const std::string& name);
std::string published_display_name(const std::string& name);

// "<obj_i>": the token whose embedding is the APM's anatomy i; in the prompt it opens anatomy i's line.
std::string anatomy_token(int anatomy);

// An answer points at an anatomy by writing its token, as Groma's region tokens point at region proposals
// (Ma et al. 2024): every "<obj_i>" of `text` (i < boxes.size()) becomes anatomy i's box tag, the line of the
// prompt the language model chose. Other text is kept as it is. With `pointed`, it gets one entry per <box> tag
// of the result, in order: the anatomy whose token wrote that tag, or -1 for a box the model wrote itself.
std::string with_anatomy_boxes(const std::string& text, const std::vector<SquareBox>& boxes,
                               std::vector<int>* pointed = nullptr);

// The complete prompt text, starting with the chat template's literal "<bos>" (the tokenizer adds the
// second BOS) and ending with "<start_of_turn>model\n".
std::string build_prompt(const PromptInputs& inputs);

}  // namespace anatomix
