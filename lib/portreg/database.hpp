#pragma once
// Opening a portreg database: creates the schema in a new file, brings an
// older one up to date when opened for writing, and refuses files of another
// application or of a schema version it does not know with a plain message.

#include <SQLiteCpp/Database.h>

#include <string>

namespace portreg {

constexpr int schema_version = 4;
// Files of this version or later are read; an importer brings them to
// schema_version. Older ones lack what version 3 keeps of each release as
// published, which only the releases themselves can give back.
constexpr int oldest_schema_version = 3;
constexpr int application_id = 0x706f7274; // "port"
// span.kind: what span.item is the id of.
enum class ItemKind : int { record = 0, person = 1 };
// span.hi of a version that is in the newest release.
constexpr long long open_span = 2147483647;

enum class OpenMode { read_only, read_write };

// read_write creates the file and the schema when missing; read_only fails
// on a missing file instead of creating an empty one.
SQLite::Database open_database(const std::string& path, OpenMode mode);

// Sets the journal mode ("wal", "delete"); returns whether the database is
// in it now. Leaving or entering WAL mode fails at once, without waiting,
// while another connection has the file open or a transaction is active.
bool try_journal_mode(SQLite::Database& db, const std::string& mode) noexcept;

// $PORTREG_DB, else ./portreg.db.
std::string default_database_path();

} // namespace portreg
