#pragma once
// What portreg-import says of a run: a line per release, its warnings (not
// those the release before had too), a progress line.

#include "portreg/error.hpp"
#include "portreg/import_result.hpp"
#include "portreg/release.hpp"

#include <chrono>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace portreg {

std::string summary_line(const ImportResult& r);

// Prints a release's warnings, except those the release before it had too:
// a history of hundreds of releases repeats the same few for years. The
// run ends with the count of all of them, and of those shown.
class WarningReport {
public:
    explicit WarningReport(std::ostream& err) : err_(err) {}
    void report(const Location& where, const std::vector<Warning>& warnings);
    void finish();

private:
    std::ostream& err_;
    std::set<std::string> previous_;
    std::size_t total_ = 0, repeated_ = 0;
    std::size_t releases_ = 0; // those with a warning
};

class Progress {
public:
    Progress(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
    void update(std::size_t done, std::size_t rejected);
    void clear();

private:
    std::ostream& err_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_{};
};

} // namespace portreg
