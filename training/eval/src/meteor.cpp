#include "anatomix/eval/meteor.h"

#include "anatomix/eval/porter_stemmer.h"
#include "whitespace_split.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace anatomix::eval {
namespace {

struct IndexedWord {
    std::size_t position = 0;  // in the original sentence
    std::string word;
};

using WordMatch = std::pair<std::size_t, std::size_t>;  // (hypothesis position, reference position)

// nltk.translate.meteor_score._match_enums: hypothesis words from last to first, each taking the last
// still unmatched equal reference word. The unmatched words stay in `hypothesis` and `reference`.
void matchStage(std::vector<IndexedWord>& hypothesis, std::vector<IndexedWord>& reference,
                std::vector<WordMatch>& matches)
{
    std::map<std::string, std::vector<std::size_t>> referencePositions;
    for (std::size_t j = 0; j < reference.size(); ++j)
        referencePositions[reference[j].word].push_back(j);
    std::vector<bool> hypothesisMatched(hypothesis.size(), false);
    std::vector<bool> referenceMatched(reference.size(), false);
    for (std::size_t i = hypothesis.size(); i-- > 0;) {
        const auto found = referencePositions.find(hypothesis[i].word);
        if (found == referencePositions.end() || found->second.empty())
            continue;
        const std::size_t j = found->second.back();
        found->second.pop_back();
        hypothesisMatched[i] = true;
        referenceMatched[j] = true;
        matches.emplace_back(hypothesis[i].position, reference[j].position);
    }
    const auto keepUnmatched = [](std::vector<IndexedWord>& words, const std::vector<bool>& matched) {
        std::vector<IndexedWord> rest;
        for (std::size_t i = 0; i < words.size(); ++i)
            if (!matched[i])
                rest.push_back(words[i]);
        words = std::move(rest);
    };
    keepUnmatched(hypothesis, hypothesisMatched);
    keepUnmatched(reference, referenceMatched);
}

std::vector<IndexedWord> lowercased(const std::vector<std::string>& tokens)
{
    std::vector<IndexedWord> words;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::string word = tokens[i];
        for (char& c : word)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        words.push_back({i, word});
    }
    return words;
}

std::size_t countChunks(const std::vector<WordMatch>& matches)
{
    std::size_t chunks = 1;
    for (std::size_t i = 0; i + 1 < matches.size(); ++i)
        if (!(matches[i + 1].first == matches[i].first + 1 && matches[i + 1].second == matches[i].second + 1))
            ++chunks;
    return chunks;
}

}  // namespace

double meteorScoreTokens(const std::vector<std::string>& referenceTokens,
                         const std::vector<std::string>& hypothesisTokens, const MeteorParameters& parameters)
{
    std::vector<IndexedWord> hypothesis = lowercased(hypothesisTokens);
    std::vector<IndexedWord> reference = lowercased(referenceTokens);
    std::vector<WordMatch> matches;
    matchStage(hypothesis, reference, matches);
    for (IndexedWord& word : hypothesis)
        word.word = porterStem(word.word);
    for (IndexedWord& word : reference)
        word.word = porterStem(word.word);
    matchStage(hypothesis, reference, matches);
    std::sort(matches.begin(), matches.end(),
              [](const WordMatch& a, const WordMatch& b) { return a.first < b.first; });

    if (matches.empty() || hypothesisTokens.empty() || referenceTokens.empty())
        return 0.0;
    const double nMatches = static_cast<double>(matches.size());
    const double precision = nMatches / static_cast<double>(hypothesisTokens.size());
    const double recall = nMatches / static_cast<double>(referenceTokens.size());
    const double fmean = precision * recall / (parameters.alpha * precision + (1.0 - parameters.alpha) * recall);
    const double fragmentation = static_cast<double>(countChunks(matches)) / nMatches;
    const double penalty = parameters.gamma * std::pow(fragmentation, parameters.beta);
    return (1.0 - penalty) * fmean;
}

double meteorScore(const std::vector<std::string>& references, const std::string& hypothesis,
                   const MeteorParameters& parameters)
{
    const std::vector<std::string> hypothesisTokens = detail::splitWhitespace(hypothesis);
    double best = 0.0;
    for (const std::string& reference : references)
        best = std::max(best, meteorScoreTokens(detail::splitWhitespace(reference), hypothesisTokens, parameters));
    return best;
}

}  // namespace anatomix::eval
