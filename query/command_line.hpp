#pragma once
// portreg-query's command line, parsed by CLI11. CLI11 is header-only and
// every file that included it took some 6 s more to compile, so it is
// included here alone; the commands describe themselves (command.hpp).

#include "command.hpp"

#include <memory>
#include <string>
#include <vector>

namespace portreg::query {

struct ParsedCommandLine {
    Command* chosen = nullptr; // null: help, the version or an error was printed
    int exit_code = 0;         // when nothing was chosen
    std::string usage;         // the chosen command's help, for later usage errors
};

// Parses argv into `global` and the chosen command's members, and calls its
// validate(). Prints the help, the version or a usage error itself.
ParsedCommandLine parse_command_line(int argc, char** argv, GlobalOptions& global,
                                     const std::vector<std::unique_ptr<Command>>& commands);

} // namespace portreg::query
