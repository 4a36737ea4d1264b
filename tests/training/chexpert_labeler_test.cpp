// The rule-based CheXpert labeler on a table of report sentences: synonyms, plurals, negation, uncertainty,
// scope ends, pseudo-negation, phrases that state absence, and "No Finding".
#include "anatomix/eval/chexpert_labeler.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace {

using anatomix::eval::ChexpertLabel;
using anatomix::eval::MentionStatus;
using L = ChexpertLabel;
constexpr MentionStatus Pos = MentionStatus::Positive;
constexpr MentionStatus Neg = MentionStatus::Negative;
constexpr MentionStatus Unc = MentionStatus::Uncertain;

struct LabelCase {
    const char* text;
    std::map<ChexpertLabel, MentionStatus> expected;  // every other label except No Finding must be absent
};

const std::vector<LabelCase>& labelCases()
{
    static const std::vector<LabelCase> cases = {
        // Plain mentions, synonyms and plurals.
        {"There is a small left pleural effusion.", {{L::PleuralEffusion, Pos}}},
        {"Bilateral pleural effusions are present.", {{L::PleuralEffusion, Pos}}},
        {"Layering pleural fluid on the right.", {{L::PleuralEffusion, Pos}}},
        {"Blunting of the right costophrenic angle.", {{L::PleuralEffusion, Pos}}},
        {"Right hydropneumothorax.", {{L::PleuralEffusion, Pos}, {L::Pneumothorax, Pos}}},
        {"The heart is enlarged.", {{L::Cardiomegaly, Pos}}},
        {"The cardiac silhouette is enlarged.", {{L::Cardiomegaly, Pos}}},
        {"Enlarged heart.", {{L::Cardiomegaly, Pos}}},
        {"Mild cardiomegaly is unchanged.", {{L::Cardiomegaly, Pos}}},
        {"Widened mediastinum.", {{L::EnlargedCardiomediastinum, Pos}}},
        {"Pulmonary vascular congestion and mild interstitial edema.", {{L::Edema, Pos}}},
        {"Kerley B lines are present.", {{L::Edema, Pos}}},
        {"A 1.5 cm nodule in the right upper lobe.", {{L::LungLesion, Pos}}},
        {"Right lung mass.", {{L::LungLesion, Pos}}},
        {"Multiple pulmonary nodules.", {{L::LungLesion, Pos}}},
        {"Diffuse bilateral airspace opacities.", {{L::LungOpacity, Pos}}},
        {"Right lower lobe pneumonia.", {{L::Pneumonia, Pos}}},
        {"Left lung shows atelectasis.", {{L::Atelectasis, Pos}}},
        {"Acute fracture of the left sixth rib.", {{L::Fracture, Pos}}},
        {"Pleural thickening at the right apex.", {{L::PleuralOther, Pos}}},
        {"Endotracheal tube terminates 4 cm above the carina.", {{L::SupportDevices, Pos}}},
        {"Right internal jugular central venous catheter tip in the SVC.", {{L::SupportDevices, Pos}}},
        {"Left chest wall pacemaker with leads in the right atrium and ventricle.", {{L::SupportDevices, Pos}}},
        {"Stable right PICC line.", {{L::SupportDevices, Pos}}},
        // Negation before the mention, along lists.
        {"No pleural effusion.", {{L::PleuralEffusion, Neg}}},
        {"No pleural effusion or pneumothorax.", {{L::PleuralEffusion, Neg}, {L::Pneumothorax, Neg}}},
        {"No focal consolidation, pleural effusion, or pneumothorax.",
         {{L::Consolidation, Neg}, {L::PleuralEffusion, Neg}, {L::Pneumothorax, Neg}}},
        {"The lungs are free of consolidation.", {{L::Consolidation, Neg}}},
        {"Negative for pneumothorax.", {{L::Pneumothorax, Neg}}},
        {"Lungs are clear without evidence of pneumonia.", {{L::Pneumonia, Neg}}},
        {"No evidence of pneumonia or pulmonary edema.", {{L::Pneumonia, Neg}, {L::Edema, Neg}}},
        {"No pulmonary edema.", {{L::Edema, Neg}}},
        {"No suspicious pulmonary nodules.", {{L::LungLesion, Neg}}},
        {"No displaced rib fractures.", {{L::Fracture, Neg}}},
        {"No pneumothorax is seen.", {{L::Pneumothorax, Neg}}},
        {"Interval resolution of the left pneumothorax.", {{L::Pneumothorax, Neg}}},
        {"The heart is not enlarged.", {{L::Cardiomegaly, Neg}}},
        // Negation after the mention.
        {"Pneumothorax is not seen.", {{L::Pneumothorax, Neg}}},
        {"The right pleural effusion has resolved.", {{L::PleuralEffusion, Neg}}},
        {"The nasogastric tube has been removed.", {{L::SupportDevices, Neg}}},
        // Phrases that state absence.
        {"Heart size is normal.", {{L::Cardiomegaly, Neg}}},
        {"The cardiomediastinal silhouette is normal.",
         {{L::Cardiomegaly, Neg}, {L::EnlargedCardiomediastinum, Neg}}},
        // Uncertainty.
        {"Cannot exclude early pneumonia.", {{L::Pneumonia, Unc}}},
        {"Pneumonia cannot be excluded.", {{L::Pneumonia, Unc}}},
        {"Possible small right pneumothorax.", {{L::Pneumothorax, Unc}}},
        {"Findings may represent atelectasis.", {{L::Atelectasis, Unc}}},
        {"Left basilar opacity, likely atelectasis.", {{L::LungOpacity, Pos}, {L::Atelectasis, Unc}}},
        {"Atelectasis versus pneumonia in the left lower lobe.", {{L::Atelectasis, Unc}, {L::Pneumonia, Unc}}},
        {"Patchy consolidation in the right lower lobe concerning for pneumonia.",
         {{L::Consolidation, Pos}, {L::Pneumonia, Unc}}},
        {"?Right lower lobe consolidation", {{L::Consolidation, Unc}}},
        {"Is there a pneumothorax?", {{L::Pneumothorax, Unc}}},
        // Scope ends and pseudo-negation.
        {"No pneumothorax, but there is a new right pleural effusion.",
         {{L::Pneumothorax, Neg}, {L::PleuralEffusion, Pos}}},
        {"No pneumothorax; however, bibasilar atelectasis is seen.", {{L::Pneumothorax, Neg}, {L::Atelectasis, Pos}}},
        {"No effusion and mild cardiomegaly.", {{L::PleuralEffusion, Neg}, {L::Cardiomegaly, Pos}}},
        {"No change in the moderate left pleural effusion.", {{L::PleuralEffusion, Pos}}},
        {"Possible pneumonia. No effusion.", {{L::Pneumonia, Unc}, {L::PleuralEffusion, Neg}}},
        {"Possible pneumonia, no effusion.", {{L::Pneumonia, Unc}, {L::PleuralEffusion, Neg}}},
        {"No pneumothorax, small left effusion.", {{L::Pneumothorax, Neg}, {L::PleuralEffusion, Pos}}},
        {"Large right pneumothorax, no effusion.", {{L::Pneumothorax, Pos}, {L::PleuralEffusion, Neg}}},
        {"Right chest tube in place, no residual pneumothorax.", {{L::SupportDevices, Pos}, {L::Pneumothorax, Neg}}},
        {"Pleural effusions have decreased.", {{L::PleuralEffusion, Pos}}},
        {"The previously seen nodule is no longer visualized.", {{L::LungLesion, Neg}}},
        {"The mediastinum is not widened.", {{L::EnlargedCardiomediastinum, Neg}}},
        {"Mild pulmonary edema is likely.", {{L::Edema, Unc}}},
        {"Small effusion is not excluded.", {{L::PleuralEffusion, Unc}}},
        {"Left lower lobe collapse.", {{L::Atelectasis, Pos}}},
        {"Right lung shows pleural effusion and atelectasis.", {{L::PleuralEffusion, Pos}, {L::Atelectasis, Pos}}},
        {"Severe cardiomegaly with small bilateral effusions and mild edema.",
         {{L::Cardiomegaly, Pos}, {L::PleuralEffusion, Pos}, {L::Edema, Pos}}},
        // Words that look like mentions but are not.
        {"Small pericardial effusion.", {}},
        {"Left lung is healthy.", {}},
        {"Lungs are clear. No acute cardiopulmonary process.", {}},
        // Several sentences: positive beats negative.
        {"Left pleural effusion. No right pleural effusion.", {{L::PleuralEffusion, Pos}}},
        {"Lung volumes are low. Heart size is normal. No effusion.",
         {{L::Cardiomegaly, Neg}, {L::PleuralEffusion, Neg}}},
    };
    return cases;
}

