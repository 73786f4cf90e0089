#pragma once
// The views for sqlite3 users (sql/views.sql): derived from the tables, so a
// database opened for writing gets those of this binary.

#include <SQLiteCpp/Database.h>

namespace portreg {

// Recreates the views unless the database already holds exactly these.
// Checking is a read; recreating them is a write transaction, a schema
// change and, at close, a checkpoint: most runs of the importer need none.
void bring_views_up_to_date(SQLite::Database& db);

} // namespace portreg
