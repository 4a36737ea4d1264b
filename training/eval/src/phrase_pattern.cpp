#include "phrase_pattern.h"

#include "anatomix/eval/metrics_error.h"

#include <sstream>

namespace anatomix::eval::detail {
namespace {

bool isAlphanumeric(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::vector<ReportSentence> splitReportSentences(const std::string& report)
{
    std::vector<ReportSentence> sentences;
    ReportSentence sentence;
    std::string word;
    const auto flushWord = [&]() {
        if (!word.empty())
            sentence.push_back({word, true});
        word.clear();
    };
    const auto endSentence = [&]() {
        flushWord();
        if (!sentence.empty())
            sentences.push_back(std::move(sentence));
        sentence.clear();
    };
    for (std::size_t i = 0; i < report.size(); ++i) {
        const char c = lowerAscii(report[i]);
        if (isAlphanumeric(c)) {
            word.push_back(c);
            continue;
        }
        flushWord();
        const bool digitBefore = i > 0 && report[i - 1] >= '0' && report[i - 1] <= '9';
        const bool digitAfter = i + 1 < report.size() && report[i + 1] >= '0' && report[i + 1] <= '9';
        switch (c) {
        case '.':
            if (!(digitBefore && digitAfter))  // "1.5 cm" stays one sentence
                endSentence();
            break;
        case '!':
        case ';':
        case ':':
            endSentence();
            break;
        case '?':
            sentence.push_back({"?", false});
            if (!(i + 1 < report.size() && isAlphanumeric(lowerAscii(report[i + 1]))))  // "?pneumonia" is a cue
                endSentence();
            break;
        case ',':
            sentence.push_back({",", false});
            break;
        case '\n': {
            std::size_t next = i + 1;
            while (next < report.size() && (report[next] == ' ' || report[next] == '\t' || report[next] == '\r'))
                ++next;
            if (next < report.size() && report[next] == '\n')  // a blank line ends a paragraph
                endSentence();
            break;
        }
        default:
            break;
        }
    }
    endSentence();
    return sentences;
}

PhrasePattern::PhrasePattern(const std::string& source, bool matchPlurals) : source_(source), matchPlurals_(matchPlurals)
{
    std::istringstream parts(source);
    std::string part;
    while (parts >> part) {
        Slot slot;
        if (part[0] == '~') {
            const std::string digits = part.substr(1);
            if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
                throw MetricsError("PhrasePattern: malformed gap \"" + part + "\" in \"" + source + "\"");
            slot.maxGap = static_cast<std::size_t>(std::stoul(digits));
        } else {
            std::size_t begin = 0;
            while (begin <= part.size()) {
                const std::size_t bar = part.find('|', begin);
                std::string text = part.substr(begin, bar == std::string::npos ? std::string::npos : bar - begin);
                Alternative alternative;
                if (!text.empty() && text.back() == '*') {
                    alternative.isPrefix = true;
                    text.pop_back();
                }
                if (text.empty())
                    throw MetricsError("PhrasePattern: empty word in \"" + source + "\"");
                alternative.text = text;
                slot.alternatives.push_back(alternative);
                if (bar == std::string::npos)
                    break;
                begin = bar + 1;
            }
        }
        slots_.push_back(slot);
    }
    if (slots_.empty() || slots_.front().alternatives.empty() || slots_.back().alternatives.empty())
        throw MetricsError("PhrasePattern: \"" + source + "\" must start and end with a word");
}

bool PhrasePattern::slotMatches(const Slot& slot, const ReportToken& token) const
{
    for (const Alternative& alternative : slot.alternatives) {
        if (token.text == alternative.text)
            return true;
        if (!token.isWord)
            continue;
        if (alternative.isPrefix && token.text.compare(0, alternative.text.size(), alternative.text) == 0)
            return true;
        if (matchPlurals_ && (token.text == alternative.text + "s" || token.text == alternative.text + "es"))
            return true;
    }
    return false;
}

std::optional<std::size_t> PhrasePattern::matchFrom(const ReportSentence& tokens, std::size_t slotIndex,
                                                    std::size_t position,
                                                    const std::function<bool(std::size_t)>& gapAllowed) const
{
    if (slotIndex == slots_.size())
        return position;
    const Slot& slot = slots_[slotIndex];
    if (slot.alternatives.empty()) {
        for (std::size_t gap = 0; gap <= slot.maxGap; ++gap) {
            if (gap > 0) {
                const std::size_t skipped = position + gap - 1;
                if (skipped >= tokens.size() || !tokens[skipped].isWord || !gapAllowed(skipped))
                    break;
            }
            if (const auto end = matchFrom(tokens, slotIndex + 1, position + gap, gapAllowed))
                return end;
        }
        return std::nullopt;
    }
    if (position >= tokens.size() || !slotMatches(slot, tokens[position]))
        return std::nullopt;
    return matchFrom(tokens, slotIndex + 1, position + 1, gapAllowed);
}

std::optional<std::size_t> PhrasePattern::matchAt(const ReportSentence& tokens, std::size_t start,
                                                  const std::function<bool(std::size_t)>& gapAllowed) const
{
    return matchFrom(tokens, 0, start, gapAllowed);
}

}  // namespace anatomix::eval::detail
