// portreg-query: answers questions about the releases in a portreg database.

#include "commands.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Exception.h>

#include <cstdlib>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {

int terminal_width() {
    if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return std::atoi(c);
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

} // namespace

int main(int argc, char** argv) {
    using namespace portreg::query;
    GlobalOptions global;
    global.database = portreg::default_database_path();

    CLI::App app{"Answers questions about the IANA port registry releases in a portreg database.",
                 "portreg-query"};
    app.fallthrough();
    app.require_subcommand(1);
    app.add_option("--db", global.database, "database file (default $PORTREG_DB or ./portreg.db)");
    app.add_option("--as-of", global.as_of, "the newest snapshot dated on or before this day")
        ->type_name("YYYY-MM-DD");
    app.add_option("--snapshot", global.snapshot, "a release id or the start of its sha256")
        ->type_name("ID|HASH");
    app.add_option("--format", global.format,
                   "table or text (default on a terminal), csv (default otherwise), json, "
                   "jsonl, markdown, html; export also takes services and xml");

    std::string port, name, term, person_id, person_search, range, transport, statement;
    auto* snapshots = app.add_subcommand("snapshots", "every stored release");
    auto* port_cmd = app.add_subcommand("port", "records covering a port or overlapping a range");
    port_cmd->add_option("port", port, "443, 443/tcp, 4200-4299 or 4200-4299/udp")->required();
    auto* service =
        app.add_subcommand("service", "records of a service name (case-insensitive; * ? [ glob)");
    service->add_option("name", name, "service name or pattern")->required();
    auto* search = app.add_subcommand("search", "IANA's web search: TERM in any of the 12 columns");
    search->add_option("term", term, "text to look for, ignoring case")->required();
    bool fts = false;
    search->add_flag("--fts", fts, "rank with SQLite FTS5: records with all the words, best first");
    auto* person = app.add_subcommand("person", "a person (contact or assignee) and their records");
    auto* person_id_opt = person->add_option("id", person_id, "person id, e.g. Jon_Postel");
    person->add_option("--search", person_search, "a piece of the id, name or organization")
        ->excludes(person_id_opt);
    auto* free = app.add_subcommand("free", "ports in a range that no record assigns or reserves");
    free->add_option("range", range, "LOW-HIGH")->required();
    free->add_option("--transport", transport, "only this transport (default: tcp and udp)");
    auto* sql = app.add_subcommand("sql", "ad-hoc SQL on a read-only connection");
    sql->add_option("statement", statement, "one SQL statement")->required();
    std::string diff_from, diff_to;
    auto* diff = app.add_subcommand(
        "diff", "what changed between two snapshots: records, events, people, registry");
    diff->add_option("from", diff_from,
                     "date, release id or hash prefix (default: the one before TO)");
    diff->add_option("to", diff_to, "date, release id or hash prefix (default: the newest)");
    std::string history_what, history_subject;
    auto* history = app.add_subcommand(
        "history",
        "every release that changed what the registry says of a port, service or person");
    history->add_option("what", history_what, "port, service or person")
        ->required()
        ->check(CLI::IsMember({"port", "service", "person"}));
    history
        ->add_option("subject", history_subject, "11434, 11434/tcp, a service name or a person id")
        ->required();
    std::string since, until;
    auto* log = app.add_subcommand("log", "one line per release with its record changes");
    log->add_option("--since", since, "from this day")->type_name("YYYY-MM-DD");
    log->add_option("--until", until, "to this day")->type_name("YYYY-MM-DD");
    auto* export_cmd = app.add_subcommand(
        "export", "the whole snapshot as IANA's CSV (or --format xml, services)");

    try {
        app.parse(argc, argv);
        if (person->parsed() && person_id.empty() && person_search.empty())
            throw CLI::ValidationError("person", "give an id or --search TEXT");
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        auto* sub = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
        std::cerr << "portreg-query: " << e.what() << "\n\n" << sub->help();
        return 2;
    }

    try {
        bool terminal = isatty(STDOUT_FILENO);
        auto format = parse_format(global.format, terminal);
        if ((format == Format::services || format == Format::xml) && !export_cmd->parsed())
            throw portreg::UsageError("--format " + global.format + " is for export");
        QueryContext ctx(global, format, std::cout, terminal_width());
        if (snapshots->parsed()) return run_snapshots(ctx);
        if (port_cmd->parsed()) return run_port(ctx, port);
        if (service->parsed()) return run_service(ctx, name);
        if (search->parsed()) return run_search(ctx, term, fts);
        if (person->parsed()) return run_person(ctx, person_id, person_search);
        if (free->parsed()) return run_free(ctx, range, transport);
        if (sql->parsed()) return run_sql(ctx, statement);
        if (log->parsed()) return run_log(ctx, since, until);
        if (diff->parsed()) return run_diff(ctx, diff_from, diff_to);
        if (history->parsed()) return run_history(ctx, history_what, history_subject);
        return run_export(ctx);
    } catch (const portreg::UsageError& e) {
        auto* sub = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
        std::cerr << "portreg-query: " << e.what() << "\n\n" << sub->help();
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "portreg-query: " << e.what() << '\n';
        return 2;
    }
}
