#pragma once
// What every portreg-query subcommand works with: the database, opened
// read-only, the snapshot the global options chose, and the output format.

#include "paging.hpp"

#include "portreg/snapshot_reader.hpp"

#include <SQLiteCpp/Database.h>

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace portreg::query {

// text is for a terminal (--format table is another name for it); markdown
// and html write change reports and pages for people, the other commands'
// rows as a table; services and xml are export's alone.
enum class Format { text, csv, json, jsonl, services, xml, markdown, html };

struct GlobalOptions {
    std::string database;
    std::string as_of;    // YYYY-MM-DD: the newest snapshot dated on or before it
    std::string snapshot; // a release id or a prefix of its sha256
    std::string format;   // empty: table on a terminal, else csv
    std::string today;    // YYYY-MM-DD that relative days (7d) count back from; empty: today
    std::string columns;  // --columns: names separated by commas; empty: each table's own
    std::size_t page = 0; // --page: lists show this page of 100 rows; 0: all of them
};

// The options' today, or the local date when they name none.
std::string today_of(const GlobalOptions& options);

// What an HTML answer may link to: a service name, a port ("443", "4200-4299"),
// a person id, or the change report of a release (its sha256) against the
// release before it.
enum class LinkTo { service, port, person, diff };

class QueryContext {
public:
    // On a connection of its own, opened read-only.
    QueryContext(const GlobalOptions& options, Format format, std::ostream& out, int width);
    // On a connection opened before (portreg-serve keeps one a thread).
    QueryContext(SQLite::Database& connection, const GlobalOptions& options, Format format,
                 std::ostream& out, int width);

private:
    std::optional<SQLite::Database> own_connection_;

public:
    SQLite::Database& db;
    Format format;
    std::ostream& out;
    int width;                        // of the terminal, for tables
    std::vector<std::string> columns; // the columns chosen by --columns, if any
    // Whether the output goes to a terminal (main sets it): reports fit
    // long values to `width` there, and write them whole elsewhere.
    bool terminal = false;
    // Where HTML links to (portreg-serve's pages); unset, nothing is linked
    // (a page made by --format html stands alone).
    std::function<std::string(LinkTo, const std::string&)> link_to;

    // The snapshot the options chose, looked up when first asked for.
    const ReleaseInfo& snapshot();
    // Whether the command asked for snapshot() and the options named none,
    // so that it answered about the newest release.
    bool answered_newest() const {
        return snapshot_ && options_.as_of.empty() && options_.snapshot.empty();
    }
    // The day relative days (7d) count back from.
    std::string today() const { return today_of(options_); }
    // The snapshot chosen, if a command asked for it.
    const std::optional<ReleaseInfo>& chosen_snapshot() const { return snapshot_; }
    const GlobalOptions& options() const { return options_; }

    // The rows of the page the options asked for (all of them when they
    // asked for none), noting in page_shown which page that is.
    template <typename T> std::vector<T> on_page(const std::vector<T>& rows) {
        if (options_.page == 0) return rows;
        page_shown = page_of(options_.page, rows.size());
        return rows_on(*page_shown, rows);
    }
    std::optional<Page> page_shown;

private:
    GlobalOptions options_;
    std::optional<ReleaseInfo> snapshot_;
};

// Parses a --format value; throws UsageError.
Format parse_format(const std::string& text, bool terminal);

// Opens the database read-only; throws Error (missing or foreign file).
SQLite::Database open_for_query(const std::string& path);

// The release the options name, the newest by default. Throws UsageError
// for a malformed date, and Error for an unknown snapshot or an empty
// database, saying which releases there are.
ReleaseInfo choose_snapshot(SQLite::Database& db, const GlobalOptions& options);

// The newest release; throws Error when there is none.
ReleaseInfo newest_release(SQLite::Database& db);

// "678 releases, 2015-05-04 400593f4 to 2026-08-17 4bbf00ef": what there
// is, for messages about what is not.
std::string stored_releases(SQLite::Database& db);

} // namespace portreg::query
