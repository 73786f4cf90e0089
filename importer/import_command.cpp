#include "import_command.hpp"

#include "release_reader.hpp"
#include "source.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <future>
#include <optional>
#include <ostream>
#include <set>

namespace portreg {

namespace {

// Smaller inputs are read in turn: a thread would cost more than it saves.
constexpr std::size_t parallel_min_bytes = 256 * 1024;

std::string summary_line(const ImportResult& r) {
    auto head = fmt::format("{} {} {:>5} records {:>5} people", r.registry_date,
                            r.sha256.substr(0, 8), r.records, r.people);
    if (r.already_present) return head + ": already present";
    if (!r.previous) return head + ": first release in history";
    return fmt::format("{}: {} added, {} removed, {} changed since {} {}", head, r.records_added,
                       r.records_removed, r.records_changed, r.previous->registry_date,
                       r.previous->sha256.substr(0, 8));
}

// Prints a release's warnings, except those the release before it had too:
// a history of hundreds of releases repeats the same few for years.
class WarningReport {
public:
    explicit WarningReport(std::ostream& err) : err_(err) {}
    void report(const Location& where, const std::vector<Warning>& warnings) {
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
    void finish() {
        if (repeated_)
            err_ << fmt::format("portreg-import: {} warning(s) repeated from the release before "
                                "were not shown again\n",
                                repeated_);
    }

private:
    std::ostream& err_;
    std::set<std::string> previous_;
    std::size_t repeated_ = 0;
};

class Progress {
public:
    Progress(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
    void update(std::size_t done, std::size_t rejected) {
        if (!enabled_) return;
        auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        err_ << fmt::format("\r\033[K{} releases read, {} rejected", done, rejected) << std::flush;
        shown_ = true;
    }
    void clear() {
        if (shown_) err_ << "\r\033[K" << std::flush;
        shown_ = false;
    }

private:
    std::ostream& err_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_{};
};

} // namespace

int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
    auto db = open_database(options.database, OpenMode::read_write);
    HistoryStore store(db);
    ReleaseReader reader(options.csv_date);
    WarningReport warnings(err);
    Progress progress(err, options.progress);
    std::size_t done = 0, rejected = 0, skipped = 0;

    // Reads a release not stored yet. Reading XML takes longer than the
    // store's reading ahead of what it needs about the newest release, so
    // that runs on a second thread meanwhile. A CSV is read in a fraction of
    // that time, and often goes before the newest release (beside its XML
    // twin), where what was read ahead is of no use: the store is left to
    // read what it needs itself.
    auto read_new = [&](Input& input, const std::string& digest) {
        if (input.bytes.size() < parallel_min_bytes ||
            detect_format(input.bytes) != InputFormat::xml)
            return reader.read(input, digest);
        auto ahead = std::async(std::launch::async, [&store] { store.prepare(); });
        std::optional<Release> release;
        try {
            release = reader.read(input, digest);
        } catch (...) {
            ahead.wait(); // the store is free again; a failure of its own can wait
            throw;
        }
        ahead.get(); // passes on what prepare() threw
        return std::move(*release);
    };

    auto report_error = [&](const Error& e) {
        progress.clear();
        err << "portreg-import: " << e.what() << '\n';
        ++rejected;
    };
    for (const auto& path : options.inputs) {
        // Inputs are read, decompressed and hashed on a second thread, the
        // next one while this one is imported.
        for_each_input_ahead(
            path, [](Input& input) { input.sha256 = to_hex(sha256(input.bytes)); },
            [&](Input& input) {
                ++done;
                try {
                    // A release already stored is not read at all.
                    const auto& digest = input.sha256;
                    if (auto known = store.find(digest)) {
                        progress.clear();
                        out << summary_line(*known) << '\n';
                    } else {
                        auto release = read_new(input, digest);
                        auto result = store.add(release);
                        progress.clear();
                        warnings.report(input.where, release.warnings);
                        out << summary_line(result);
                        if (release.date_inferred)
                            out << " (date inferred from data: " << release.registry_date
                                << "; pass --date to set it)";
                        out << '\n';
                    }
                    // A line is printed once its release is committed: flushed
                    // at once, a script reading it (or a kill) loses none.
                    out << std::flush;
                } catch (const Error& e) {
                    report_error(e);
                } catch (const std::exception& e) {
                    report_error(Error(input.where, e.what()));
                }
                progress.update(done, rejected);
            },
            report_error, skipped);
    }
    progress.clear();
    warnings.finish();
    if (skipped)
        err << fmt::format("portreg-import: skipped {} file(s) that are not releases\n", skipped);
    if (rejected)
        err << fmt::format("portreg-import: {} release(s) rejected, nothing of them stored\n",
                           rejected);
    return rejected ? 1 : 0;
}

} // namespace portreg
