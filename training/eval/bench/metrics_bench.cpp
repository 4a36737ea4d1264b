// Throughput of the evaluator's metrics on generated inputs (figures only, nothing asserted):
// the CheXpert labeler, ROUGE-L, BLEU-4, METEOR and mAP, the costs `anatomix eval` pays per test sample.
#include "anatomix/eval/bleu.h"
#include "anatomix/eval/chexpert_labeler.h"
#include "anatomix/eval/mean_average_precision.h"
#include "anatomix/eval/meteor.h"
#include "anatomix/eval/rouge.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

const std::vector<std::string> kSentences = {
    "The lungs are clear.", "No pleural effusion or pneumothorax.", "Mild cardiomegaly.",
    "Small left pleural effusion with adjacent atelectasis.", "Possible right lower lobe pneumonia.",
    "Endotracheal tube terminates 4 cm above the carina.", "Heart size is normal.",
    "No focal consolidation, pleural effusion, or pneumothorax.", "Pulmonary vascular congestion.",
    "Left lung shows lung opacity and consolidation.", "Right lung is healthy.",
};

std::string randomReport(std::mt19937& random)
{
    std::uniform_int_distribution<std::size_t> pick(0, kSentences.size() - 1);
    std::string report = "Findings:\n";
    for (int i = 0; i < 6; ++i)
        report += kSentences[pick(random)] + " ";
    return report + "\n\nImpression:\n" + kSentences[pick(random)];
}

template <typename Body>
void measure(const char* name, std::size_t nItems, Body body)
{
    const auto start = Clock::now();
    body();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%-34s %8zu items %9.3f ms  %10.1f items/s\n", name, nItems, seconds * 1e3, nItems / seconds);
}

}  // namespace

int main()
{
    std::mt19937 random(7);
    constexpr std::size_t kReports = 2000;
    std::vector<std::string> references, hypotheses;
    for (std::size_t i = 0; i < kReports; ++i) {
        references.push_back(randomReport(random));
        hypotheses.push_back(randomReport(random));
    }
    std::printf("anatomix_metrics benchmark: %zu generated reports of ~8 sentences\n", kReports);

    std::size_t positives = 0;
    measure("CheXpert labeler (build + label)", kReports, [&] {
        const anatomix::eval::ChexpertLabeler labeler;
        for (const std::string& report : references)
            positives += labeler.label(report)[anatomix::eval::ChexpertLabel::NoFinding] ==
                         anatomix::eval::MentionStatus::Positive;
    });
    double sum = 0.0;
    measure("ROUGE-L (with stemming)", kReports, [&] {
        for (std::size_t i = 0; i < kReports; ++i)
            sum += anatomix::eval::rougeL(references[i], hypotheses[i]).fmeasure;
    });
    measure("BLEU-4 (per sample + corpus)", kReports, [&] {
        anatomix::eval::BleuScorer scorer;
        for (std::size_t i = 0; i < kReports; ++i)
            scorer.addSample(hypotheses[i], {references[i]});
        sum += scorer.corpusScores()[3] + scorer.sampleScores().back()[3];
    });
    measure("METEOR (exact+stem)", kReports, [&] {
        for (std::size_t i = 0; i < kReports; ++i)
            sum += anatomix::eval::meteorScore({references[i]}, hypotheses[i]);
    });

    constexpr std::size_t kImages = 2000;
    std::uniform_real_distribution<float> coordinate(0.f, 900.f), jitter(-20.f, 20.f), size(20.f, 120.f);
    measure("mAP, 36 boxes per image", kImages, [&] {
        anatomix::eval::MeanAveragePrecision metric;
        for (std::size_t image = 0; image < kImages; ++image) {
            std::vector<anatomix::eval::DetectedBox> detections;
            std::vector<anatomix::eval::TruthBox> truths;
            for (int object = 0; object < 36; ++object) {
                const float x = coordinate(random), y = coordinate(random), w = size(random), h = size(random);
                truths.push_back({{x, y, x + w, y + h}, object});
                detections.push_back({{x + jitter(random), y + jitter(random), x + w + jitter(random),
                                       y + h + jitter(random)},
                                      1.0, object});
            }
            metric.addImage(detections, truths);
        }
        sum += metric.compute().map;
    });
    std::printf("(checksum %.4f, %zu reports with No Finding)\n", sum, positives);
    return 0;
}
