#!/usr/bin/env bash
# Measures portreg-import side by side with its peers, in one run, on this
# machine. Reads the real releases in ../shared/registry (or $PORTREG_REGISTRY).
#   bench/run.sh            every measurement (about 5 minutes)
#   bench/run.sh --quick    fewer repetitions
# Prints a table per measurement; bench/README.md records the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
registry=${PORTREG_REGISTRY:-$root/../shared/registry}
runs=5
[ "${1:-}" = "--quick" ] && runs=2

[ -d "$registry" ] || { echo "no registry data at $registry" >&2; exit 2; }
"$root/scripts/install-deps.sh"
# The peers measured beside portreg, from Debian's packages.
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
command -v sqlite-utils >/dev/null || need+=(sqlite-utils)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
"$root/scripts/build.sh" >/dev/null
bin=$root/build/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

archive=$registry/iana-history.tar.zst
csv=$registry/csv/service-names-port-numbers-2026-02-13.csv
echo "Unpacking the history for the directory runs ..." >&2
mkdir -p "$work/xml-all"
zstd -dc --long=27 "$archive" | tar -x -C "$work/xml-all"
xmldir=$work/xml-all/xml
xml=$(ls "$xmldir"/2026-02-13-*.xml)

# best SETUP COMMAND...: runs SETUP then times COMMAND, $runs times; prints
# the best wall time in seconds and the peak resident memory of that run.
best() {
    local setup=$1
    shift
    local best_t="" best_m=""
    for _ in $(seq "$runs"); do
        eval "$setup"
        local start end
        start=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$work/mem" "$@" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        local t
        t=$(echo "$end - $start" | bc -l)
        if [ -z "$best_t" ] || [ "$(echo "$t < $best_t" | bc -l)" = 1 ]; then
            best_t=$t
            best_m=$(tail -n 1 "$work/mem")
        fi
    done
    printf "%8.3f s %8d KB" "$best_t" "$best_m"
}

row() { printf "  %-58s %s\n" "$1" "$2"; }

echo "== One release (2026-02-13), into an empty database"
row "portreg-import, XML (records, people, references, history)" \
    "$(best 'rm -f $work/one.db*' "$bin/portreg-import" -q --db "$work/one.db" "$xml")"
row "sqlite3 .import --csv, its CSV twin (12 text columns)" \
    "$(best 'rm -f $work/csv.db*' sqlite3 "$work/csv.db" ".import --csv $csv services")"

# The floor of SQLite's own work for that release: its rows copied table by
# table (INSERT ... SELECT, no parsing, no per-row statements) from a
# database holding it into an empty one with the same schema and indexes.
"$bin/portreg-import" -q --db "$work/src.db" "$xml" >/dev/null 2>&1
sqlite3 "$work/src.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
{
    # As portreg writes the first release of a database: with a rollback
    # journal, which writes new pages once.
    echo "PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL;"
    echo "ATTACH '$work/src.db' AS src; BEGIN;"
    cat "$root/schema/001-history.sql"
    for t in properties registry_meta registry_note registry_footnote registry_xref release \
        record record_xref person person_uri span; do
        echo "INSERT INTO main.$t SELECT * FROM src.$t;"
    done
    echo "INSERT INTO record_fts(rowid, text) SELECT id, rendered FROM record; COMMIT;"
} >"$work/floor.sql"
row "sqlite3: the same rows copied into an empty schema (SQL only)" \
    "$(best 'rm -f $work/floor.db*' sqlite3 "$work/floor.db" ".read $work/floor.sql")"

