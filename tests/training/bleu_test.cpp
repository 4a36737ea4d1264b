// BLEU (pycocoevalcap semantics) on short sentences computed by hand.
#include "anatomix/eval/bleu.h"
#include "anatomix/eval/metrics_error.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using anatomix::eval::BleuScorer;

TEST(Bleu, IdenticalSentenceScoresOne)
{
    EXPECT_NEAR(anatomix::eval::sentenceBleu4("a b c d", "a b c d"), 1.0, 1e-8);
}

TEST(Bleu, ModifiedPrecisionsPerOrder)
{
    // Hypothesis "the cat sat on the mat", reference "the cat is on the mat":
    // 1-grams 5/6 (the x2, cat, on, mat), 2-grams 3/5 (the cat, on the, the mat), 3-grams 1/4 (on the mat),
    // 4-grams 0/3; equal lengths, so no brevity penalty.
    BleuScorer scorer;
    scorer.addSample("the cat sat on the mat", {"the cat is on the mat"});
    const auto scores = scorer.sampleScores().front();
    EXPECT_NEAR(scores[0], 5.0 / 6.0, 1e-9);
    EXPECT_NEAR(scores[1], std::sqrt(5.0 / 6.0 * 3.0 / 5.0), 1e-9);
    EXPECT_NEAR(scores[2], 0.5, 1e-9);  // (5/6 * 3/5 * 1/4)^(1/3) = (1/8)^(1/3)
    // No 4-gram matches: pycocoevalcap keeps 1e-15 / (3 + 1e-9) instead of 0.
    EXPECT_NEAR(scores[3], std::pow(5.0 / 6.0 * 3.0 / 5.0 * 1.0 / 4.0 * (1e-15 / 3.0), 0.25), 1e-12);
}

TEST(Bleu, BrevityPenaltyAndEmptyOrderSmoothing)
{
    // Hypothesis of 3 words, reference of 6: BP = exp(1 - 6/3). No 4-gram exists: factor (1e-15)/(1e-9).
    BleuScorer scorer;
    scorer.addSample("a b c", {"a b c d e f"});
    const auto scores = scorer.sampleScores().front();
    const double penalty = std::exp(-1.0);
    EXPECT_NEAR(scores[2], penalty, 1e-9);
    EXPECT_NEAR(scores[3], std::pow(1e-6, 0.25) * penalty, 1e-9);
}

TEST(Bleu, ClosestReferenceLengthPrefersTheShorterOnATie)
{
    // Hypothesis length 4; reference lengths 6 and 2 are both 2 away: the shorter (2) is used, so no penalty.
    BleuScorer scorer;
    scorer.addSample("a b c d", {"a b c d e f", "x y"});
    EXPECT_NEAR(scorer.sampleScores().front()[0], 1.0, 1e-9);
}

TEST(Bleu, CorpusScoreSumsCountsOverSamples)
{
    // Sample 1: correct 1-grams 2 of 2, 2-grams 1 of 1. Sample 2 ("c d e" vs "c d f"): 2 of 3, 1 of 2.
    BleuScorer scorer;
    scorer.addSample("a b", {"a b"});
    scorer.addSample("c d e", {"c d f"});
    const auto corpus = scorer.corpusScores();
    EXPECT_NEAR(corpus[0], 4.0 / 5.0, 1e-9);
    EXPECT_NEAR(corpus[1], std::sqrt(4.0 / 5.0 * 2.0 / 3.0), 1e-9);
    EXPECT_EQ(scorer.nSamples(), 2u);
}

TEST(Bleu, CaseAndPunctuationAreKept)
{
    // Whitespace tokens only: "Effusion." is not "effusion".
    BleuScorer scorer;
    scorer.addSample("Effusion.", {"effusion"});
    EXPECT_LT(scorer.sampleScores().front()[0], 1e-6);
}

TEST(Bleu, SampleWithoutReferenceIsAnError)
{
    BleuScorer scorer;
    EXPECT_THROW(scorer.addSample("a", {}), anatomix::eval::MetricsError);
}

}  // namespace
