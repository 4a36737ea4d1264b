// The evaluation results as JSON and as a Markdown table laid out like the paper's result tables: one row per
// task (and data set), one column per metric, consecutive tasks with the same metric columns sharing a table.
//
// JSON layout (keys keep their order):
//   {"title": "AnatomiX evaluation", "notes": ["..."],
//    "blocks": [{"task": "Anatomy grounding", "data": "synthetic test, seed 7", "samples": 500,
//                "metrics": {"IoU": 0.81, "mAP": 0.55, "mAP@0.5": 0.7, ...}, "note": "..."}, ...]}
// "title", "notes", "data", "samples" and "note" are optional; a metric value is a number or null (not
// computable; shown as "n/a"). Numbers are printed with `decimals` digits.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace anatomix::eval {

// One row of the table, for building the JSON from C++.
struct MetricBlock {
    std::string task;
    std::string data;
    std::optional<std::size_t> nSamples;
    std::vector<std::pair<std::string, std::optional<double>>> metrics;  // in column order
    std::string note;
};

nlohmann::ordered_json resultsToJson(const std::string& title, const std::vector<MetricBlock>& blocks,
                                     const std::vector<std::string>& notes = {});

// Throws MetricsError naming the block and key when the layout above is not followed.
void validateResultsJson(const nlohmann::ordered_json& results);

std::string renderResultsMarkdown(const nlohmann::ordered_json& results, int decimals = 3);

// Reads and validates a results JSON file; errors name the file.
nlohmann::ordered_json readResultsJson(const std::filesystem::path& path);

// Writes the Markdown and the JSON (each through a temporary file renamed into place); errors name the file
// and the reason.
void writeResultsTable(const nlohmann::ordered_json& results, const std::filesystem::path& markdownPath,
                       const std::filesystem::path& jsonPath, int decimals = 3);

}  // namespace anatomix::eval
