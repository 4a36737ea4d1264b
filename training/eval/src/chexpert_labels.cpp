#include "anatomix/eval/chexpert_labels.h"

#include <algorithm>
#include <cctype>

namespace anatomix::eval {

const std::array<std::string, kChexpertLabelCount>& chexpertLabelNames()
{
    static const std::array<std::string, kChexpertLabelCount> names = {
        "Atelectasis",      "Cardiomegaly", "Consolidation",    "Edema",         "Enlarged Cardiomediastinum",
        "Fracture",         "Lung Lesion",  "Lung Opacity",     "No Finding",    "Pleural Effusion",
        "Pleural Other",    "Pneumonia",    "Pneumothorax",     "Support Devices",
    };
    return names;
}

const std::string& chexpertLabelName(ChexpertLabel label)
{
    return chexpertLabelNames()[static_cast<std::size_t>(label)];
}

std::optional<ChexpertLabel> chexpertLabelFromName(const std::string& name)
{
    const auto lower = [](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return text;
    };
    const std::string wanted = lower(name);
    for (std::size_t i = 0; i < kChexpertLabelCount; ++i)
        if (lower(chexpertLabelNames()[i]) == wanted)
            return static_cast<ChexpertLabel>(i);
    return std::nullopt;
}

const std::array<ChexpertLabel, 5>& chexpertTop5Labels()
{
    static const std::array<ChexpertLabel, 5> labels = {ChexpertLabel::Cardiomegaly, ChexpertLabel::Edema,
                                                        ChexpertLabel::Consolidation, ChexpertLabel::Atelectasis,
                                                        ChexpertLabel::PleuralEffusion};
    return labels;
}

const char* mentionStatusName(MentionStatus status)
{
    switch (status) {
    case MentionStatus::Positive:
        return "positive";
    case MentionStatus::Negative:
        return "negative";
    case MentionStatus::Uncertain:
        return "uncertain";
    case MentionStatus::Absent:
        break;
    }
    return "absent";
}

}  // namespace anatomix::eval
