// portreg-query: answers questions about the releases in a portreg database.

#include "command.hpp"
#include "staleness_note.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"
#include "portreg/version.hpp"

#include <CLI/CLI.hpp>
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

void add_global_options(CLI::App& app, portreg::query::GlobalOptions& global) {
    app.add_option("--db", global.database, "database file (default $PORTREG_DB or ./portreg.db)");
    app.add_option("--as-of", global.as_of, "the newest snapshot dated on or before this day")
        ->type_name("YYYY-MM-DD");
    app.add_option("--snapshot", global.snapshot, "a release id or the start of its sha256")
        ->type_name("ID|HASH");
    app.add_option("--format", global.format,
                   "table or text (default on a terminal), csv (default otherwise), json, "
                   "jsonl, markdown, html; export also takes services and xml");
}

// The help of the subcommand given, or of the whole program.
std::string usage(CLI::App& app) {
    return (app.get_subcommands().empty() ? &app : app.get_subcommands().front())->help();
}

} // namespace

int main(int argc, char** argv) {
    using namespace portreg::query;
    GlobalOptions global;
    global.database = portreg::default_database_path();

    CLI::App app{"Answers questions about the IANA port registry releases in a portreg database.",
                 "portreg-query"};
    app.set_version_flag("--version", std::string("portreg-query ") + portreg::version());
    app.fallthrough();
    app.require_subcommand(1);
    add_global_options(app, global);
    const auto commands = all_commands();
    for (const auto& command : commands)
        command->add_to(app);

    Command* chosen = nullptr;
    try {
        app.parse(argc, argv);
        for (const auto& command : commands)
            if (command->chosen()) chosen = command.get();
        chosen->validate();
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << '\n';
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "portreg-query: " << e.what() << "\n\n" << usage(app);
        return 2;
    }

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
        std::cerr << "portreg-query: " << e.what() << "\n\n" << usage(app);
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "portreg-query: " << e.what() << '\n';
        return 2;
    }
}
