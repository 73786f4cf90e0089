#include "import_report.hpp"

#include <fmt/format.h>

namespace portreg {

std::string summary_line(const ImportResult& r) {
    auto head = fmt::format("{} {} {:>5} records {:>5} people", r.registry_date,
                            r.sha256.substr(0, 8), r.records, r.people);
    if (r.already_present) return head + ": already present";
    if (!r.previous) return head + ": first release in history";
    return fmt::format("{}: {} added, {} removed, {} changed since {} {}", head, r.records_added,
                       r.records_removed, r.records_changed, r.previous->registry_date,
                       r.previous->sha256.substr(0, 8));
}

void WarningReport::report(const Location& where, const std::vector<Warning>& warnings) {
    total_ += warnings.size();
    if (!warnings.empty()) ++releases_;
    std::set<std::string> seen;
    for (const auto& w : warnings) {
        seen.insert(w.message);
        if (previous_.count(w.message)) {
            ++repeated_;
            continue;
        }
        Location at = where;
        at.line = w.line;
        at.column = w.column;
        err_ << "portreg-import: " << to_string(at) << w.message << " (warning)\n";
    }
    previous_ = std::move(seen);
}

namespace {

std::string counted(std::size_t n, const char* thing) {
    return fmt::format("{} {}{}", n, thing, n == 1 ? "" : "s");
}

} // namespace

// All of the run's warnings in one count, said only when some were not
// shown: otherwise the lines above are the count.
void WarningReport::finish() {
    if (!repeated_) return;
    err_ << fmt::format("portreg-import: {} in {}, {} of them shown (the others repeat a "
                        "warning of the release before)\n",
                        counted(total_, "warning"), counted(releases_, "release"),
                        total_ - repeated_);
}

void Progress::update(std::size_t done, std::size_t rejected) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    err_ << fmt::format("\r\033[K{} releases read, {} rejected", done, rejected) << std::flush;
    shown_ = true;
}

void Progress::clear() {
    if (shown_) err_ << "\r\033[K" << std::flush;
    shown_ = false;
}

} // namespace portreg