std::string describe(const anatomix::eval::ChexpertLabels& labels)
{
    std::ostringstream text;
    for (std::size_t i = 0; i < anatomix::eval::kChexpertLabelCount; ++i)
        if (labels.status[i] != MentionStatus::Absent)
            text << anatomix::eval::chexpertLabelNames()[i] << "="
                 << anatomix::eval::mentionStatusName(labels.status[i]) << " ";
    return text.str();
}

TEST(ChexpertLabeler, SentenceTable)
{
    const anatomix::eval::ChexpertLabeler labeler;
    std::size_t nCorrect = 0;
    for (const LabelCase& row : labelCases()) {
        const auto labels = labeler.label(row.text);
        bool correct = true;
        for (std::size_t i = 0; i < anatomix::eval::kChexpertLabelCount; ++i) {
            const auto label = static_cast<ChexpertLabel>(i);
            if (label == L::NoFinding)
                continue;
            const auto expected = row.expected.count(label) ? row.expected.at(label) : MentionStatus::Absent;
            if (labels[label] != expected) {
                correct = false;
                ADD_FAILURE() << "\"" << row.text << "\": " << anatomix::eval::chexpertLabelName(label) << " is "
                              << anatomix::eval::mentionStatusName(labels[label]) << ", expected "
                              << anatomix::eval::mentionStatusName(expected) << " (all: " << describe(labels) << ")";
            }
        }
        nCorrect += correct ? 1 : 0;
    }
    EXPECT_GE(labelCases().size(), 40u);
    std::printf("CheXpert labeler: %zu of %zu sentences labelled as expected\n", nCorrect, labelCases().size());
}

