#include "query_context.hpp"

#include "column_choice.hpp"

#include "day_argument.hpp"
#include "report_writers.hpp"

#include "portreg/database.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/release_name.hpp"
#include "portreg/values.hpp"

#include <SQLiteCpp/Statement.h>

namespace portreg::query {

Format parse_format(const std::string& text, bool terminal) {
    if (text.empty()) return terminal ? Format::text : Format::csv;
    // table: the name text had before it was the only one.
    if (text == "text" || text == "table") return Format::text;
    if (text == "markdown" || text == "md") return Format::markdown;
    if (text == "html") return Format::html;
    if (text == "csv") return Format::csv;
    if (text == "json") return Format::json;
    if (text == "jsonl") return Format::jsonl;
    if (text == "services") return Format::services;
    if (text == "xml") return Format::xml;
    throw UsageError("unknown format \"" + text +
                     "\" (text, csv, json, jsonl, markdown, html; services or xml for "
                     "export)");
}

SQLite::Database open_for_query(const std::string& path) {
    auto db = open_database(path, OpenMode::read_only);
    // Belt and braces over the read-only connection: no statement writes.
    db.exec("PRAGMA query_only = ON");
    // Reading the few megabytes through the page cache beats a read() per page.
    db.exec("PRAGMA mmap_size = 268435456");
    return db;
}

QueryContext::QueryContext(const GlobalOptions& options, Format f, std::ostream& o, int w)
    : own_connection_(open_for_query(options.database)), db(*own_connection_), format(f), out(o),
      width(w), columns(column_list(options.columns)), options_(options) {}

QueryContext::QueryContext(SQLite::Database& connection, const GlobalOptions& options, Format f,
                           std::ostream& o, int w)
    : db(connection), format(f), out(o), width(w), columns(column_list(options.columns)),
      options_(options) {}

const ReleaseInfo& QueryContext::snapshot() {
    if (!snapshot_) snapshot_ = choose_snapshot(db, options_);
    return *snapshot_;
}

namespace {

ReleaseInfo release_at_seq(SQLite::Database& db, std::int64_t seq) {
    if (auto r = SnapshotReader(db).release_at(seq)) return *r;
    throw Error("internal error: no release at position " + std::to_string(seq));
}

} // namespace

ReleaseInfo newest_release(SQLite::Database& db) {
    SQLite::Statement st(db, sql::statement("query.snapshot_newest"));
    if (!st.executeStep() || st.getColumn(0).isNull())
        throw Error("the database holds no releases yet (add some with portreg-import)");
    return release_at_seq(db, st.getColumn(0).getInt64());
}

std::string stored_releases(SQLite::Database& db) {
    const auto newest = newest_release(db);
    const auto oldest = release_at_seq(db, 1);
    return std::to_string(newest.seq) + (newest.seq == 1 ? " release, " : " releases, ") +
           release_label(oldest) + " to " + release_label(newest);
}

std::string today_of(const GlobalOptions& options) {
    return options.today.empty() ? local_today() : options.today;
}

ReleaseInfo choose_snapshot(SQLite::Database& db, const GlobalOptions& options) {
    if (!options.as_of.empty() && !options.snapshot.empty())
        throw UsageError("--as-of and --snapshot choose a snapshot each: give one");
    if (!options.snapshot.empty()) {
        auto name = parse_release_name(options.snapshot);
        if (!name)
            throw UsageError(
                "--snapshot takes a release id or at least 4 hex digits of its hash, not \"" +
                options.snapshot + "\"");
        if (auto found = find_release(db, *name)) return *found;
        throw Error("no snapshot " + name->described() + " (" + stored_releases(db) + ")");
    }
    if (!options.as_of.empty()) {
        const auto day = parse_day("--as-of", options.as_of, today_of(options));
        SQLite::Statement st(db, sql::statement("query.snapshot_as_of"));
        st.bind(1, day);
        if (!st.executeStep()) {
            newest_release(db); // an empty database says so
            throw Error("no snapshot dated on or before " + day + "; the oldest is " +
                        release_label(release_at_seq(db, 1)));
        }
        return release_at_seq(db, st.getColumn(0).getInt64());
    }
    return newest_release(db);
}

} // namespace portreg::query
