#pragma once
// portreg-import's work, apart from argument parsing: every input into the
// history store, one line per release.

#include "portreg/import_result.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace portreg {

struct ImportOptions {
    std::string database;
    std::vector<std::string> inputs;
    bool progress = false; // a progress line on the error stream
    std::string csv_date;  // --date: the date of CSV releases; empty = infer
    // The fast path: the index of the newest release, read and kept, the
    // reuse of elements read in the release before, and the store's memory
    // of the releases it added (FastPath). Off (--no-index,
    // PORTREG_NO_INDEX=1), every release is read whole and stored the same.
    bool fast_path = true;
};

// portreg-import --fetch: one download instead of inputs.
struct FetchOptions {
    std::string url;
    std::string save_dir;       // --save: where to keep the bytes received; empty = nowhere
    long timeout_seconds = 120; // the whole transfer, per try
};

// The IANA registry as XML, where --fetch asks by default.
constexpr const char* iana_registry_url =
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml";

struct ImportOutcome {
    // 0 all imported (or already present, or not modified), 1 if any
    // release or input was rejected or the download failed.
    int exit_code = 0;
    // The releases stored by the run, or found stored already, in run order.
    std::vector<ImportResult> accepted;
};

// Every input into the database, a line each on `out`. Throws Error when
// the database cannot be used at all.
ImportOutcome run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

// The registry downloaded from `fetch.url`, asked only if changed since
// the last fetch of that URL (import_fetch.cpp), and imported.
ImportOutcome run_fetch(const ImportOptions& options, const FetchOptions& fetch, std::ostream& out,
                        std::ostream& err);

} // namespace portreg
