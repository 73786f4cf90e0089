#include "import_command.hpp"

#include "release_reader.hpp"
#include "source.hpp"

#include "portreg/database.hpp"
#include "portreg/history_store.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <ostream>

namespace portreg {

namespace {

constexpr std::size_t warnings_shown = 5;

std::string summary_line(const ImportResult& r) {
    auto head = fmt::format("{} {} {:>5} records {:>5} people", r.registry_date,
                            r.sha256.substr(0, 8), r.records, r.people);
    if (r.already_present) return head + ": already present";
    if (!r.previous) return head + ": first release in history";
    return fmt::format("{}: {} added, {} removed, {} changed since {} {}", head, r.records_added,
                       r.records_removed, r.records_changed, r.previous->registry_date,
                       r.previous->sha256.substr(0, 8));
}

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
    ReleaseReader reader;
    Progress progress(err, options.progress);
    std::size_t done = 0, rejected = 0, skipped = 0;

    auto report_error = [&](const Error& e) {
        progress.clear();
        err << "portreg-import: " << e.what() << '\n';
        ++rejected;
    };
    for (const auto& path : options.inputs) {
        for_each_input(
            path,
            [&](Input& input) {
                ++done;
                try {
                    Release release = reader.read(input);
                    auto result = store.add(release);
                    progress.clear();
                    for (std::size_t i = 0; i < release.warnings.size(); ++i) {
                        if (i == warnings_shown) {
                            err << fmt::format("portreg-import: {}{} more warnings\n",
                                               to_string(input.where),
                                               release.warnings.size() - warnings_shown);
                            break;
                        }
                        err << "portreg-import: " << to_string(input.where) << release.warnings[i]
                            << " (warning)\n";
                    }
                    out << summary_line(result) << '\n';
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
    if (skipped)
        err << fmt::format("portreg-import: skipped {} file(s) that are not releases\n", skipped);
    if (rejected)
        err << fmt::format("portreg-import: {} release(s) rejected, nothing of them stored\n",
                           rejected);
    return rejected ? 1 : 0;
}

} // namespace portreg
