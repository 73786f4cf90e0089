#!/usr/bin/env bash
# Concurrent use, on releases of the bundled history:
# - portreg-query run in a loop while portreg-import writes (WAL) always
#   sees whole releases: every snapshot has exactly its release's record
#   count, and the snapshot set only grows, in import order;
# - two importers started at once on overlapping release sets both finish
#   (SQLite's locks and the busy timeout serialize them) and leave the same
#   database as the two imports one after the other.
#
# usage: tests/e2e/concurrency.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"

releases rel 40 >expected
import() {
    local db=$1
    shift
    "$bin/portreg-import" -q --db "$db" "$@"
}

# Queries during an import. The first release is in before the loop starts,
# so that every query meets a portreg database.
first=$(ls rel/xml/*.xml | head -n 1)
import q.db "$first" >/dev/null 2>&1
import q.db rel >import.txt 2>&1 &
importer=$!
queries=0 during=0 last=1
: >query-errors.txt
while kill -0 "$importer" 2>/dev/null || [ $queries -lt 3 ]; do
    queries=$((queries + 1))
    # One statement, so one read transaction: the releases and, for the
    # three stored last (a half-written one would be among them), how many
    # of its records its snapshot holds.
    if ! "$bin/portreg-query" --db q.db --format csv sql \
        "SELECT registry_date || ' ' || substr(sha256, 1, 8) AS release, record_count AS n,
                CASE WHEN id > (SELECT max(id) - 3 FROM release)
                     THEN (SELECT count(*) FROM snapshot_records s WHERE s.release_id = r.id)
                     ELSE record_count END AS held
         FROM release r ORDER BY seq" >seen.txt 2>>query-errors.txt; then
        fail "query $queries failed: $(tail -n 1 query-errors.txt)"
        continue
    fi
    tail -n +2 seen.txt | tr -d '\r' >rows.txt
    n=$(grep -c . rows.txt)
    [ "$n" -gt 1 ] && [ "$n" -lt 40 ] && during=$((during + 1))
    check "query $queries: a release with part of its records: $(awk -F, '$2 != $3' rows.txt)" \
        [ -z "$(awk -F, '$2 != $3' rows.txt)" ]
    check "query $queries: the releases are not a prefix of the import order" \
        [ "$(cut -d, -f1 rows.txt | sort)" = "$(first "$n" expected)" ]
    check "query $queries: fewer releases ($n) than before ($last)" [ "$n" -ge "$last" ]
    last=$n
done
wait "$importer"
rc=$?
check "the import during queries: exit code $rc" [ $rc = 0 ]
check "the import during queries stored the 40 releases" [ "$(stored q.db)" = "$(first 999 expected)" ]
echo "concurrency: $queries queries, $during of them while the import was half done"
check "too few queries ($during) ran while the import was half done" [ "$during" -ge 5 ]

# Two importers at once: A takes the first 24 releases, B the last 24 (8 in
# common); against A then B, one after the other.
mkdir a b
for f in $(ls rel/xml/*.xml | head -n 24); do ln -s "$work/$f" a/; done
for f in $(ls rel/xml/*.xml | tail -n 24); do ln -s "$work/$f" b/; done
import serial.db a >/dev/null 2>&1
import serial.db b >/dev/null 2>&1
reference=$(contents serial.db)
check "the serial imports stored the 40 releases" [ "$(stored serial.db)" = "$(first 999 expected)" ]
for round in 1 2 3; do
    rm -f both.db both.db-wal both.db-shm both.db-journal
    # Round 1 starts both on a database that does not exist yet.
    [ $round = 1 ] || import both.db "$first" >/dev/null 2>&1
    import both.db a >a.txt 2>&1 &
    pa=$!
    import both.db b >b.txt 2>&1 &
    pb=$!
    wait $pa
    ra=$?
    wait $pb
    rb=$?
    check "round $round: importer A: exit code $ra: $(grep -v warning a.txt)" [ $ra = 0 ]
    check "round $round: importer B: exit code $rb: $(grep -v warning b.txt)" [ $rb = 0 ]
    check "round $round: integrity_check" [ "$(integrity both.db)" = ok ]
    check "round $round: both at once differ from one after the other" \
        [ "$(contents both.db)" = "$reference" ]
done

finish
