// Closed-ended VQA accuracy: is the model's choice the expected option?
//
// Prompts list their options one per line after "Options:" as "(K) yes", "(b) no", "(7) yes"
// (the published AnatomiX code). An answer may be the full option "(K) yes", the label alone "(K)" (when
// the prompt asked for the letter), or the option text alone "yes". Both the model's answer and the expected
// answer are resolved to an option text, and they match when those agree:
// - normalise: lowercase (ASCII), typographic apostrophes to "'", whitespace runs to one space, trimmed, one
//   trailing "." removed;
// - an answer starting with a "(label)" of one of the options resolves to that option's text (the label is
//   matched exactly, case kept, as labels are case-styled: "(B)" and "(b)" can be different options);
// - otherwise the normalised answer itself is used (and compared with the other side's text).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace anatomix::eval {

struct ClosedOption {
    std::string label;  // "K", "b", "7"
    std::string text;   // "yes"
};

// Options parsed from the lines after "Options:" that look like "(label) text"; empty when there are none.
std::vector<ClosedOption> parseClosedOptions(const std::string& prompt);

std::string normalizeAnswerText(const std::string& text);

// The normalised option text an answer stands for (see above).
std::string resolveClosedAnswer(const std::string& answer, const std::vector<ClosedOption>& options);

struct ClosedVqaSample {
    std::string prompt;     // the question with its options
    std::string predicted;  // the model's answer
    std::string expected;   // the ground-truth answer
};

bool closedVqaCorrect(const ClosedVqaSample& sample);

struct ClosedVqaAccuracy {
    double accuracy = 0.0;  // nCorrect / nSamples; 0 with no sample
    std::size_t nCorrect = 0;
    std::size_t nSamples = 0;
};

ClosedVqaAccuracy closedVqaAccuracy(const std::vector<ClosedVqaSample>& samples);

}  // namespace anatomix::eval
