#include "anatomix/eval/closed_vqa.h"

#include <sstream>

namespace anatomix::eval {
namespace {

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// "(K) yes" -> {"K", "yes"}; false when the text does not start with a parenthesised label.
bool splitLabel(const std::string& text, std::string& label, std::string& rest)
{
    const std::string value = trimmed(text);
    if (value.size() < 3 || value.front() != '(')
        return false;
    const auto close = value.find(')');
    if (close == std::string::npos || close == 1)
        return false;
    label = trimmed(value.substr(1, close - 1));
    rest = trimmed(value.substr(close + 1));
    return !label.empty() && label.find(' ') == std::string::npos;
}

}  // namespace

std::vector<ClosedOption> parseClosedOptions(const std::string& prompt)
{
    std::vector<ClosedOption> options;
    const auto marker = prompt.find("Options:");
    if (marker == std::string::npos)
        return options;
    std::istringstream lines(prompt.substr(marker + 8));
    std::string line;
    while (std::getline(lines, line)) {
        ClosedOption option;
        if (splitLabel(line, option.label, option.text) && !option.text.empty())
            options.push_back(option);
    }
    return options;
}

std::string normalizeAnswerText(const std::string& text)
{
    std::string spaced;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // U+2018 / U+2019 (typographic apostrophes, as in "option’s") in UTF-8.
        if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
            static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(text[i + 2]) == 0x98 || static_cast<unsigned char>(text[i + 2]) == 0x99)) {
            spaced.push_back('\'');
            i += 2;
            continue;
        }
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!spaced.empty() && spaced.back() != ' ')
                spaced.push_back(' ');
            continue;
        }
        spaced.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
    std::string result = trimmed(spaced);
    if (!result.empty() && result.back() == '.')
        result = trimmed(result.substr(0, result.size() - 1));
    return result;
}

std::string resolveClosedAnswer(const std::string& answer, const std::vector<ClosedOption>& options)
{
    std::string label, rest;
    if (splitLabel(answer, label, rest))
        for (const ClosedOption& option : options)
            if (option.label == label)
                return normalizeAnswerText(option.text);
    return normalizeAnswerText(answer);
}

bool closedVqaCorrect(const ClosedVqaSample& sample)
{
    const std::vector<ClosedOption> options = parseClosedOptions(sample.prompt);
    return resolveClosedAnswer(sample.predicted, options) == resolveClosedAnswer(sample.expected, options);
}

ClosedVqaAccuracy closedVqaAccuracy(const std::vector<ClosedVqaSample>& samples)
{
    ClosedVqaAccuracy result;
    result.nSamples = samples.size();
    for (const ClosedVqaSample& sample : samples)
        if (closedVqaCorrect(sample))
            ++result.nCorrect;
    if (result.nSamples > 0)
        result.accuracy = static_cast<double>(result.nCorrect) / static_cast<double>(result.nSamples);
    return result;
}

}  // namespace anatomix::eval
