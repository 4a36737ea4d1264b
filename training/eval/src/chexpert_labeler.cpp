#include "anatomix/eval/chexpert_labeler.h"

#include "chexpert_vocabulary.h"
#include "phrase_pattern.h"

#include <algorithm>
#include <iterator>
#include <set>

namespace anatomix::eval {

using detail::PhrasePattern;
using detail::ReportSentence;

namespace {

constexpr std::size_t kPreCueMaxWords = 5;
constexpr std::size_t kPostCueMaxWords = 2;

struct CueKind {
    bool preNegation = false;
    bool postNegation = false;
    bool preUncertainty = false;
    bool postUncertainty = false;
    bool pseudoNegation = false;
    bool terminator = false;

    void merge(const CueKind& other)
    {
        preNegation |= other.preNegation;
        postNegation |= other.postNegation;
        preUncertainty |= other.preUncertainty;
        postUncertainty |= other.postUncertainty;
        pseudoNegation |= other.pseudoNegation;
        terminator |= other.terminator;
    }
    bool isPre() const { return preNegation || preUncertainty; }
    bool isPost() const { return postNegation || postUncertainty; }
};

struct FoundCue {
    std::size_t start = 0;
    std::size_t end = 0;
    CueKind kind;
};

struct FoundMention {
    std::size_t start = 0;
    std::size_t end = 0;
    std::optional<ChexpertLabel> label;  // nullopt: an ignored phrase
    bool statesAbsence = false;         // "heart size is normal"
};

std::string joinTokens(const ReportSentence& tokens, std::size_t start, std::size_t end)
{
    std::string text;
    for (std::size_t i = start; i < end; ++i) {
        if (!text.empty() && tokens[i].isWord)
            text += ' ';
        text += tokens[i].text;
    }
    return text;
}

MentionStatus combine(MentionStatus current, MentionStatus next)
{
    const auto rank = [](MentionStatus status) {
        switch (status) {
        case MentionStatus::Positive:
            return 3;
        case MentionStatus::Uncertain:
            return 2;
        case MentionStatus::Negative:
            return 1;
        case MentionStatus::Absent:
            break;
        }
        return 0;
    };
    return rank(next) > rank(current) ? next : current;
}

}  // namespace

struct ChexpertLabeler::Vocabulary {
    struct MentionPattern {
        PhrasePattern pattern;
        std::optional<ChexpertLabel> label;
        bool statesAbsence = false;
    };
    struct CuePattern {
        PhrasePattern pattern;
        CueKind kind;
    };
    std::vector<MentionPattern> mentions;
    std::vector<CuePattern> cues;
    std::set<std::string> listWords;
    std::set<std::string> assertionWords;
};

ChexpertLabeler::ChexpertLabeler()
{
    auto vocabulary = std::make_unique<Vocabulary>();
    for (const detail::LabelVocabulary& entry : detail::chexpertMentionVocabulary()) {
        for (const std::string& phrase : entry.mentions)
            vocabulary->mentions.push_back({PhrasePattern(phrase, true), entry.label, false});
        for (const std::string& phrase : entry.normalPhrases)
            vocabulary->mentions.push_back({PhrasePattern(phrase, true), entry.label, true});
    }
    for (const std::string& phrase : detail::chexpertIgnoredPhrases())
        vocabulary->mentions.push_back({PhrasePattern(phrase, true), std::nullopt, false});

    // One entry per phrase, with the kinds of every list it is in.
    std::vector<std::pair<std::string, CueKind>> cueKinds;
    const auto addCues = [&](const std::vector<std::string>& phrases, CueKind kind) {
        for (const std::string& phrase : phrases) {
            const auto same = std::find_if(cueKinds.begin(), cueKinds.end(),
                                           [&](const auto& entry) { return entry.first == phrase; });
            if (same == cueKinds.end())
                cueKinds.emplace_back(phrase, kind);
            else
                same->second.merge(kind);
        }
    };
    const detail::CueVocabulary& cues = detail::chexpertCueVocabulary();
    CueKind kind;
    kind = {};
    kind.preNegation = true;
    addCues(cues.preNegation, kind);
    kind = {};
    kind.postNegation = true;
    addCues(cues.postNegation, kind);
    kind = {};
    kind.preUncertainty = true;
    addCues(cues.preUncertainty, kind);
    kind = {};
    kind.postUncertainty = true;
    addCues(cues.postUncertainty, kind);
    kind = {};
    kind.pseudoNegation = true;
    addCues(cues.pseudoNegation, kind);
    kind = {};
    kind.terminator = true;
    addCues(cues.terminators, kind);
    for (const auto& [phrase, cueKind] : cueKinds)
        vocabulary->cues.push_back({PhrasePattern(phrase, false), cueKind});

    vocabulary->listWords.insert(detail::chexpertListWords().begin(), detail::chexpertListWords().end());
    vocabulary->assertionWords.insert(detail::chexpertAssertionWords().begin(), detail::chexpertAssertionWords().end());
    vocabulary_ = std::move(vocabulary);
}

ChexpertLabeler::~ChexpertLabeler() = default;

std::vector<ChexpertMention> ChexpertLabeler::mentions(const std::string& report) const
{
    const Vocabulary& vocabulary = *vocabulary_;
    std::vector<ChexpertMention> result;
    const std::vector<ReportSentence> sentences = detail::splitReportSentences(report);
    for (std::size_t sentenceIndex = 0; sentenceIndex < sentences.size(); ++sentenceIndex) {
        const ReportSentence& tokens = sentences[sentenceIndex];
        const auto anyWord = [](std::size_t) { return true; };

        // Cues, longest first at each position, not overlapping.
        std::vector<FoundCue> cues;
        std::vector<bool> insideTerminator(tokens.size(), false);
        for (std::size_t position = 0; position < tokens.size();) {
            FoundCue best;
            for (const Vocabulary::CuePattern& cue : vocabulary.cues) {
                const auto end = cue.pattern.matchAt(tokens, position, anyWord);
                if (!end)
                    continue;
                if (*end > best.end) {
                    best = {position, *end, cue.kind};
                } else if (*end == best.end) {
                    best.kind.merge(cue.kind);
                }
            }
            if (best.end == 0) {
                ++position;
                continue;
            }
            cues.push_back(best);
            if (best.kind.terminator)
                std::fill(insideTerminator.begin() + static_cast<std::ptrdiff_t>(best.start),
                          insideTerminator.begin() + static_cast<std::ptrdiff_t>(best.end), true);
            position = best.end;
        }

        // Mentions; gaps may not run over a terminator. Then drop those inside a longer one (spans are short,
        // so only mentions starting up to the longest span before each candidate are compared).
        const auto gapAllowed = [&](std::size_t index) { return !insideTerminator[index]; };
        std::vector<FoundMention> found;
        for (std::size_t start = 0; start < tokens.size(); ++start)
            for (const Vocabulary::MentionPattern& mention : vocabulary.mentions)
                if (const auto end = mention.pattern.matchAt(tokens, start, gapAllowed))
                    found.push_back({start, *end, mention.label, mention.statesAbsence});
        std::size_t longestSpan = 0;
        std::vector<std::vector<std::size_t>> foundByStart(tokens.size());
        for (std::size_t i = 0; i < found.size(); ++i) {
            longestSpan = std::max(longestSpan, found[i].end - found[i].start);
            foundByStart[found[i].start].push_back(i);
        }
        std::vector<FoundMention> kept;
        for (std::size_t i = 0; i < found.size(); ++i) {
            const FoundMention& candidate = found[i];
            const std::size_t span = candidate.end - candidate.start;
            bool dropped = false;
            const std::size_t firstStart = candidate.end > longestSpan ? candidate.end - longestSpan : 0;
            for (std::size_t start = firstStart; start <= candidate.start && !dropped; ++start)
                for (std::size_t j : foundByStart[start]) {
                    const FoundMention& other = found[j];
                    const bool longer = other.end >= candidate.end && other.end - other.start > span;
                    const bool earlierDuplicate = j < i && other.start == candidate.start && other.end == candidate.end &&
                                                  other.label == candidate.label &&
                                                  other.statesAbsence == candidate.statesAbsence;
                    if (longer || earlierDuplicate) {
                        dropped = true;
                        break;
                    }
                }
            if (!dropped)
                kept.push_back(candidate);
        }
        std::vector<bool> insideMention(tokens.size(), false);
        for (const FoundMention& mention : kept)
            std::fill(insideMention.begin() + static_cast<std::ptrdiff_t>(mention.start),
                      insideMention.begin() + static_cast<std::ptrdiff_t>(mention.end), true);
        const auto isListToken = [&](std::size_t index) { return vocabulary.listWords.count(tokens[index].text) > 0; };

        // Words between `from` and `to` that count against a cue's reach (counting stops past `maxWords`), or
        // nullopt if the scope is cut by a terminator or by a new assertion after another finding.
        const auto scopeWords = [&](std::size_t from, std::size_t to, std::size_t maxWords) -> std::optional<std::size_t> {
            std::size_t words = 0;
            std::optional<std::size_t> lastMentionEnd;
            for (std::size_t i = from; i < to; ++i) {
                if (insideTerminator[i])
                    return std::nullopt;
                if (insideMention[i]) {
                    lastMentionEnd = i + 1;
                    continue;
                }
                if (!isListToken(i) && ++words > maxWords)
                    return words;
            }
            if (lastMentionEnd) {
                bool joinsByAndOrComma = false;
                bool joinsByOr = false;
                bool hasAssertion = false;
                for (std::size_t i = *lastMentionEnd; i < to; ++i) {
                    joinsByAndOrComma |= tokens[i].text == "and" || tokens[i].text == ",";
                    joinsByOr |= tokens[i].text == "or" || tokens[i].text == "nor";
                    hasAssertion |= vocabulary.assertionWords.count(tokens[i].text) > 0;
                }
                if (joinsByAndOrComma && !joinsByOr && hasAssertion)
                    return std::nullopt;
            }
            return words;
        };

        for (const FoundMention& mention : kept) {
            if (!mention.label)
                continue;
            ChexpertMention reading;
            reading.label = *mention.label;
            reading.sentenceIndex = sentenceIndex;
            reading.phrase = joinTokens(tokens, mention.start, mention.end);
            if (mention.statesAbsence) {
                reading.status = MentionStatus::Negative;
                reading.cue = reading.phrase;
                result.push_back(reading);
                continue;
            }

            // The nearest cue before the mention (or inside its gap) that is a pre-cue or a pseudo-negation; cues
            // are sorted and do not overlap, so the search walks back from the mention's end.
            const FoundCue* preCue = nullptr;
            auto afterMentionStart = std::lower_bound(cues.begin(), cues.end(), mention.end,
                                                      [](const FoundCue& cue, std::size_t end) { return cue.start < end; });
            for (auto cue = std::make_reverse_iterator(afterMentionStart); cue != cues.rend(); ++cue) {
                const bool before = cue->end <= mention.start;
                const bool insideGap = cue->start >= mention.start && cue->end <= mention.end;
                if ((before || insideGap) && (cue->kind.isPre() || cue->kind.pseudoNegation)) {
                    preCue = &*cue;
                    break;
                }
                if (before && cue->kind.terminator)
                    break;
            }
            if (preCue && !preCue->kind.isPre())
                preCue = nullptr;
            if (preCue && preCue->end <= mention.start) {
                const auto words = scopeWords(preCue->end, mention.start, kPreCueMaxWords);
                if (!words || *words > kPreCueMaxWords)
                    preCue = nullptr;
            }
            // The nearest post-cue after the mention; a terminator or a cue that opens another statement
            // ("no", "possible", "no change") ends the search.
            const FoundCue* postCue = nullptr;
            for (auto cue = afterMentionStart; cue != cues.end(); ++cue) {
                if (cue->kind.terminator || (!cue->kind.isPost() && (cue->kind.isPre() || cue->kind.pseudoNegation)))
                    break;
                if (cue->kind.isPost()) {
                    const auto words = scopeWords(mention.end, cue->start, kPostCueMaxWords);
                    if (words && *words <= kPostCueMaxWords)
                        postCue = &*cue;
                    break;
                }
            }

            const bool uncertain =
                (preCue && preCue->kind.preUncertainty) || (postCue && postCue->kind.postUncertainty);
            const bool negated = (preCue && preCue->kind.preNegation) || (postCue && postCue->kind.postNegation);
            reading.status = uncertain ? MentionStatus::Uncertain
                             : negated ? MentionStatus::Negative
                                       : MentionStatus::Positive;
            const FoundCue* deciding = nullptr;
            if (uncertain)
                deciding = (preCue && preCue->kind.preUncertainty) ? preCue : postCue;
            else if (negated)
                deciding = (preCue && preCue->kind.preNegation) ? preCue : postCue;
            if (deciding)
                reading.cue = joinTokens(tokens, deciding->start, deciding->end);
            result.push_back(reading);
        }
    }
    return result;
}

ChexpertLabels ChexpertLabeler::label(const std::string& report) const
{
    ChexpertLabels labels;
    for (const ChexpertMention& mention : mentions(report))
        labels[mention.label] = combine(labels[mention.label], mention.status);
    bool anyFinding = false;
    for (std::size_t i = 0; i < kChexpertLabelCount; ++i) {
        const auto label = static_cast<ChexpertLabel>(i);
        if (label == ChexpertLabel::NoFinding || label == ChexpertLabel::SupportDevices)
            continue;
        anyFinding |= labels[label] == MentionStatus::Positive || labels[label] == MentionStatus::Uncertain;
    }
    labels[ChexpertLabel::NoFinding] = anyFinding ? MentionStatus::Absent : MentionStatus::Positive;
    return labels;
}

ChexpertLabels labelChexpert(const std::string& report)
{
    static const ChexpertLabeler labeler;
    return labeler.label(report);
}

}  // namespace anatomix::eval
