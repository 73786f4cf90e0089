#include "staleness_note.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/timestamp.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace portreg::query {

namespace {

// The stamp a one-value statement returns, when there is one.
std::optional<std::time_t> stamp_of(SQLite::Database& db, const char* name) {
    SQLite::Statement st(db, sql::statement(name));
    if (!st.executeStep() || st.getColumn(0).isNull()) return std::nullopt;
    return parse_iso_utc(st.getColumn(0).getString());
}

} // namespace

std::optional<std::time_t> last_checked(SQLite::Database& db) {
    auto imported = stamp_of(db, "query.last_import");
    auto fetched =
        db.tableExists("fetch_state") ? stamp_of(db, "query.last_fetch_check") : std::nullopt;
    if (imported && fetched) return std::max(*imported, *fetched);
    return imported ? imported : fetched;
}

long whole_days(std::time_t then, std::time_t now) {
    return now > then ? static_cast<long>((now - then) / (24 * 60 * 60)) : 0;
}

std::string staleness_note(QueryContext& ctx, bool terminal, std::time_t now) {
    if (!terminal || !ctx.answered_newest()) return {};
    const auto checked = last_checked(ctx.db);
    if (!checked) return {};
    const long days = whole_days(*checked, now);
    if (days <= stale_after_days) return {};
    return "note: newest release " + ctx.snapshot().registry_date + ", last checked " +
           std::to_string(days) + " days ago; portreg-import --fetch brings it up to date";
}

} // namespace portreg::query
