// Porter stemmer, exactly as NLTK's nltk.stem.porter.PorterStemmer in its default mode NLTK_EXTENSIONS,
// which is what rouge_score (use_stemmer=True) and NLTK's meteor_score call.
//
// Besides the 1980 algorithm this mode has: the irregular-form table (sky/skies, dying, lying, tying, news,
// innings, outings, cannings, howe, proceed, exceed, succeed), words of one or two characters left as they
// are, "ies"/"ied" on four-letter words -> "ie", other "ied" -> "i", step 1c's y -> i only after a
// consonant that is not the first letter, the "alli" rule applied first and step 2 re-run, "bli" -> "ble",
// "fulli" -> "ful", "logi" -> "log" measured with the "l", and the two-letter vowel-consonant case of *o.
//
// The word is lowercased (ASCII) first. It works on bytes: for ASCII words it matches NLTK exactly; a
// UTF-8 multi-byte letter counts as several consonants here and as one in Python (only length tests can
// differ, and only for words with non-ASCII letters).
#pragma once

#include <string>

namespace anatomix::eval {

std::string porterStem(const std::string& word);

}  // namespace anatomix::eval
