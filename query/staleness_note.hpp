#pragma once
// The note portreg-query writes after an answer about the newest snapshot
// when the database has not been brought up to date for a month: the
// newest release stored may no longer be IANA's newest.

#include "query_context.hpp"

#include <SQLiteCpp/Database.h>

#include <ctime>
#include <optional>
#include <string>

namespace portreg::query {

// More days than this since the last check, and the note is written.
constexpr long stale_after_days = 30;

// The latest of the last import and the last fetch answered (200 or 304);
// nullopt when neither is known. A schema-3 file has no fetch_state.
std::optional<std::time_t> last_checked(SQLite::Database& db);

// Whole days from `then` to `now`, rounded down; 0 when `then` is later.
long whole_days(std::time_t then, std::time_t now);

// The note's line (without a line feed), or empty: only when output goes
// to a terminal, the command answered about the newest snapshot (no
// --as-of or --snapshot), and the last check was more than
// stale_after_days before `now`.
std::string staleness_note(QueryContext& ctx, bool terminal, std::time_t now);

} // namespace portreg::query