TEST(ChexpertLabeler, NoFindingUnlessAFindingIsPositiveOrUncertain)
{
    const anatomix::eval::ChexpertLabeler labeler;
    EXPECT_EQ(labeler.label("Heart size is normal. Lungs are clear.")[L::NoFinding], Pos);
    EXPECT_EQ(labeler.label("")[L::NoFinding], Pos);
    // Support devices do not count against No Finding.
    const auto withTube = labeler.label("ET tube in place. No acute process.");
    EXPECT_EQ(withTube[L::SupportDevices], Pos);
    EXPECT_EQ(withTube[L::NoFinding], Pos);
    EXPECT_EQ(labeler.label("Small left effusion.")[L::NoFinding], MentionStatus::Absent);
    EXPECT_EQ(labeler.label("Possible pneumonia.")[L::NoFinding], MentionStatus::Absent);
    EXPECT_EQ(labeler.label("No pneumonia.")[L::NoFinding], Pos);
}

TEST(ChexpertLabeler, MentionsExplainTheDecidingCue)
{
    const anatomix::eval::ChexpertLabeler labeler;
    const auto mentions = labeler.mentions("Findings: Pneumonia cannot be excluded. No pleural effusions.");
    ASSERT_EQ(mentions.size(), 2u);
    EXPECT_EQ(mentions[0].label, L::Pneumonia);
    EXPECT_EQ(mentions[0].status, Unc);
    EXPECT_EQ(mentions[0].cue, "cannot be excluded");
    EXPECT_EQ(mentions[0].sentenceIndex, 1u);  // "Findings" is a sentence of its own
    EXPECT_EQ(mentions[1].label, L::PleuralEffusion);
    EXPECT_EQ(mentions[1].phrase, "pleural effusions");
    EXPECT_EQ(mentions[1].cue, "no");
}

TEST(ChexpertLabeler, ReportWithFindingsAndImpression)
{
    const auto labels = anatomix::eval::labelChexpert(
        "Findings:\nThe lungs are clear. No pleural effusion or pneumothorax. Mild cardiomegaly.\n\n"
        "Impression:\nMild cardiomegaly without pulmonary edema.");
    EXPECT_EQ(labels[L::Cardiomegaly], Pos);
    EXPECT_EQ(labels[L::PleuralEffusion], Neg);
    EXPECT_EQ(labels[L::Pneumothorax], Neg);
    EXPECT_EQ(labels[L::Edema], Neg);
    EXPECT_EQ(labels[L::NoFinding], MentionStatus::Absent);
}

TEST(ChexpertLabeler, LabelNamesRoundTrip)
{
    for (std::size_t i = 0; i < anatomix::eval::kChexpertLabelCount; ++i) {
        const auto label = static_cast<ChexpertLabel>(i);
        EXPECT_EQ(anatomix::eval::chexpertLabelFromName(anatomix::eval::chexpertLabelName(label)), label);
    }
    EXPECT_EQ(anatomix::eval::chexpertLabelFromName("pleural effusion"), L::PleuralEffusion);
    EXPECT_FALSE(anatomix::eval::chexpertLabelFromName("Aortic enlargement").has_value());
}

TEST(ChexpertLabeler, OddInputDoesNotBreakIt)
{
    const anatomix::eval::ChexpertLabeler labeler;
    EXPECT_EQ(labeler.label("...;;;,,,?!?!!!\n\n\n")[L::NoFinding], Pos);
    EXPECT_EQ(labeler.label(std::string("effusion\0no", 11))[L::PleuralEffusion], Pos);
    EXPECT_EQ(labeler.label("\xC3\xA9panchement pleural; effusion")[L::PleuralEffusion], Pos);
    const std::string longWord(200000, 'a');
    EXPECT_EQ(labeler.label(longWord)[L::NoFinding], Pos);
    // One long sentence full of mentions and cues (the scan stays close to linear).
    std::string longSentence;
    for (int i = 0; i < 5000; ++i)
        longSentence += "no effusion, ";
    EXPECT_EQ(labeler.label(longSentence)[L::PleuralEffusion], Neg);
}

}  // namespace
