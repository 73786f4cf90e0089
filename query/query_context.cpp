#include "query_context.hpp"

#include "portreg/database.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/release_name.hpp"
#include "portreg/values.hpp"

#include <SQLiteCpp/Statement.h>

namespace portreg::query {

Format parse_format(const std::string& text, bool terminal) {
    if (text.empty()) return terminal ? Format::table : Format::csv;
    if (text == "table" || text == "text") return Format::table;
    if (text == "markdown" || text == "md") return Format::markdown;
    if (text == "html") return Format::html;
    if (text == "csv") return Format::csv;
    if (text == "json") return Format::json;
    if (text == "jsonl") return Format::jsonl;
    if (text == "services") return Format::services;
    if (text == "xml") return Format::xml;
    throw UsageError("unknown format \"" + text +
                     "\" (table or text, csv, json, jsonl, markdown, html; services or xml for "
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
    : db(open_for_query(options.database)), format(f), out(o), width(w), options_(options) {}

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
        throw Error("no snapshot " + name->described());
    }
    if (!options.as_of.empty()) {
        if (!is_full_date(options.as_of))
            throw UsageError("--as-of takes a date YYYY-MM-DD, not \"" + options.as_of + "\"");
        SQLite::Statement st(db, sql::statement("query.snapshot_as_of"));
        st.bind(1, options.as_of);
        if (!st.executeStep()) throw Error("no snapshot dated on or before " + options.as_of);
        return release_at_seq(db, st.getColumn(0).getInt64());
    }
    SQLite::Statement st(db, sql::statement("query.snapshot_newest"));
    if (!st.executeStep() || st.getColumn(0).isNull())
        throw Error("the database holds no releases yet (add some with portreg-import)");
    return release_at_seq(db, st.getColumn(0).getInt64());
}

} // namespace portreg::query
