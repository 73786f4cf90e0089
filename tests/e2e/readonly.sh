#!/usr/bin/env bash
# portreg-query cannot change a database: `sql` refuses every kind of write
# SQLite knows, arguments are never SQL, and a WAL database is read where
# SQLite's -wal/-shm files exist or cannot be created (read-only directory).
#
# usage: tests/e2e/readonly.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"

"$bin/portreg-import" -q --db p.db "$src/tests/data/small.xml" "$src/tests/data/small-next.xml" \
    >/dev/null 2>&1
check "the database is in WAL mode" [ "$(sqlite3 p.db 'PRAGMA journal_mode')" = wal ]
# The file's bytes, and what it holds.
state() { sha256sum p.db | cut -c1-64; sqlite3 p.db .dump | sha256sum; }
files() { ls -A | grep -v '^\(p\.db\(-wal\|-shm\)\?\|out\.txt\|err\.txt\)$'; }
before=$(state)
before_files=$(files)
query() { "$bin/portreg-query" --db p.db "$@" >out.txt 2>err.txt; }

# Each write attempt fails (exit 2) with SQLite's or portreg's reason.
writes=(
    "INSERT INTO properties VALUES ('x', 'y')"
    "UPDATE record SET name = 'x'"
    "DELETE FROM span"
    "DROP TABLE record"
    "CREATE TABLE t(x)"
    "CREATE TEMP TABLE t(x)"
    "ATTACH 'new.db' AS n"
    "ATTACH 'file:new.db?mode=rwc' AS n"
    "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'x'"
    "SELECT load_extension('libsqlite3.so.0')"
    "VACUUM"
    "VACUUM INTO 'copy.db'"
    "REINDEX"
    "ANALYZE"
    "PRAGMA user_version = 7"
    "PRAGMA journal_mode = DELETE"
    "SELECT 1; DROP TABLE record"
)
for w in "${writes[@]}"; do
    query sql "$w"
    rc=$?
    check "sql \"$w\": exit code $rc, expected 2" [ "$rc" = 2 ]
    check "sql \"$w\": no reason given" grep -q . err.txt
done
# Alone, these only set flags of a connection that ends with the statement.
for w in "PRAGMA writable_schema = ON" "PRAGMA query_only = OFF"; do
    query sql "$w"
    check "sql \"$w\": exit code $?, expected 1 (no rows)" [ $? -le 1 ]
done
query sql "SELECT count(*) FROM release"
check "sql still reads" [ "$(cat out.txt)" = "$(printf 'count(*)\r\n2\r')" ]

# Arguments are values, never SQL. Each case: the exit code expected, then
# the arguments, split at "|". Terms that would match everything if pasted
# into a statement must match nothing (1: a match would be an injection);
# values that are not ports, ranges, snapshots or days are usage errors (2).
cases=(
    "1|service|x' OR '1'='1"
    "1|service|x\" OR \"1\"=\"1"
    "1|service|'; DROP TABLE record; --"
    "1|search|zzz' OR '1'='1"
    "1|search|zzz%' OR 1=1 --"
    "1|search|--fts|zzz\" OR \"a"
    "1|person|x' OR '1'='1"
    "1|person|--search|zzz' OR '1'='1"
    "2|port|80 OR 1=1"
    "2|port|80'; DROP TABLE record; --"
    "2|free|1-2; DROP TABLE record"
    "2|--snapshot|1 OR 1=1|port|80"
    "2|--as-of|2026-08-17' OR '1'='1|port|80"
)
for case in "${cases[@]}"; do
    IFS='|' read -r -a args <<<"$case"
    query "${args[@]:1}"
    rc=$?
    check "${args[*]:1}: exit code $rc, expected ${args[0]}" [ "$rc" = "${args[0]}" ]
done
check "queries changed the database" [ "$(state)" = "$before" ]
check "queries left files: $(files)" [ "$(files)" = "$before_files" ]

# WAL files present: a reader of sqlite3 holds a snapshot open meanwhile.
{
    echo "BEGIN; SELECT count(*) FROM release;"
    sleep 3
} | sqlite3 p.db >/dev/null &
holder=$!
sleep 0.5
check "-wal and -shm exist while another connection reads" [ -e p.db-wal -a -e p.db-shm ]
query snapshots
check "snapshots beside the -wal and -shm files" [ "$(wc -l <out.txt)" = 3 ]

# A directory this user cannot write, with characters that a file: URI
# reserves in its name. As root (which ignores permissions) the query runs
# as nobody.
ro="$work/read only?#%41"
mkdir "$ro"
wait "$holder"
cp p.db "$ro/"
{
    echo "BEGIN; SELECT count(*) FROM release;"
    sleep 2
} | sqlite3 "$ro/p.db" >/dev/null &
holder=$!
as_reader=()
if [ "$(id -u)" = 0 ]; then
    chmod 755 "$work"
    as_reader=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
sleep 0.5
chmod 555 "$ro"
"${as_reader[@]}" "$bin/portreg-query" --db "$ro/p.db" snapshots >out.txt 2>err.txt
check "read-only directory, -wal and -shm present: $(cat err.txt)" [ "$(wc -l <out.txt)" = 3 ]
wait "$holder"
check "-wal and -shm are gone after the last writer-capable connection" [ ! -e "$ro/p.db-wal" ]
"${as_reader[@]}" "$bin/portreg-query" --db "$ro/p.db" snapshots >out.txt 2>err.txt
check "read-only directory, no -wal or -shm: $(cat err.txt)" [ "$(wc -l <out.txt)" = 3 ]
check "nothing was created in the read-only directory" [ "$(ls -A "$ro")" = p.db ]
chmod 755 "$ro"
check "the reads changed the database" [ "$(sha256sum <"$ro/p.db")" = "$(sha256sum <p.db)" ]

finish
