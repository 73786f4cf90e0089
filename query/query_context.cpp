#include "query_context.hpp"

#include "portreg/database.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/text.hpp"
#include "portreg/values.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cctype>

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

std::int64_t single_seq(SQLite::Statement& st, const std::string& what) {
    std::int64_t seq = 0;
    int found = 0;
    while (st.executeStep()) {
        seq = st.getColumn(0).getInt64();
        ++found;
    }
    if (found == 0) throw Error("no snapshot " + what);
    if (found > 1) throw Error("snapshot " + what + " is ambiguous: give more of its hash");
    return seq;
}

} // namespace

ReleaseInfo choose_snapshot(SQLite::Database& db, const GlobalOptions& options) {
    if (!options.as_of.empty() && !options.snapshot.empty())
        throw UsageError("--as-of and --snapshot choose a snapshot each: give one");
    if (!options.snapshot.empty()) {
        const auto& s = options.snapshot;
        bool digits =
            std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
        bool hex =
            std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
        if (!hex || (!digits && s.size() < 4))
            throw UsageError(
                "--snapshot takes a release id or at least 4 hex digits of its hash, not \"" + s +
                "\"");
        if (digits && s.size() < 8) {
            SQLite::Statement st(db, sql::statement("query.snapshot_by_id"));
            st.bind(1, static_cast<std::int64_t>(std::stoll(s)));
            return release_at_seq(db, single_seq(st, "with id " + s));
        }
        std::string prefix = ascii_lower(s);
        SQLite::Statement st(db, sql::statement("query.snapshot_by_hash"));
        st.bind(1, prefix);
        return release_at_seq(db, single_seq(st, "with a hash starting " + prefix));
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
