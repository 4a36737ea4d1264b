// `anatomix pacs echo|find|get|store`: the network room's command for scripting (see kUsageText).
#pragma once

#include <string>
#include <vector>

#include "anatomix/cli.h"

namespace anatomix::cli {

int run_pacs(const std::vector<std::string>& args);

// The network room's sub-commands, registered with app/cli_main.cpp.
std::vector<Command> network_commands();

}  // namespace anatomix::cli
