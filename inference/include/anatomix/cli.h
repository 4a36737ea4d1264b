// Sub-commands of the `anatomix` command line tool. Each room registers its own commands; the one
// main() in app/cli_main.cpp dispatches. Header-only and free of torch, so the generator can use it.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace anatomix::cli {

// Exit codes shared by every sub-command (documented in `anatomix --help`).
enum ExitCode : int {
  kOk = 0,
  kFailure = 1,       // the command ran and failed (bad image, broken bundle, ...): message on stderr
  kUsage = 2,         // wrong arguments: usage on stderr
  kCancelled = 3,
};

struct Command {
  std::string name;      // "analyze"
  std::string summary;   // one line for `anatomix --help`
  int (*run)(const std::vector<std::string>& args);  // args exclude the program and command names
};

// The items of a comma-separated option value ("a,b,,c" -> a, b, c); empty items are left out.
inline std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> items;
  std::stringstream stream(value);
  for (std::string item; std::getline(stream, item, ',');)
    if (!item.empty()) items.push_back(item);
  return items;
}

}  // namespace anatomix::cli
