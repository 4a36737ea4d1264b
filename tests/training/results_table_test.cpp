// The results table: JSON layout, Markdown rendering, files, and malformed input.
#include "anatomix/eval/metrics_error.h"
#include "anatomix/eval/results_table.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using anatomix::eval::MetricBlock;
using anatomix::eval::MetricsError;
using Json = nlohmann::ordered_json;

std::vector<MetricBlock> paperBlocks()
{
    return {
        {"Anatomy grounding", "synthetic test", 500, {{"IoU", 0.8123}, {"mAP", 0.55}, {"mAP@0.5", std::nullopt}}, ""},
        {"Phrase grounding", "synthetic test", 480, {{"IoU", 0.61}, {"mAP", 0.4}, {"mAP@0.5", 0.52}}, "class-agnostic"},
        {"Report generation", "", std::nullopt, {{"ROUGE-L", 0.31}, {"BLEU-4", 0.12}, {"METEOR", 0.25}}, ""},
    };
}

std::filesystem::path freshDirectory(const std::string& name)
{
    const auto directory = std::filesystem::temp_directory_path() / ("anatomix_eval_" + name);
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    return directory;
}

TEST(ResultsTable, RendersTablesGroupedByMetricColumns)
{
    const Json results = anatomix::eval::resultsToJson("AnatomiX evaluation", paperBlocks(), {"Demonstration model."});
    const std::string markdown = anatomix::eval::renderResultsMarkdown(results);
    const std::string expected =
        "# AnatomiX evaluation\n\n"
        "Demonstration model.\n\n"
        "| Task | Data | N | IoU | mAP | mAP@0.5 |\n"
        "|---|---|---:|---:|---:|---:|\n"
        "| Anatomy grounding | synthetic test | 500 | 0.812 | 0.550 | n/a |\n"
        "| Phrase grounding [1] | synthetic test | 480 | 0.610 | 0.400 | 0.520 |\n"
        "\n"
        "| Task | Data | N | ROUGE-L | BLEU-4 | METEOR |\n"
        "|---|---|---:|---:|---:|---:|\n"
        "| Report generation |  |  | 0.310 | 0.120 | 0.250 |\n"
        "\n"
        "[1] class-agnostic\n";
    EXPECT_EQ(markdown, expected);
    EXPECT_NE(anatomix::eval::renderResultsMarkdown(results, 1).find("| 0.8 |"), std::string::npos);
}

TEST(ResultsTable, WritesMarkdownAndJsonThatReadBack)
{
    const auto directory = freshDirectory("write");
    const Json results = anatomix::eval::resultsToJson("Run", paperBlocks());
    anatomix::eval::writeResultsTable(results, directory / "results.md", directory / "results.json");
    const Json readBack = anatomix::eval::readResultsJson(directory / "results.json");
    EXPECT_EQ(readBack, results);
    EXPECT_EQ(readBack["blocks"][0]["metrics"].begin().key(), "IoU");  // column order kept
    std::ifstream markdown(directory / "results.md");
    std::stringstream text;
    text << markdown.rdbuf();
    EXPECT_EQ(text.str(), anatomix::eval::renderResultsMarkdown(results));
    EXPECT_FALSE(std::filesystem::exists(directory / "results.md.tmp"));
    std::filesystem::remove_all(directory);
}

TEST(ResultsTable, NonFiniteValuesBecomeNull)
{
    const Json results = anatomix::eval::resultsToJson("Run", {{"Task", "", std::nullopt, {{"x", std::nan("")}}, ""}});
    EXPECT_TRUE(results["blocks"][0]["metrics"]["x"].is_null());
}

TEST(ResultsTable, MalformedLayoutNamesTheBlockAndKey)
{
    const auto expectError = [](const Json& results, const std::string& fragment) {
        try {
            anatomix::eval::renderResultsMarkdown(results);
            ADD_FAILURE() << "expected MetricsError containing \"" << fragment << "\"";
        } catch (const MetricsError& error) {
            EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
        }
    };
    expectError(Json::array(), "top level must be an object");
    expectError(Json{{"title", "x"}}, "\"blocks\" (an array) is missing");
    expectError(Json::parse(R"({"blocks": [{"metrics": {"IoU": 1}}]})"), "block 0 has no \"task\"");
    expectError(Json::parse(R"({"blocks": [{"task": "Grounding", "metrics": {}}]})"), "at least one metric");
    expectError(Json::parse(R"({"blocks": [{"task": "Grounding", "metrics": {"IoU": "high"}}]})"),
                "block 0 (\"Grounding\"): metric \"IoU\" is string");
    expectError(Json::parse(R"({"blocks": [{"task": "Grounding", "samples": -3, "metrics": {"IoU": 1}}]})"),
                "\"samples\" must be a non-negative integer");
}

TEST(ResultsTable, UnreadableOrCorruptFilesNameTheFile)
{
    const auto directory = freshDirectory("corrupt");
    const auto corrupt = directory / "corrupt.json";
    std::ofstream(corrupt) << "{\"blocks\": [";
    try {
        anatomix::eval::readResultsJson(corrupt);
        FAIL() << "expected MetricsError";
    } catch (const MetricsError& error) {
        EXPECT_NE(std::string(error.what()).find(corrupt.string()), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("not valid JSON"), std::string::npos) << error.what();
    }
    EXPECT_THROW(anatomix::eval::readResultsJson(directory / "missing.json"), MetricsError);
    const Json results = anatomix::eval::resultsToJson("Run", paperBlocks());
    try {
        anatomix::eval::writeResultsTable(results, directory / "no" / "such" / "dir.md", directory / "r.json");
        FAIL() << "expected MetricsError";
    } catch (const MetricsError& error) {
        EXPECT_NE(std::string(error.what()).find("dir.md"), std::string::npos) << error.what();
    }
    std::filesystem::remove_all(directory);
}

}  // namespace
