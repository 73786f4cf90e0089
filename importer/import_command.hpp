#pragma once
// portreg-import's work, apart from argument parsing: every input into the
// history store, one line per release.

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

// Returns the exit code: 0 all imported (or already present), 1 if any
// release or input was rejected. Throws Error when the database cannot be
// used at all.
int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err);

} // namespace portreg
