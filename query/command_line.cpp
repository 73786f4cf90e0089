#include "command_line.hpp"

#include "portreg/error.hpp"
#include "portreg/text.hpp"
#include "portreg/version.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace portreg::query {
namespace {

void add_global_options(CLI::App& app, GlobalOptions& global) {
    app.add_option("--db", global.database, "database file (default $PORTREG_DB or ./portreg.db)");
    app.add_option("--as-of", global.as_of,
                   "the newest snapshot dated on or before this day (YYYY-MM-DD, today, or 7d, "
                   "2w, 3m, 1y before today)")
        ->type_name("DAY");
    app.add_option("--snapshot", global.snapshot, "a release id or the start of its sha256")
        ->type_name("ID|HASH");
    app.add_option("--columns", global.columns,
                   "these columns, in this order, separated by commas (port, service, search: "
                   "any of IANA's 12, as \"service,port,assignee\"; other tables and diff's "
                   "CSV: their header's names)")
        ->type_name("LIST");
    app.add_option("--page", global.page,
                   "lists: this page of 100 rows alone (JSON: an object with page, pages, total, "
                   "next and the rows as results)")
        ->type_name("N")
        ->check(CLI::PositiveNumber);
    app.add_option("--format", global.format,
                   "text (default on a terminal; table is another name for it), csv (default "
                   "otherwise), json, "
                   "jsonl, markdown, html; export also takes services and xml");
}

CLI::Option* add_argument(CLI::App& sub, const OptionSpec& spec) {
    CLI::Option* option = spec.flag ? sub.add_flag(spec.name, *spec.flag, spec.help)
                                    : sub.add_option(spec.name, *spec.value, spec.help);
    if (spec.is_required) option->required();
    if (!spec.value_name.empty()) option->type_name(spec.value_name);
    if (!spec.choices.empty()) option->check(CLI::IsMember(spec.choices));
    return option;
}

CLI::App* add_command(CLI::App& app, const CommandSpec& spec) {
    auto* sub = app.add_subcommand(spec.name, spec.help);
    std::map<std::string, CLI::Option*> by_name;
    for (const auto& argument : spec.options)
        by_name[argument.name] = add_argument(*sub, argument);
    for (const auto& argument : spec.options)
        if (!argument.excluded.empty())
            by_name.at(argument.name)->excludes(by_name.at(argument.excluded));
    return sub;
}

// The help of the subcommand given ("Usage: portreg-query port ..."), or of
// the whole program.
std::string usage(CLI::App& app) {
    return app.help();
}

// The first argument that is no global option nor an option's value: where
// the command stands.
std::optional<std::string> command_word(int argc, char** argv) {
    static const std::set<std::string> taking_value = {"--db",      "--as-of",  "--snapshot",
                                                       "--columns", "--format", "--page"};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (taking_value.count(arg)) {
            ++i;
            continue;
        }
        if (arg.empty() || arg[0] != '-') return arg;
    }
    return std::nullopt;
}

// One line for a word that names no command, with the nearest one when a
// slip of two letters or a start explains it.
std::string unknown_command(const std::string& word,
                            const std::vector<std::unique_ptr<Command>>& commands) {
    std::vector<std::string> names;
    for (const auto& command : commands)
        names.push_back(command->spec().name);
    if (const auto nearest = nearest_word(word, names); !nearest.empty())
        return "unknown command \"" + word + "\"; did you mean \"" + nearest + "\"?";
    return "unknown command \"" + word + "\" (portreg-query --help lists the commands)";
}

} // namespace

ParsedCommandLine parse_command_line(int argc, char** argv, GlobalOptions& global,
                                     const std::vector<std::unique_ptr<Command>>& commands) {
    CLI::App app{"Answers questions about the IANA port registry releases in a portreg database.",
                 "portreg-query"};
    app.set_version_flag("--version", std::string("portreg-query ") + portreg::version());
    app.fallthrough();
    app.require_subcommand(1);
    add_global_options(app, global);
    // The specs hold where the values go; CLI11 writes there while parsing.
    std::vector<std::pair<Command*, CLI::App*>> subcommands;
    for (const auto& command : commands)
        subcommands.emplace_back(command.get(), add_command(app, command->spec()));

    ParsedCommandLine parsed;
    if (auto word = command_word(argc, argv);
        word && std::none_of(commands.begin(), commands.end(),
                             [&](const auto& c) { return c->spec().name == *word; })) {
        std::cerr << "portreg-query: " << unknown_command(*word, commands) << '\n';
        parsed.exit_code = 2;
        return parsed;
    }
    try {
        app.parse(argc, argv);
        for (const auto& [command, sub] : subcommands)
            if (sub->parsed()) parsed.chosen = command;
        parsed.chosen->validate();
        parsed.usage = usage(app);
        return parsed;
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << '\n';
    } catch (const CLI::ParseError& e) {
        std::cerr << "portreg-query: " << e.what() << "\n\n" << usage(app);
        parsed.exit_code = 2;
    } catch (const UsageError& e) {
        std::cerr << "portreg-query: " << e.what() << "\n\n" << usage(app);
        parsed.exit_code = 2;
    }
    parsed.chosen = nullptr;
    return parsed;
}

} // namespace portreg::query
