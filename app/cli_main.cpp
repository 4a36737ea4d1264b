// `anatomix`: the headless command line tool. Each room contributes sub-commands; this file only
// dispatches. Run `anatomix --help` for the list.
#include "anatomix/cli.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace anatomix::cli {
#ifdef ANATOMIX_WITH_IMAGE_IO
std::vector<Command> network_commands();
#endif
#ifdef ANATOMIX_WITH_INFERENCE
#ifdef ANATOMIX_WITH_IMAGE_IO
std::vector<Command> image_commands();
#endif
std::vector<Command> model_commands();
#endif
#ifdef ANATOMIX_WITH_TRAINING
std::vector<Command> training_commands();
#endif
}  // namespace anatomix::cli

namespace {

std::vector<anatomix::cli::Command> all_commands() {
  std::vector<anatomix::cli::Command> commands;
#ifdef ANATOMIX_WITH_INFERENCE
#ifdef ANATOMIX_WITH_IMAGE_IO
  commands = anatomix::cli::image_commands();
#endif
  for (auto& command : anatomix::cli::model_commands()) commands.push_back(command);
#endif
#ifdef ANATOMIX_WITH_TRAINING
  for (auto& command : anatomix::cli::training_commands()) commands.push_back(command);
#endif
#ifdef ANATOMIX_WITH_IMAGE_IO
  for (auto& command : anatomix::cli::network_commands()) commands.push_back(command);
#endif
  return commands;
}

void print_help(const std::vector<anatomix::cli::Command>& commands) {
  std::printf("anatomix %s: AnatomiX engine, generator, evaluator and PACS client (not for clinical use)\n\n",
              ANATOMIX_VERSION);
  std::printf("usage: anatomix COMMAND [options]   (anatomix COMMAND --help for details)\n\ncommands:\n");
  for (const auto& command : commands) std::printf("  %-10s %s\n", command.name.c_str(), command.summary.c_str());
  std::printf("\nexit codes: 0 ok, 1 failure, 2 usage, 3 cancelled\n");
}

}  // namespace

int main(int argc, char** argv) {
  // Log lines go to stderr: stdout carries the commands' results (JSON, tables) for scripts to read.
  spdlog::set_default_logger(spdlog::stderr_color_mt("anatomix"));
  const auto commands = all_commands();
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    print_help(commands);
    return argc < 2 ? anatomix::cli::kUsage : anatomix::cli::kOk;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::printf("anatomix %s\n", ANATOMIX_VERSION);
    return anatomix::cli::kOk;
  }
  for (const auto& command : commands) {
    if (command.name != argv[1]) continue;
    try {
      return command.run(std::vector<std::string>(argv + 2, argv + argc));
    } catch (const std::exception& error) {
      std::fprintf(stderr, "anatomix %s: error: %s\n", argv[1], error.what());
      return anatomix::cli::kFailure;
    }
  }
  std::fprintf(stderr, "anatomix: unknown command '%s'\n\n", argv[1]);
  print_help(commands);
  return anatomix::cli::kUsage;
}
