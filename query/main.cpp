// portreg-query: answers questions about the releases in a portreg database.

#include "command_line.hpp"
#include "staleness_note.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"

#include <SQLiteCpp/Exception.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace {

int terminal_width() {
    if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return std::atoi(c);
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

// Every subcommand, in the order the help lists them.
std::vector<std::unique_ptr<portreg::query::Command>> all_commands() {
    using namespace portreg::query;
    std::vector<std::unique_ptr<Command>> commands;
    for (auto make :
         {snapshots_command, port_command, service_command, search_command, person_command,
          free_command, sql_command, diff_command, history_command, log_command, export_command})
        commands.push_back(make());
    return commands;
}

} // namespace

int main(int argc, char** argv) {
    using namespace portreg::query;
    GlobalOptions global;
    global.database = portreg::default_database_path();

    const auto commands = all_commands();
    const auto parsed = parse_command_line(argc, argv, global, commands);
    if (!parsed.chosen) return parsed.exit_code;
    Command* chosen = parsed.chosen;

    try {
        bool terminal = isatty(STDOUT_FILENO);
        auto format = parse_format(global.format, terminal);
        if (!chosen->writes(format))
            throw portreg::UsageError("--format " + global.format + " is for export");
        QueryContext ctx(global, format, std::cout, terminal_width());
        const int code = chosen->run(ctx);
        if (auto note = staleness_note(ctx, terminal, std::time(nullptr)); !note.empty()) {
            std::cout.flush(); // the note comes after the answer
            std::cerr << note << '\n';
        }
        return code;
    } catch (const portreg::UsageError& e) {
        std::cerr << "portreg-query: " << e.what() << "\n\n" << parsed.usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "portreg-query: " << e.what() << '\n';
        return 2;
    }
}