echo "== One release (2026-02-13), added to the history before it"
mkdir -p "$work/before"
for f in "$xmldir"/*.xml; do
    [[ $(basename "$f") < 2026-02-13 ]] && ln -s "$f" "$work/before/"
done
"$bin/portreg-import" -q --db "$work/before.db" "$work/before" >/dev/null 2>&1 || true
sqlite3 "$work/before.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
row "portreg-import, XML, after $(sqlite3 "$work/before.db" 'SELECT count(*) FROM release') releases" \
    "$(best 'cp $work/before.db $work/daily.db; rm -f $work/daily.db-*' "$bin/portreg-import" -q --db "$work/daily.db" "$xml")"
row "sqlite3 .import --csv, its CSV twin, into a new database" \
    "$(best 'rm -f $work/csv.db*' sqlite3 "$work/csv.db" ".import --csv $csv services")"
row "sqlite3 .import --csv, its CSV twin, into that same database" \
    "$(best 'cp $work/before.db $work/csv.db; rm -f $work/csv.db-*' sqlite3 "$work/csv.db" ".import --csv $csv services")"

echo "== One CSV release (2026-02-13), added after the CSV of the day before"
# IANA's CSV of the day before, as its XML says it was: one row differs.
sed '0,/TCP Port Service Multiplexer,/s//TCP Port Service Multiplexer (old),/' "$csv" >"$work/day-before.csv"
"$bin/portreg-import" -q --db "$work/csv-before.db" --date 2026-02-12 "$work/day-before.csv" >/dev/null
sqlite3 "$work/csv-before.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
row "portreg-import, CSV, after the CSV of the day before" \
    "$(best 'cp $work/csv-before.db $work/t.db; rm -f $work/t.db-*' "$bin/portreg-import" -q --db "$work/t.db" --date 2026-02-13 "$csv")"
row "sqlite3 .import --csv, into a new database" \
    "$(best 'rm -f $work/csv.db*' sqlite3 "$work/csv.db" ".import --csv $csv services")"
row "sqlite3 .import --csv, into that same database" \
    "$(best 'cp $work/csv-before.db $work/csv.db; rm -f $work/csv.db-*' sqlite3 "$work/csv.db" ".import --csv $csv services")"
row "sqlite-utils insert --csv, into a new database" \
    "$(best 'rm -f $work/csv.db*' sqlite-utils insert "$work/csv.db" services "$csv" --csv)"

echo "== One CSV release (2026-02-13), into an empty database"
row "portreg-import, CSV (parsed into records and references)" \
    "$(best 'rm -f $work/one.db*' "$bin/portreg-import" -q --db "$work/one.db" --date 2026-02-13 "$csv")"
row "sqlite3 .import --csv (12 text columns)" \
    "$(best 'rm -f $work/csv.db*' sqlite3 "$work/csv.db" ".import --csv $csv services")"
row "sqlite-utils insert --csv (12 text columns)" \
    "$(best 'rm -f $work/csv.db*' sqlite-utils insert "$work/csv.db" services "$csv" --csv)"
rm -f "$work/twin.db"*
"$bin/portreg-import" -q --db "$work/twin.db" "$xml" >/dev/null 2>&1
row "portreg-import, CSV, after its XML twin" \
    "$(best 'cp $work/twin.db $work/t.db; rm -f $work/t.db-*' "$bin/portreg-import" -q --db "$work/t.db" --date 2026-02-13 "$csv")"

echo "== The whole history (679 releases, 2.4 GB of XML)"
row "portreg-import, the .tar.zst archive" \
    "$(best 'rm -f $work/all.db*' "$bin/portreg-import" -q --db "$work/all.db" "$archive")"
row "pugixml parse only, the .tar.zst archive" \
    "$(best : "$bin/portreg-bench-parse-only" "$archive")"
row "zstd -dc (decompression alone)" \
    "$(best : sh -c "zstd -dc --long=27 '$archive' >/dev/null")"
# The repository's copy holds the same tar stream with a 32 MiB window.
bundled=$root/data/iana-history.tar.zst
row "portreg-import, the bundled data/iana-history.tar.zst" \
    "$(best 'rm -f $work/all.db*' "$bin/portreg-import" -q --db "$work/all.db" "$bundled")"
row "zstd -dc, the bundled archive" \
    "$(best : sh -c "zstd -dc '$bundled' >/dev/null")"
row "portreg-import, the unpacked directory" \
    "$(best 'rm -f $work/all.db*' "$bin/portreg-import" -q --db "$work/all.db" "$xmldir")"
row "pugixml parse only, the unpacked directory" \
    "$(best : "$bin/portreg-bench-parse-only" "$xmldir")"

echo "== Peak memory against the number of releases (directory input)"
for n in 10 100 300 679; do
    rm -rf "$work/first" && mkdir "$work/first"
    all=("$xmldir"/*.xml)
    ln -s "${all[@]:0:$n}" "$work/first/"
    runs_saved=$runs
    runs=1
    row "portreg-import, first $n releases" \
        "$(best 'rm -f $work/n.db*' "$bin/portreg-import" -q --db "$work/n.db" "$work/first")"
    runs=$runs_saved
done

echo "== Queries on the whole history (newest snapshot)"
rm -f "$work/q.db"*
"$bin/portreg-import" -q --db "$work/q.db" "$archive" >/dev/null 2>&1 || true
# Commands of a few milliseconds: hyperfine, without a shell, many runs.
# The median beside the mean: on a shared machine a few slow runs pull the
# mean up.
millis() {
    hyperfine -N --warmup 20 --runs 200 --export-csv "$work/q.csv" "$1" >/dev/null 2>&1
    tail -n 1 "$work/q.csv" |
        awk -F, '{printf "%8.2f ms mean, %5.2f ms median (200 runs)", $2 * 1000, $4 * 1000}'
}
row "sqlite3 DB 'select 1' (baseline: start, open, one statement)" "$(millis "sqlite3 $work/q.db 'select 1'")"
row "portreg-query port 443" "$(millis "$bin/portreg-query --db $work/q.db port 443")"
row "portreg-query port 443 --format text (with its people)" \
    "$(millis "$bin/portreg-query --db $work/q.db port 443 --format text")"
row "portreg-query service https" "$(millis "$bin/portreg-query --db $work/q.db service https")"
row "portreg-query search ftps (IANA's substring search)" "$(millis "$bin/portreg-query --db $work/q.db search ftps")"
row "portreg-query search --fts ftps" "$(millis "$bin/portreg-query --db $work/q.db search --fts ftps")"
row "portreg-query person Jon_Postel" "$(millis "$bin/portreg-query --db $work/q.db person Jon_Postel")"

echo "== Export of the newest snapshot (goal: xml within 2 x csv)"
row "portreg-query export --format csv" "$(millis "$bin/portreg-query --db $work/q.db export --format csv")"
row "portreg-query export --format xml" "$(millis "$bin/portreg-query --db $work/q.db export --format xml")"

echo "== Change reports on the whole history (goals: 10 x select 1; 300 ms; 1 s)"
row "portreg-query diff (the newest release against the one before)" \
    "$(millis "$bin/portreg-query --db $work/q.db diff --format text")"
row "portreg-query diff 1ac547d1 05dcb607 --format json (roughtime)" \
    "$(millis "$bin/portreg-query --db $work/q.db diff 1ac547d1 05dcb607 --format json")"
row "portreg-query history port 443 (all releases)" \
    "$(millis "$bin/portreg-query --db $work/q.db history port 443")"
row "portreg-query history port 11434 (all releases)" \
    "$(millis "$bin/portreg-query --db $work/q.db history port 11434")"
row "portreg-query diff 2015-05-04 2026-08-17 (oldest to newest)" \
    "$(millis "$bin/portreg-query --db $work/q.db diff 2015-05-04 2026-08-17 --format text")"
row "portreg-query diff 2015-05-04 2026-08-17 --format json" \
    "$(millis "$bin/portreg-query --db $work/q.db diff 2015-05-04 2026-08-17 --format json")"
row "portreg-query log (all releases)" "$(millis "$bin/portreg-query --db $work/q.db log")"

echo "== Size"
rm -f "$work/all.db"* "$work/one.db"* "$work"/*-vacuumed.db
"$bin/portreg-import" -q --db "$work/all.db" "$archive" >/dev/null 2>&1 || true
"$bin/portreg-import" -q --db "$work/one.db" "$xmldir/2026-08-17-4bbf00ef.xml" >/dev/null 2>&1
sqlite3 "$work/all.db" "VACUUM INTO '$work/all-vacuumed.db'"
sqlite3 "$work/one.db" "VACUUM INTO '$work/one-vacuumed.db'"
row "database, all 678 releases (after VACUUM)" "$(stat -c %s "$work/all-vacuumed.db") bytes"
row "database, the newest release alone (after VACUUM)" "$(stat -c %s "$work/one-vacuumed.db") bytes"
row "the XML of the 679 releases" "$(du -sb "$xmldir" | cut -f1) bytes"
