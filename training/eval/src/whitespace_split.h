// Python's str.split() with no argument, for ASCII whitespace: the tokens BLEU and METEOR work on.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace anatomix::eval::detail {

inline std::vector<std::string> splitWhitespace(const std::string& text)
{
    std::istringstream stream(text);
    std::vector<std::string> words;
    std::string word;
    while (stream >> word)
        words.push_back(word);
    return words;
}

}  // namespace anatomix::eval::detail
