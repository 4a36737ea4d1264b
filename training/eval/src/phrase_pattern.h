// Word-sequence patterns for the CheXpert labeler (syntax in chexpert_vocabulary.h) and the report
// tokenizer they run on.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace anatomix::eval::detail {

struct ReportToken {
    std::string text;  // lowercase word, or "," / "?"
    bool isWord = true;
};

using ReportSentence = std::vector<ReportToken>;

// Sentences of a report (see chexpert_labeler.h for the rules).
std::vector<ReportSentence> splitReportSentences(const std::string& report);

class PhrasePattern {
public:
    // Throws MetricsError for an empty pattern or a malformed "~N" gap.
    PhrasePattern(const std::string& source, bool matchPlurals);

    // End (exclusive) of a match starting at `start`, or nullopt. Gap words must satisfy `gapAllowed`
    // (called with a token index); the shortest gaps are tried first.
    std::optional<std::size_t> matchAt(const ReportSentence& tokens, std::size_t start,
                                       const std::function<bool(std::size_t)>& gapAllowed) const;

    const std::string& source() const { return source_; }

private:
    struct Alternative {
        std::string text;
        bool isPrefix = false;
    };
    struct Slot {
        std::vector<Alternative> alternatives;  // empty for a gap
        std::size_t maxGap = 0;
    };
    bool slotMatches(const Slot& slot, const ReportToken& token) const;
    std::optional<std::size_t> matchFrom(const ReportSentence& tokens, std::size_t slotIndex, std::size_t position,
                                         const std::function<bool(std::size_t)>& gapAllowed) const;

    std::string source_;
    bool matchPlurals_ = false;
    std::vector<Slot> slots_;
};

}  // namespace anatomix::eval::detail
