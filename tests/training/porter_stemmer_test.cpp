// Porter stemmer on the examples of Porter's paper and NLTK's documented extensions (the full word list is
// compared with NLTK itself in reference_crosscheck_test.cpp).
#include "anatomix/eval/porter_stemmer.h"

#include <gtest/gtest.h>

namespace {

using anatomix::eval::porterStem;

TEST(PorterStemmer, Step1ExamplesFromThePaper)
{
    EXPECT_EQ(porterStem("caresses"), "caress");
    EXPECT_EQ(porterStem("ponies"), "poni");
    EXPECT_EQ(porterStem("caress"), "caress");
    EXPECT_EQ(porterStem("cats"), "cat");
    EXPECT_EQ(porterStem("feed"), "feed");
    EXPECT_EQ(porterStem("plastered"), "plaster");
    EXPECT_EQ(porterStem("bled"), "bled");
    EXPECT_EQ(porterStem("motoring"), "motor");
    EXPECT_EQ(porterStem("sing"), "sing");
    EXPECT_EQ(porterStem("hopping"), "hop");
    EXPECT_EQ(porterStem("tanned"), "tan");
    EXPECT_EQ(porterStem("falling"), "fall");
    EXPECT_EQ(porterStem("hissing"), "hiss");
    EXPECT_EQ(porterStem("fizzed"), "fizz");
    EXPECT_EQ(porterStem("failing"), "fail");
    EXPECT_EQ(porterStem("filing"), "file");
}

TEST(PorterStemmer, LaterStepsChainSuffixes)
{
    EXPECT_EQ(porterStem("relational"), "relat");          // ational -> ate, then the final e goes
    EXPECT_EQ(porterStem("generalization"), "gener");      // ization -> ize, alize -> al, al removed
    EXPECT_EQ(porterStem("controlling"), "control");       // step 5b: controll -> control
    EXPECT_EQ(porterStem("effusions"), "effus");           // s, then (m>1 and s) ion
}

TEST(PorterStemmer, NltkExtensions)
{
    EXPECT_EQ(porterStem("skies"), "sky");    // irregular forms
    EXPECT_EQ(porterStem("dying"), "die");
    EXPECT_EQ(porterStem("news"), "news");
    EXPECT_EQ(porterStem("ties"), "tie");     // four-letter "ies"
    EXPECT_EQ(porterStem("died"), "die");     // four-letter "ied"
    EXPECT_EQ(porterStem("spied"), "spi");
    EXPECT_EQ(porterStem("happy"), "happi");  // y -> i after a consonant
    EXPECT_EQ(porterStem("enjoy"), "enjoy");  // but not after a vowel
    EXPECT_EQ(porterStem("by"), "by");        // two letters stay
}

TEST(PorterStemmer, LowercasesFirst)
{
    EXPECT_EQ(porterStem("Effusions"), porterStem("effusions"));
    EXPECT_EQ(porterStem("CATS"), "cat");
    EXPECT_EQ(porterStem(""), "");
}

}  // namespace
