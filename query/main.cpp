// portreg-query: answers questions about the releases in a portreg database.

#include "command_line.hpp"
#include "report_writers.hpp"
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
    for (auto make : {snapshots_command, port_command, service_command, search_command,
                      person_command, free_command, sql_command, diff_command, history_command,
                      log_command, export_command, check_services_command})
        commands.push_back(make());
    return commands;
}

// "Usage: portreg-query port [OPTIONS] port" of a command's help.
std::string usage_line(const std::string& help) {
    const auto start = help.find("Usage:");
    if (start == std::string::npos) return {};
    return help.substr(start, help.find('\n', start) - start);
}

// On a terminal, which release --as-of chose: the day asked for is seldom
// a release's own.
std::string as_of_note(const portreg::query::GlobalOptions& global,
                       const portreg::query::QueryContext& ctx, bool terminal) {
    const auto& chosen = ctx.chosen_snapshot();
    if (!terminal || global.as_of.empty() || !chosen || chosen->registry_date == global.as_of)
        return {};
    return "note: --as-of " + global.as_of + ": release " + portreg::query::release_label(*chosen) +
           ", the newest dated on or before it";
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
        ctx.terminal = terminal;
        const int code = chosen->run(ctx);
        for (const auto& note :
             {as_of_note(global, ctx, terminal), staleness_note(ctx, terminal, std::time(nullptr))})
            if (!note.empty()) {
                std::cout.flush(); // a note comes after the answer
                std::cerr << note << '\n';
            }
        return code;
    } catch (const portreg::NotFound& e) {
        std::cerr << "portreg-query: " << e.what() << '\n';
        return 1;
    } catch (const portreg::UsageError& e) {
        // A value the command cannot use: the line that says why, and the
        // command's usage line (its --help has the rest).
        std::cerr << "portreg-query: " << e.what() << '\n' << usage_line(parsed.usage) << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "portreg-query: " << e.what() << '\n';
        return 2;
    }
}
