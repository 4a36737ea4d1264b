// A rule-by-rule port of nltk/stem/porter.py (NLTK 3.10, mode NLTK_EXTENSIONS). The rule tables keep
// NLTK's order, because the first rule whose suffix matches decides (and stops) even when its condition fails.
#include "anatomix/eval/porter_stemmer.h"

#include <functional>
#include <map>
#include <vector>

namespace anatomix::eval {
namespace {

bool isVowelLetter(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Consonant flags in one pass: "y" is a consonant at the start or after a vowel, a vowel after a consonant.
std::vector<bool> consonantFlags(const std::string& word)
{
    std::vector<bool> flags(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (isVowelLetter(word[i]))
            flags[i] = false;
        else if (word[i] == 'y')
            flags[i] = i == 0 ? true : !flags[i - 1];
        else
            flags[i] = true;
    }
    return flags;
}

bool isConsonant(const std::string& word, std::size_t i)
{
    return consonantFlags(word.substr(0, i + 1))[i];
}

// m in [C](VC){m}[V]: the number of vowel-to-consonant transitions.
int measure(const std::string& stem)
{
    const std::vector<bool> flags = consonantFlags(stem);
    int m = 0;
    for (std::size_t i = 1; i < flags.size(); ++i)
        if (!flags[i - 1] && flags[i])
            ++m;
    return m;
}

bool hasPositiveMeasure(const std::string& stem)
{
    return measure(stem) > 0;
}

bool containsVowel(const std::string& stem)
{
    for (bool consonant : consonantFlags(stem))
        if (!consonant)
            return true;
    return false;
}

bool endsWith(const std::string& word, const std::string& suffix)
{
    return word.size() >= suffix.size() && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string withoutSuffix(const std::string& word, const std::string& suffix)
{
    return word.substr(0, word.size() - suffix.size());
}

bool endsDoubleConsonant(const std::string& word)
{
    return word.size() >= 2 && word[word.size() - 1] == word[word.size() - 2] && isConsonant(word, word.size() - 1);
}

// *o: consonant-vowel-consonant with the last not w, x or y; NLTK also accepts a two-letter vowel-consonant.
bool endsCvc(const std::string& word)
{
    const std::size_t n = word.size();
    if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1) &&
        word[n - 1] != 'w' && word[n - 1] != 'x' && word[n - 1] != 'y')
        return true;
    return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

struct Rule {
    std::string suffix;
    std::string replacement;
    std::function<bool(const std::string& stem)> condition;  // empty: unconditional
};

std::string applyRuleList(const std::string& word, const std::vector<Rule>& rules)
{
    for (const Rule& rule : rules) {
        if (!endsWith(word, rule.suffix))
            continue;
        const std::string stem = withoutSuffix(word, rule.suffix);
        if (!rule.condition || rule.condition(stem))
            return stem + rule.replacement;
        return word;
    }
    return word;
}

std::string step1a(const std::string& word)
{
    if (endsWith(word, "ies") && word.size() == 4)
        return withoutSuffix(word, "ies") + "ie";
    return applyRuleList(word, {{"sses", "ss", {}}, {"ies", "i", {}}, {"ss", "ss", {}}, {"s", "", {}}});
}

std::string step1b(const std::string& word)
{
    if (endsWith(word, "ied"))
        return withoutSuffix(word, "ied") + (word.size() == 4 ? "ie" : "i");
    if (endsWith(word, "eed")) {
        const std::string stem = withoutSuffix(word, "eed");
        return measure(stem) > 0 ? stem + "ee" : word;
    }
    std::string stem;
    bool removed = false;
    for (const char* suffix : {"ed", "ing"}) {
        if (endsWith(word, suffix)) {
            stem = withoutSuffix(word, suffix);
            if (containsVowel(stem)) {
                removed = true;
                break;
            }
        }
    }
    if (!removed)
        return word;
    for (const char* suffix : {"at", "bl", "iz"})
        if (endsWith(stem, suffix))
            return stem + "e";
    if (endsDoubleConsonant(stem)) {
        const char last = stem.back();
        if (last != 'l' && last != 's' && last != 'z')
            return stem.substr(0, stem.size() - 1);
        return stem;
    }
    if (measure(stem) == 1 && endsCvc(stem))
        return stem + "e";
    return stem;
}

std::string step1c(const std::string& word)
{
    return applyRuleList(word, {{"y", "i", [](const std::string& stem) {
                                     return stem.size() > 1 && isConsonant(stem, stem.size() - 1);
                                 }}});
}

std::string step2(const std::string& word)
{
    if (endsWith(word, "alli") && hasPositiveMeasure(withoutSuffix(word, "alli")))
        return step2(withoutSuffix(word, "alli") + "al");
    const std::string logiStem = word.size() >= 3 ? word.substr(0, word.size() - 3) : std::string();
    const std::vector<Rule> rules = {
        {"ational", "ate", hasPositiveMeasure}, {"tional", "tion", hasPositiveMeasure},
        {"enci", "ence", hasPositiveMeasure},   {"anci", "ance", hasPositiveMeasure},
        {"izer", "ize", hasPositiveMeasure},    {"bli", "ble", hasPositiveMeasure},
        {"alli", "al", hasPositiveMeasure},     {"entli", "ent", hasPositiveMeasure},
        {"eli", "e", hasPositiveMeasure},       {"ousli", "ous", hasPositiveMeasure},
        {"ization", "ize", hasPositiveMeasure}, {"ation", "ate", hasPositiveMeasure},
        {"ator", "ate", hasPositiveMeasure},    {"alism", "al", hasPositiveMeasure},
        {"iveness", "ive", hasPositiveMeasure}, {"fulness", "ful", hasPositiveMeasure},
        {"ousness", "ous", hasPositiveMeasure}, {"aliti", "al", hasPositiveMeasure},
        {"iviti", "ive", hasPositiveMeasure},   {"biliti", "ble", hasPositiveMeasure},
        {"fulli", "ful", hasPositiveMeasure},
        // The "l" of "logi" stays with the stem when measuring, so that "geo", "theo" work like "philo".
        {"logi", "log", [logiStem](const std::string&) { return hasPositiveMeasure(logiStem); }},
    };
    return applyRuleList(word, rules);
}

std::string step3(const std::string& word)
{
    return applyRuleList(word, {{"icate", "ic", hasPositiveMeasure},
                                {"ative", "", hasPositiveMeasure},
                                {"alize", "al", hasPositiveMeasure},
                                {"iciti", "ic", hasPositiveMeasure},
                                {"ical", "ic", hasPositiveMeasure},
                                {"ful", "", hasPositiveMeasure},
                                {"ness", "", hasPositiveMeasure}});
}

std::string step4(const std::string& word)
{
    const auto measureAboveOne = [](const std::string& stem) { return measure(stem) > 1; };
    return applyRuleList(word, {{"al", "", measureAboveOne},
                                {"ance", "", measureAboveOne},
                                {"ence", "", measureAboveOne},
                                {"er", "", measureAboveOne},
                                {"ic", "", measureAboveOne},
                                {"able", "", measureAboveOne},
                                {"ible", "", measureAboveOne},
                                {"ant", "", measureAboveOne},
                                {"ement", "", measureAboveOne},
                                {"ment", "", measureAboveOne},
                                {"ent", "", measureAboveOne},
                                {"ion", "",
                                 [](const std::string& stem) {
                                     return measure(stem) > 1 && (stem.back() == 's' || stem.back() == 't');
                                 }},
                                {"ou", "", measureAboveOne},
                                {"ism", "", measureAboveOne},
                                {"ate", "", measureAboveOne},
                                {"iti", "", measureAboveOne},
                                {"ous", "", measureAboveOne},
                                {"ive", "", measureAboveOne},
                                {"ize", "", measureAboveOne}});
}

// Both "e" rules are tried (unlike applyRuleList), as NLTK does.
std::string step5a(const std::string& word)
{
    if (endsWith(word, "e")) {
        const std::string stem = withoutSuffix(word, "e");
        if (measure(stem) > 1)
            return stem;
        if (measure(stem) == 1 && !endsCvc(stem))
            return stem;
    }
    return word;
}

std::string step5b(const std::string& word)
{
    if (endsWith(word, "ll") && measure(word.substr(0, word.size() - 1)) > 1)
        return word.substr(0, word.size() - 1);
    return word;
}

const std::map<std::string, std::string>& irregularForms()
{
    static const std::map<std::string, std::string> forms = {
        {"sky", "sky"},         {"skies", "sky"},     {"dying", "die"},       {"lying", "lie"},
        {"tying", "tie"},       {"news", "news"},     {"innings", "inning"},  {"inning", "inning"},
        {"outings", "outing"},  {"outing", "outing"}, {"cannings", "canning"}, {"canning", "canning"},
        {"howe", "howe"},       {"proceed", "proceed"}, {"exceed", "exceed"}, {"succeed", "succeed"},
    };
    return forms;
}

}  // namespace

std::string porterStem(const std::string& word)
{
    std::string stem = word;
    for (char& c : stem)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    const auto irregular = irregularForms().find(stem);
    if (irregular != irregularForms().end())
        return irregular->second;
    if (word.size() <= 2)
        return stem;
    stem = step1a(stem);
    stem = step1b(stem);
    stem = step1c(stem);
    stem = step2(stem);
    stem = step3(stem);
    stem = step4(stem);
    stem = step5a(stem);
    stem = step5b(stem);
    return stem;
}

}  // namespace anatomix::eval
