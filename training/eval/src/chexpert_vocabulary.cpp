// Vocabulary in the spirit of the CheXpert labeler's mention and NegBio-style negation/uncertainty lists,
// written for the phrasing of chest X-ray reports (and of the project's generated reports).
#include "chexpert_vocabulary.h"

namespace anatomix::eval::detail {

const std::vector<LabelVocabulary>& chexpertMentionVocabulary()
{
    static const std::vector<LabelVocabulary> vocabulary = {
        {ChexpertLabel::Atelectasis, {"atelecta*", "collapse", "collapsed", "lobar collapse", "volume loss"}, {}},
        {ChexpertLabel::Cardiomegaly,
         {"cardiomegaly", "enlarged heart", "heart ~3 enlarged|enlargement", "heart size ~3 enlarged|increased",
          "cardiac enlargement", "enlarged cardiac silhouette", "cardiac silhouette ~3 enlarged|enlargement",
          "enlargement of the cardiac silhouette", "enlargement of the heart", "enlarged heart size"},
         {"heart size ~3 normal|unremarkable", "normal heart size", "normal heart", "normal size heart",
          "heart ~3 normal in size", "heart ~3 normal size", "cardiac silhouette ~3 normal|unremarkable",
          "normal cardiac silhouette", "normal cardiac size", "cardiac size ~3 normal",
          "cardiomediastinal silhouette ~3 normal|unremarkable", "normal cardiomediastinal silhouette",
          "cardiomediastinal contour ~3 normal|unremarkable", "normal cardiomediastinal contour"}},
        {ChexpertLabel::Consolidation, {"consolidat*"}, {}},
        {ChexpertLabel::Edema,
         {"edema", "oedema", "vascular congestion", "pulmonary congestion", "venous congestion", "congestive",
          "heart failure", "chf", "fluid overload", "kerley b line", "kerley line", "septal line", "cephalization",
          "vascular redistribution"},
         {}},
        {ChexpertLabel::EnlargedCardiomediastinum,
         {"enlarged cardiomediastinum", "cardiomediastinum ~3 enlarged|widened", "enlarged cardiomediastinal",
          "cardiomediastinal silhouette ~3 enlarged|widened|enlargement", "widened mediastinum",
          "mediastinum ~3 widened|enlarged", "mediastinal widening", "mediastinal enlargement",
          "widening of the mediastinum", "enlarged mediastinum", "enlarged mediastinal silhouette",
          "mediastinal silhouette ~3 enlarged|widened"},
         {"cardiomediastinal silhouette ~3 normal|unremarkable", "normal cardiomediastinal silhouette",
          "cardiomediastinal contour ~3 normal|unremarkable", "normal cardiomediastinal contour",
          "mediastinum ~3 normal|unremarkable", "normal mediastinum", "mediastinal contour ~3 normal|unremarkable",
          "normal mediastinal contour", "mediastinal silhouette ~3 normal|unremarkable"}},
        {ChexpertLabel::Fracture, {"fracture*", "broken rib"}, {}},
        {ChexpertLabel::LungLesion,
         {"nodul*", "mass", "lesion*", "tumor*", "tumour*", "neoplas*", "carcinoma", "malignan*", "metasta*",
          "cavitary", "cavitation", "lung lesion"},
         {}},
        {ChexpertLabel::LungOpacity,
         {"opaci*", "infiltrat*", "airspace disease", "air space disease", "airspace process", "haziness", "hazy",
          "ground glass", "reticular", "reticulonodular", "interstitial marking", "increased marking",
          "interstitial prominence", "lung opacity"},
         {}},
        {ChexpertLabel::PleuralEffusion,
         {"effusion", "pleural fluid", "hydrothora*", "hydropneumothora*", "blunting of ~3 costophrenic",
          "costophrenic angle blunting", "costophrenic blunting", "blunted costophrenic", "blunting of ~2 cp angle",
          "pleural effusion"},
         {}},
        {ChexpertLabel::PleuralOther,
         {"pleural thickening", "pleural plaque", "pleural scar*", "pleural calcification", "fibrothorax",
          "apical cap", "apical pleural thickening", "pleural other"},
         {}},
        {ChexpertLabel::Pneumonia,
         {"pneumonia", "bronchopneumonia", "pneumonitis", "infection", "infectious", "infectious process"}, {}},
        {ChexpertLabel::Pneumothorax, {"pneumothora*", "ptx", "hydropneumothora*"}, {}},
        {ChexpertLabel::SupportDevices,
         {"line", "tube", "catheter", "pacemaker", "pacer", "picc", "port", "port a cath", "portacath", "wire",
          "drain", "stent", "clip", "device", "hardware", "defibrillator", "icd", "aicd", "cvc", "tracheostomy",
          "endotracheal", "swan ganz", "electrode", "coil", "prosthetic valve", "valve replacement",
          "sternotomy wire", "support device", "pacing lead", "cardiac lead"},
         {}},
    };
    return vocabulary;
}

const std::vector<std::string>& chexpertIgnoredPhrases()
{
    static const std::vector<std::string> phrases = {
        "pericardial effusion", "soft tissue edema", "subcutaneous edema", "mass effect", "pleural line",
        "visceral pleural line", "no finding", "tube current",
    };
    return phrases;
}

const CueVocabulary& chexpertCueVocabulary()
{
    static const CueVocabulary cues = {
        // preNegation
        {"no", "not", "without", "free of", "clear of", "negative for", "absence of", "absent", "no evidence of",
         "no sign of", "no signs of", "lack of", "resolution of", "resolved", "removal of", "removed", "never",
         "neither", "nor", "rather than", "ruled out", "interval removal of", "no longer"},
        // postNegation
        {"not", "absent", "resolved", "has resolved", "have resolved", "removed", "has been removed",
         "have been removed", "cleared", "has cleared", "have cleared", "negative", "no longer", "gone",
         "ruled out"},
        // preUncertainty
        {"may", "might", "could", "possible", "possibly", "probable", "probably", "likely", "questionable",
         "question of", "suspect*", "suspicious for", "suspicion of", "concern for", "concerning for", "cannot exclude",
         "can not exclude", "cannot rule out", "can not rule out", "rule out", "to exclude", "evaluate for",
         "assess for", "versus", "vs", "differential", "equivocal", "indeterminate", "borderline", "suggest*",
         "worrisome for", "presumed", "?", "either"},
        // postUncertainty
        {"cannot be excluded", "can not be excluded", "not excluded", "cannot be ruled out", "can not be ruled out",
         "not ruled out", "not be excluded", "is possible", "are possible", "is likely", "are likely",
         "is suspected", "are suspected", "is questionable", "may be present", "versus", "vs", "?",
         "is not excluded", "could be present", "is considered"},
        // pseudoNegation
        {"no change", "no significant change", "no interval change", "no significant interval change",
         "no substantial change", "no appreciable change", "not changed", "no increase", "no decrease",
         "without change", "without significant change", "without interval change", "not only",
         "no other change"},
        // terminators
        {"but", "however", "although", "though", "except", "yet", "whereas", "while", "which", "aside from",
         "apart from", "there", "otherwise"},
    };
    return cues;
}

const std::vector<std::string>& chexpertListWords()
{
    static const std::vector<std::string> words = {",", "and", "or", "nor", "and/or"};
    return words;
}

const std::vector<std::string>& chexpertAssertionWords()
{
    static const std::vector<std::string> words = {
        "mild",     "mildly",     "moderate", "moderately", "severe",    "severely",  "small",
        "large",    "massive",    "trace",    "new",        "increased", "increasing", "worsening",
        "worsened", "persistent", "stable",   "unchanged",  "extensive", "marked",     "minimal",
        "minor",    "enlarging",  "developing", "improved", "improving", "decreased", "decreasing",
        "residual", "some",       "a",        "an",
    };
    return words;
}

}  // namespace anatomix::eval::detail
