#include "portreg/database.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/timestamp.hpp"
#include "portreg/version.hpp"
#include "portreg/views.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace portreg {

namespace {

int pragma_int(SQLite::Database& db, const char* pragma) {
    return db.execAndGet(std::string("PRAGMA ") + pragma).getInt();
}

bool has_tables(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() > 0;
}

// The scripts that bring a file of version N - 1 to version N, in order.
constexpr const char* schema_scripts[] = {"schema/001-history.sql", "schema/002-newest-index.sql",
                                          "schema/003-as-published.sql", "schema/004-fetch.sql"};
static_assert(std::size(schema_scripts) == schema_version);

void put_property(SQLite::Database& db, const char* key, const std::string& value) {
    SQLite::Statement set(db, sql::statement("property.set"));
    set.bind(1, key);
    set.bind(2, value);
    set.exec();
}

// From the version the file has (0: a new file) to schema_version.
void upgrade_schema(SQLite::Database& db) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have done it while we waited for the lock.
    const int version = pragma_int(db, "user_version");
    if (version >= schema_version) return;
    for (int v = version; v < schema_version; ++v)
        db.exec(std::string(sql::file(schema_scripts[v])));
    if (version == 0) {
        put_property(db, "generation", "0");
        put_property(db, "created", utc_now());
        put_property(db, "created_by", std::string("portreg ") + portreg::version());
        db.exec("PRAGMA application_id = " + std::to_string(application_id));
    }
    put_property(db, "schema_version", std::to_string(schema_version));
    db.exec("PRAGMA user_version = " + std::to_string(schema_version));
    tx.commit();
}

void check_identity(SQLite::Database& db, const std::string& path) {
    int app = pragma_int(db, "application_id");
    int version = pragma_int(db, "user_version");
    if (app != application_id)
        throw Error(path + ": not a portreg database (SQLite application_id is " +
                    std::to_string(app) + ")");
    if (version > schema_version)
        throw Error(path + ": database schema version " + std::to_string(version) +
                    " is newer than this portreg understands (" + std::to_string(schema_version) +
                    "); use a newer portreg");
    if (version < oldest_schema_version)
        throw Error(path + ": made by an older portreg (schema version " + std::to_string(version) +
                    "), which did not keep port numbers and texts as published; import the "
                    "releases again into a new file (portreg-import --db NEW.db RELEASES...)");
}

bool exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

// A WAL database is read through its -shm file, which SQLite creates when
// it is missing; in a directory this process cannot write (read-only media,
// another user's files) that fails. When there is no -wal, -shm or
// -journal file, no writer is at work and no write is half done, so the
// file alone is the whole database: SQLite's immutable mode reads it
// without them. (A writer that starts during such a read is not seen.)
bool needs_immutable(const std::string& path) {
    auto dir = std::filesystem::path(path).parent_path();
    if (::access(dir.empty() ? "." : dir.c_str(), W_OK) == 0) return false;
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        if (exists(path + suffix)) return false;
    return true;
}

// file:/absolute/path?immutable=1, with the characters URIs reserve escaped.
std::string immutable_uri(const std::string& path) {
    std::string uri = "file:";
    for (char c : std::filesystem::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') {
            static const char hex[] = "0123456789ABCDEF";
            uri += '%';
            uri += hex[static_cast<unsigned char>(c) >> 4];
            uri += hex[c & 15];
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

// SQLite counts every allocation it makes under a global mutex, for
// sqlite3_memory_used(), which portreg never asks: an import makes millions.
// Set once, before SQLite's first use.
void configure_sqlite() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

} // namespace

SQLite::Database open_database(const std::string& path, OpenMode mode) {
    configure_sqlite();
    try {
        if (mode == OpenMode::read_only) {
            if (!exists(path))
                throw Error(path + ": no such database (create it with portreg-import)");
            int flags = SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX;
            SQLite::Database db = needs_immutable(path) ? SQLite::Database(immutable_uri(path),
                                                                           flags | SQLite::OPEN_URI)
                                                        : SQLite::Database(path, flags);
            db.setBusyTimeout(10000);
            check_identity(db, path);
            return db;
        }
        // One connection per thread: SQLite's own locking between calls is
        // not needed.
        SQLite::Database db(path,
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
        db.setBusyTimeout(60000);
        // Before the first write: each commit of a WAL database at the
        // default synchronous = FULL waits for an fsync.
        db.exec("PRAGMA synchronous = NORMAL");
        // Statements that write many rows keep a statement journal, which
        // past 64 KiB went to a temporary file: 4% of a first release.
        db.exec("PRAGMA temp_store = MEMORY");
        if (pragma_int(db, "user_version") == 0 && pragma_int(db, "application_id") == 0) {
            if (has_tables(db))
                throw Error(path +
                            ": not a portreg database (it has tables but no schema version)");
            // Fails only while another process creates it too (and may be
            // writing its first release in rollback mode already).
            try_journal_mode(db, "wal");
            upgrade_schema(db);
        }
        check_identity(db, path);
        if (pragma_int(db, "user_version") < schema_version) upgrade_schema(db);
        // A database made before portreg chose WAL mode (or set back by
        // hand) is switched, so that queries can read beside an import. If
        // another importer is writing a new database's first release (in
        // rollback mode), the switch is left to the next release written.
        try_journal_mode(db, "wal");
        bring_views_up_to_date(db);
        db.exec("PRAGMA foreign_keys = ON");
        return db;
    } catch (const SQLite::Exception& e) {
        throw Error(path + ": " + e.what());
    }
}

bool try_journal_mode(SQLite::Database& db, const std::string& mode) noexcept {
    try {
        return db.execAndGet("PRAGMA journal_mode = " + mode).getString() == mode;
    } catch (const SQLite::Exception&) {
        return false;
    }
}

std::string default_database_path() {
    const char* env = std::getenv("PORTREG_DB");
    return env && *env ? env : "portreg.db";
}

} // namespace portreg
