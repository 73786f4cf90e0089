// portreg-import: adds IANA registry releases to a portreg history database:
// files and archives, or a download (--fetch); or takes one out (--remove).

#include "added_reports.hpp"
#include "import_command.hpp"
#include "remove_command.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"
#include "portreg/release_name.hpp"
#include "portreg/values.hpp"
#include "portreg/version.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <malloc.h>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

struct Arguments {
    portreg::ImportOptions import;
    portreg::FetchOptions fetch;
    CLI::Option* fetching = nullptr;
    std::string report;    // --report: a format, or empty
    std::string to_remove; // --remove: a release id or hash start, or empty
    bool quiet = false;
    bool no_index = false;
};

void add_input_options(CLI::App& app, Arguments& args) {
    app.add_option("input", args.import.inputs,
                   "release files (XML or CSV), directories of them, archives "
                   "(.tar, .gz, .xz, .zst), or - for standard input; none with --fetch or --remove")
        ->type_name("PATH");
    app.add_option("--date", args.import.csv_date,
                   "release date of CSV input, which has none (default: the latest registration "
                   "or modification date in the file)")
        ->type_name("YYYY-MM-DD")
        ->check([](const std::string& d) {
            return portreg::is_full_date(d) ? std::string() : "not a date: " + d;
        });
}

void add_fetch_options(CLI::App& app, Arguments& args) {
    args.fetching =
        app.add_option("--fetch", args.fetch.url,
                       "download the registry from URL (default: IANA's XML) and import "
                       "it; asks only whether it changed since the last fetch of that "
                       "URL")
            ->type_name("[URL]")
            ->expected(0, 1);
    app.add_option("--save", args.fetch.save_dir,
                   "with --fetch: keep the release received as DIR/YYYY-MM-DD-HASH8.xml")
        ->type_name("DIR")
        ->needs(args.fetching);
    app.add_option("--timeout", args.fetch.timeout_seconds,
                   "with --fetch: give up a try after this many seconds (default 120)")
        ->type_name("SECONDS")
        ->check(CLI::Range(1, 86400))
        ->needs(args.fetching);
    app.add_option("--report", args.report,
                   "after the run, write the change report of each release added against the "
                   "release before it (as portreg-query diff) to standard output, and the "
                   "import lines to standard error")
        ->type_name("text|markdown|html|json")
        ->check([](const std::string& f) {
            return portreg::is_report_format(f) ? std::string() : "not a report format: " + f;
        });
}

void add_other_options(CLI::App& app, Arguments& args) {
    app.add_flag("-q,--quiet", args.quiet,
                 "no progress line; with --report, no import lines either (errors and warnings "
                 "are still written)");
    // PORTREG_NO_INDEX=1 does the same, so that a test suite can run every
    // import both ways.
    const char* no_index_env = std::getenv("PORTREG_NO_INDEX");
    args.no_index = no_index_env && *no_index_env && std::string_view(no_index_env) != "0";
    app.add_flag("--no-index", args.no_index,
                 "read every release whole: neither use nor keep the index of the newest "
                 "release, nor hand out again the elements of the release read before, nor "
                 "remember the releases added (slower, same result)");
    app.add_option("--remove", args.to_remove,
                   "instead of adding releases, remove the stored one with this id or hash "
                   "(at least its first 4 hex digits), with the versions no other release holds")
        ->type_name("ID|HASH")
        ->excludes(args.fetching)
        ->check([](const std::string& which) {
            return portreg::parse_release_name(which)
                       ? std::string()
                       : "not a release id or at least 4 hex digits of a hash: " + which;
        });
}

// What the options cannot say by themselves: one of PATH, --fetch and
// --remove; a URL libcurl is to ask.
void check_mode(Arguments& args) {
    const bool fetching = args.fetching->count() > 0;
    const bool removing = !args.to_remove.empty();
    if (args.import.inputs.empty() && !fetching && !removing) throw CLI::RequiredError("input");
    if (!args.import.inputs.empty() && (fetching || removing))
        throw CLI::ValidationError(fetching ? "--fetch" : "--remove", "give no PATH with it");
    auto& url = args.fetch.url;
    if (fetching && url.empty()) url = portreg::iana_registry_url;
    if (fetching && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        throw CLI::ValidationError("--fetch", "not an http:// or https:// URL: " + url);
}

int run(const Arguments& args) {
    if (!args.to_remove.empty())
        return portreg::run_remove(args.import.database, args.to_remove,
                                   args.no_index ? portreg::FastPath::off : portreg::FastPath::on,
                                   std::cout, std::cerr);
    // With a report on standard output, the import lines go with the other
    // messages, or nowhere when asked to be quiet: cron mails standard
    // error too, and then mails only a report or an error.
    std::ostream nowhere(nullptr);
    std::ostream& lines = args.report.empty() ? std::cout : args.quiet ? nowhere : std::cerr;
    auto outcome = args.fetching->count()
                       ? portreg::run_fetch(args.import, args.fetch, lines, std::cerr)
                       : portreg::run_import(args.import, lines, std::cerr);
    if (!args.report.empty())
        portreg::write_added_reports(args.import.database, outcome.accepted, args.report, std::cout,
                                     std::cerr);
    return outcome.exit_code;
}

} // namespace

int main(int argc, char** argv) {
    // Releases are read one after another into buffers of a few megabytes:
    // keep freed memory for the next one rather than hand it back to the
    // kernel and fault it in again.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    Arguments args;
    args.import.database = portreg::default_database_path();
    CLI::App app{"Adds IANA Service Name and Transport Protocol Port Number Registry releases\n"
                 "(XML or CSV) to a portreg history database, one snapshot per release.",
                 "portreg-import"};
    app.set_version_flag("--version", std::string("portreg-import ") + portreg::version());
    app.add_option("--db", args.import.database,
                   "database file (default $PORTREG_DB or ./portreg.db)");
    add_input_options(app, args);
    add_fetch_options(app, args);
    add_other_options(app, args);
    try {
        app.parse(argc, argv);
        check_mode(args);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForVersion& e) {
        std::cout << e.what() << '\n';
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "portreg-import: " << e.what() << "\n\n" << app.help();
        return 2;
    }
    args.import.progress = !args.quiet && isatty(STDERR_FILENO);
    args.import.fast_path = !args.no_index;
    try {
        return run(args);
    } catch (const std::exception& e) {
        std::cerr << "portreg-import: " << e.what() << '\n';
        return 2;
    }
}
