// portreg-import: adds IANA registry releases to a portreg history database.

#include "added_reports.hpp"
#include "import_command.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"
#include "portreg/values.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <malloc.h>
#include <string_view>
#include <unistd.h>

int main(int argc, char** argv) {
    // Releases are read one after another into buffers of a few megabytes:
    // keep freed memory for the next one rather than hand it back to the
    // kernel and fault it in again.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    portreg::ImportOptions options;
    options.database = portreg::default_database_path();
    CLI::App app{"Adds IANA Service Name and Transport Protocol Port Number Registry releases\n"
                 "(XML or CSV) to a portreg history database, one snapshot per release.",
                 "portreg-import"};
    app.add_option("--db", options.database, "database file (default $PORTREG_DB or ./portreg.db)");
    app.add_option("input", options.inputs,
                   "release files (XML or CSV), directories of them, archives "
                   "(.tar, .gz, .xz, .zst), or - for standard input; none with --fetch")
        ->type_name("PATH");
    portreg::FetchOptions fetch;
    auto* fetching =
        app.add_option("--fetch", fetch.url,
                       "download the registry from URL (default: IANA's XML) and import it; "
                       "asks only whether it changed since the last fetch of that URL")
            ->type_name("[URL]")
            ->expected(0, 1);
    app.add_option("--save", fetch.save_dir,
                   "with --fetch: keep the release received as DIR/YYYY-MM-DD-HASH8.xml")
        ->type_name("DIR")
        ->needs(fetching);
    app.add_option("--timeout", fetch.timeout_seconds,
                   "with --fetch: give up a try after this many seconds (default 120)")
        ->type_name("SECONDS")
        ->check(CLI::Range(1, 86400))
        ->needs(fetching);
    std::string report;
    app.add_option("--report", report,
                   "after the run, write the change report of each release added against the "
                   "release before it (as portreg-query diff) to standard output, and the "
                   "import lines to standard error")
        ->type_name("text|markdown|html|json")
        ->check([](const std::string& f) {
            return portreg::is_report_format(f) ? std::string() : "not a report format: " + f;
        });
    app.add_option("--date", options.csv_date,
                   "release date of CSV input, which has none (default: the latest registration "
                   "or modification date in the file)")
        ->type_name("YYYY-MM-DD")
        ->check([](const std::string& d) {
            return portreg::is_full_date(d) ? std::string() : "not a date: " + d;
        });
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet,
                 "no progress line; with --report, no import lines either (errors and warnings "
                 "are still written)");
    // PORTREG_NO_INDEX=1 does the same, so that a test suite can run every
    // import both ways.
    const char* no_index_env = std::getenv("PORTREG_NO_INDEX");
    bool no_index = no_index_env && *no_index_env && std::string_view(no_index_env) != "0";
    app.add_flag("--no-index", no_index,
                 "read every release whole: neither use nor keep the index of the newest "
                 "release, nor hand out again the elements of the release read before, nor "
                 "remember the releases added (slower, same result)");
    try {
        app.parse(argc, argv);
        if (!*fetching && options.inputs.empty()) throw CLI::RequiredError("input");
        if (*fetching && !options.inputs.empty())
            throw CLI::ValidationError("--fetch", "imports what it downloads, not PATH as well");
        if (*fetching && fetch.url.empty()) fetch.url = portreg::iana_registry_url;
        if (fetch.url.rfind("https://", 0) != 0 && fetch.url.rfind("http://", 0) != 0 && *fetching)
            throw CLI::ValidationError("--fetch", "not an http:// or https:// URL: " + fetch.url);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "portreg-import: " << e.what() << "\n\n" << app.help();
        return 2;
    }
    options.progress = !quiet && isatty(STDERR_FILENO);
    options.fast_path = !no_index;
    try {
        // With a report on standard output, the import lines go with the
        // other messages, or nowhere when asked to be quiet: cron mails
        // standard error too, and then mails only a report or an error.
        std::ostream nowhere(nullptr);
        std::ostream& lines = report.empty() ? std::cout : quiet ? nowhere : std::cerr;
        auto outcome = fetching->count() ? run_fetch(options, fetch, lines, std::cerr)
                                         : run_import(options, lines, std::cerr);
        if (!report.empty())
            write_added_reports(options.database, outcome.accepted, report, std::cout, std::cerr);
        return outcome.exit_code;
    } catch (const std::exception& e) {
        std::cerr << "portreg-import: " << e.what() << '\n';
        return 2;
    }
}
