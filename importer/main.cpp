// portreg-import: adds IANA registry releases to a portreg history database.

#include "import_command.hpp"
#include "remove_command.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"
#include "portreg/release_name.hpp"
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
    auto* input =
        app.add_option("input", options.inputs,
                       "release files (XML or CSV), directories of them, archives (.tar, .gz, .xz, "
                       ".zst), "
                       "or - for standard input")
            ->type_name("PATH");
    app.add_option("--date", options.csv_date,
                   "release date of CSV input, which has none (default: the latest registration "
                   "or modification date in the file)")
        ->type_name("YYYY-MM-DD")
        ->check([](const std::string& d) {
            return portreg::is_full_date(d) ? std::string() : "not a date: " + d;
        });
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "no progress line");
    // PORTREG_NO_INDEX=1 does the same, so that a test suite can run every
    // import both ways.
    const char* no_index_env = std::getenv("PORTREG_NO_INDEX");
    bool no_index = no_index_env && *no_index_env && std::string_view(no_index_env) != "0";
    app.add_flag("--no-index", no_index,
                 "read every release whole: neither use nor keep the index of the newest "
                 "release, nor hand out again the elements of the release read before, nor "
                 "remember the releases added (slower, same result)");
    std::string to_remove;
    app.add_option("--remove", to_remove,
                   "instead of adding releases, remove the stored one with this id or hash "
                   "(at least its first 4 hex digits), with the versions no other release holds")
        ->type_name("ID|HASH")
        ->excludes(input)
        ->check([](const std::string& which) {
            return portreg::parse_release_name(which)
                       ? std::string()
                       : "not a release id or at least 4 hex digits of a hash: " + which;
        });
    try {
        app.parse(argc, argv);
        if (options.inputs.empty() && to_remove.empty()) throw CLI::RequiredError("input");
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
        if (!to_remove.empty())
            return portreg::run_remove(options.database, to_remove,
                                       no_index ? portreg::FastPath::off : portreg::FastPath::on,
                                       std::cout, std::cerr);
        return portreg::run_import(options, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "portreg-import: " << e.what() << '\n';
        return 2;
    }
}
