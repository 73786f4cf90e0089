// portreg-import: adds IANA registry releases to a portreg history database.

#include "import_command.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
    portreg::ImportOptions options;
    options.database = portreg::default_database_path();
    CLI::App app{"Adds IANA Service Name and Transport Protocol Port Number Registry releases\n"
                 "(XML) to a portreg history database, one snapshot per release.",
                 "portreg-import"};
    app.add_option("--db", options.database, "database file (default $PORTREG_DB or ./portreg.db)");
    app.add_option("input", options.inputs,
                   "release files (XML), directories of them, archives (.tar, .gz, .xz, .zst), "
                   "or - for standard input")
        ->type_name("PATH")
        ->required();
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "no progress line");
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "portreg-import: " << e.what() << "\n\n" << app.help();
        return 2;
    }
    options.progress = !quiet && isatty(STDERR_FILENO);
    try {
        return portreg::run_import(options, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "portreg-import: " << e.what() << '\n';
        return 2;
    }
}
