// The 14 CheXpert observations (the published AnatomiX code, in that order) and the status a report
// gives each one.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>

namespace anatomix::eval {

enum class ChexpertLabel : std::size_t {
    Atelectasis,
    Cardiomegaly,
    Consolidation,
    Edema,
    EnlargedCardiomediastinum,
    Fracture,
    LungLesion,
    LungOpacity,
    NoFinding,
    PleuralEffusion,
    PleuralOther,
    Pneumonia,
    Pneumothorax,
    SupportDevices,
};

constexpr std::size_t kChexpertLabelCount = 14;

// "Atelectasis", ..., "Support Devices": the published option names.
const std::array<std::string, kChexpertLabelCount>& chexpertLabelNames();
const std::string& chexpertLabelName(ChexpertLabel label);
// Case-insensitive lookup of a published name; nullopt when it is not one of the 14.
std::optional<ChexpertLabel> chexpertLabelFromName(const std::string& name);

// The five "competition" labels RadEval reports separately (its TOP5).
const std::array<ChexpertLabel, 5>& chexpertTop5Labels();

// What a report says about one observation. Absent: not mentioned (CheXpert's blank).
enum class MentionStatus { Absent, Positive, Negative, Uncertain };

const char* mentionStatusName(MentionStatus status);  // "absent", "positive", "negative", "uncertain"

struct ChexpertLabels {
    std::array<MentionStatus, kChexpertLabelCount> status{};  // all Absent

    MentionStatus operator[](ChexpertLabel label) const { return status[static_cast<std::size_t>(label)]; }
    MentionStatus& operator[](ChexpertLabel label) { return status[static_cast<std::size_t>(label)]; }
};

}  // namespace anatomix::eval
