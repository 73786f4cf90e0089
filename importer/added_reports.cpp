#include "added_reports.hpp"

#include "change_loader.hpp"
#include "query_context.hpp"
#include "report_writers.hpp"

#include "portreg/snapshot_reader.hpp"

namespace portreg {

namespace {

// Reports go to mail and logs, not a terminal: no width to fit.
constexpr int report_width = 0;

} // namespace

bool is_report_format(const std::string& format) {
    return format == "text" || format == "markdown" || format == "html" || format == "json";
}

void write_added_reports(const std::string& database, const std::vector<ImportResult>& accepted,
                         const std::string& format, std::ostream& out, std::ostream& err) {
    auto db = query::open_for_query(database);
    SnapshotReader snapshots(db);
    const auto as = query::parse_format(format, false);
    for (const auto& added : accepted) {
        if (added.already_present) continue;
        query::GlobalOptions which;
        which.snapshot = added.sha256;
        const auto to = query::choose_snapshot(db, which);
        const auto from = snapshots.release_at(to.seq - 1);
        if (!from) {
            err << "portreg-import: " << added.registry_date << " " << added.sha256.substr(0, 8)
                << " is the oldest release: no report\n";
            continue;
        }
        query::write_change_report(out, query::diff_snapshots(db, *from, to), as, report_width);
    }
    out << std::flush;
}

} // namespace portreg
