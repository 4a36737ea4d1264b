#include "anatomix/eval/rouge.h"

#include "anatomix/eval/porter_stemmer.h"

#include <algorithm>

namespace anatomix::eval {

std::vector<std::string> rougeTokenize(const std::string& text, bool useStemmer)
{
    std::vector<std::string> tokens;
    std::string current;
    const auto flush = [&]() {
        if (current.empty())
            return;
        tokens.push_back(useStemmer && current.size() > 3 ? porterStem(current) : current);
        current.clear();
    };
    for (char c : text) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
            current.push_back(lower);
        else
            flush();
    }
    flush();
    return tokens;
}

std::size_t longestCommonSubsequence(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::vector<std::size_t> previous(b.size() + 1, 0);
    std::vector<std::size_t> row(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j)
            row[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], row[j - 1]);
        std::swap(previous, row);
    }
    return previous[b.size()];
}

RougeScore rougeL(const std::string& reference, const std::string& hypothesis, bool useStemmer)
{
    const std::vector<std::string> referenceTokens = rougeTokenize(reference, useStemmer);
    const std::vector<std::string> hypothesisTokens = rougeTokenize(hypothesis, useStemmer);
    RougeScore score;
    if (referenceTokens.empty() || hypothesisTokens.empty())
        return score;
    const double lcs = static_cast<double>(longestCommonSubsequence(referenceTokens, hypothesisTokens));
    score.precision = lcs / static_cast<double>(hypothesisTokens.size());
    score.recall = lcs / static_cast<double>(referenceTokens.size());
    if (score.precision + score.recall > 0.0)
        score.fmeasure = 2.0 * score.precision * score.recall / (score.precision + score.recall);
    return score;
}

}  // namespace anatomix::eval
