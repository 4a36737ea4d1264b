#include "anatomix/eval/results_table.h"

#include "anatomix/eval/metrics_error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace anatomix::eval {
namespace {

using Json = nlohmann::ordered_json;

std::string blockName(const Json& block, std::size_t index)
{
    if (block.is_object() && block.contains("task") && block["task"].is_string())
        return "block " + std::to_string(index) + " (\"" + block["task"].get<std::string>() + "\")";
    return "block " + std::to_string(index);
}

std::vector<std::string> metricNames(const Json& block)
{
    std::vector<std::string> names;
    for (const auto& item : block["metrics"].items())
        names.push_back(item.key());
    return names;
}

// Table cells must not contain "|" or line breaks.
std::string cellText(const std::string& text)
{
    std::string cell;
    for (char c : text) {
        if (c == '|')
            cell += "\\|";
        else if (c == '\n' || c == '\r')
            cell += ' ';
        else
            cell += c;
    }
    return cell;
}

std::string formatValue(const Json& value, int decimals)
{
    if (value.is_null() || !std::isfinite(value.get<double>()))
        return "n/a";
    std::ostringstream text;
    text << std::fixed << std::setprecision(decimals) << value.get<double>();
    return text.str();
}

void writeFileAtomically(const std::filesystem::path& path, const std::string& content)
{
    const std::filesystem::path temporary = path.string() + ".tmp";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file)
            throw MetricsError("writeResultsTable: cannot open " + temporary.string() + " for writing: " +
                               std::strerror(errno));
        file << content;
        file.flush();
        if (!file)
            throw MetricsError("writeResultsTable: writing " + temporary.string() + " failed: " + std::strerror(errno));
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw MetricsError("writeResultsTable: cannot move " + temporary.string() + " to " + path.string() + ": " +
                           error.message());
    }
}

}  // namespace

Json resultsToJson(const std::string& title, const std::vector<MetricBlock>& blocks, const std::vector<std::string>& notes)
{
    Json results;
    results["title"] = title;
    if (!notes.empty())
        results["notes"] = notes;
    results["blocks"] = Json::array();
    for (const MetricBlock& block : blocks) {
        Json entry;
        entry["task"] = block.task;
        if (!block.data.empty())
            entry["data"] = block.data;
        if (block.nSamples)
            entry["samples"] = *block.nSamples;
        entry["metrics"] = Json::object();
        for (const auto& [name, value] : block.metrics)
            entry["metrics"][name] = value && std::isfinite(*value) ? Json(*value) : Json(nullptr);
        if (!block.note.empty())
            entry["note"] = block.note;
        results["blocks"].push_back(entry);
    }
    return results;
}

void validateResultsJson(const Json& results)
{
    if (!results.is_object())
        throw MetricsError("results: the top level must be an object");
    if (results.contains("title") && !results["title"].is_string())
        throw MetricsError("results: \"title\" must be a string");
    if (results.contains("notes")) {
        if (!results["notes"].is_array())
            throw MetricsError("results: \"notes\" must be an array of strings");
        for (const Json& note : results["notes"])
            if (!note.is_string())
                throw MetricsError("results: \"notes\" must be an array of strings");
    }
    if (!results.contains("blocks") || !results["blocks"].is_array())
        throw MetricsError("results: \"blocks\" (an array) is missing");
    std::size_t index = 0;
    for (const Json& block : results["blocks"]) {
        const std::string name = blockName(block, index);
        if (!block.is_object())
            throw MetricsError("results: " + name + " is not an object");
        if (!block.contains("task") || !block["task"].is_string() || block["task"].get<std::string>().empty())
            throw MetricsError("results: " + name + " has no \"task\" string");
        for (const char* key : {"data", "note"})
            if (block.contains(key) && !block[key].is_string())
                throw MetricsError("results: " + name + ": \"" + key + "\" must be a string");
        if (block.contains("samples") && !block["samples"].is_number_unsigned())
            throw MetricsError("results: " + name + ": \"samples\" must be a non-negative integer");
        if (!block.contains("metrics") || !block["metrics"].is_object() || block["metrics"].empty())
            throw MetricsError("results: " + name + " has no \"metrics\" object with at least one metric");
        for (const auto& item : block["metrics"].items())
            if (!item.value().is_number() && !item.value().is_null())
                throw MetricsError("results: " + name + ": metric \"" + item.key() + "\" is " +
                                   item.value().type_name() + ", expected a number or null");
        ++index;
    }
}

std::string renderResultsMarkdown(const Json& results, int decimals)
{
    validateResultsJson(results);
    if (decimals < 0 || decimals > 12)
        throw MetricsError("renderResultsMarkdown: decimals must be in 0..12, got " + std::to_string(decimals));
    std::ostringstream markdown;
    markdown << "# " << (results.contains("title") ? results["title"].get<std::string>() : "Evaluation") << "\n\n";
    if (results.contains("notes")) {
        for (const Json& note : results["notes"])
            markdown << note.get<std::string>() << "\n";
        markdown << "\n";
    }

    const Json& blocks = results["blocks"];
    std::vector<std::string> notes;
    for (std::size_t first = 0; first < blocks.size();) {
        const std::vector<std::string> columns = metricNames(blocks[first]);
        std::size_t last = first + 1;
        while (last < blocks.size() && metricNames(blocks[last]) == columns)
            ++last;
        markdown << "| Task | Data | N |";
        for (const std::string& column : columns)
            markdown << ' ' << cellText(column) << " |";
        markdown << "\n|---|---|---:|";
        for (std::size_t i = 0; i < columns.size(); ++i)
            markdown << "---:|";
        markdown << "\n";
        for (std::size_t b = first; b < last; ++b) {
            const Json& block = blocks[b];
            std::string task = cellText(block["task"].get<std::string>());
            if (block.contains("note")) {
                notes.push_back(block["note"].get<std::string>());
                task += " [" + std::to_string(notes.size()) + "]";
            }
            markdown << "| " << task << " | " << (block.contains("data") ? cellText(block["data"].get<std::string>()) : "")
                     << " | " << (block.contains("samples") ? std::to_string(block["samples"].get<std::size_t>()) : "")
                     << " |";
            for (const std::string& column : columns)
                markdown << ' ' << formatValue(block["metrics"][column], decimals) << " |";
            markdown << "\n";
        }
        markdown << "\n";
        first = last;
    }
    for (std::size_t i = 0; i < notes.size(); ++i)
        markdown << "[" << (i + 1) << "] " << notes[i] << "\n";
    return markdown.str();
}

Json readResultsJson(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw MetricsError("readResultsJson: cannot open " + path.string() + ": " + std::strerror(errno));
    Json results;
    try {
        results = Json::parse(file);
    } catch (const nlohmann::json::exception& error) {
        throw MetricsError("readResultsJson: " + path.string() + " is not valid JSON: " + error.what());
    }
    try {
        validateResultsJson(results);
    } catch (const MetricsError& error) {
        throw MetricsError(path.string() + ": " + error.what());
    }
    return results;
}

void writeResultsTable(const Json& results, const std::filesystem::path& markdownPath,
                       const std::filesystem::path& jsonPath, int decimals)
{
    const std::string markdown = renderResultsMarkdown(results, decimals);
    writeFileAtomically(markdownPath, markdown);
    writeFileAtomically(jsonPath, results.dump(2) + "\n");
}

}  // namespace anatomix::eval
