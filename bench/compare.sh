#!/usr/bin/env bash
# Compares the portreg-import of another revision with this checkout's on
# single-release imports, beside sqlite3's .import, and on the whole history
# (time, peak memory, database size), the runs interleaved
# (bench/interleave.py): on a shared machine, figures taken minutes apart
# differ by more than most changes do.
#   bench/compare.sh REV [RUNS]     e.g. bench/compare.sh HEAD~3 30
# Reads the real releases in ../shared/registry (or $PORTREG_REGISTRY).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
registry=${PORTREG_REGISTRY:-$root/../shared/registry}
[ $# -ge 1 ] || { echo "usage: bench/compare.sh REV [RUNS]" >&2; exit 2; }
rev=$1
runs=${2:-30}
[ -d "$registry" ] || { echo "no registry data at $registry" >&2; exit 2; }
"$root/scripts/install-deps.sh"
need=()
command -v python3 >/dev/null || need+=(python3)
command -v sqlite-utils >/dev/null || need+=(sqlite-utils)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

"$root/scripts/build.sh" >/dev/null
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/old-tree" 2>/dev/null || true; rm -rf "$work"' EXIT
git -C "$root" worktree add -q --detach "$work/old-tree" "$rev"
# What the other revision builds with (an older one used OpenSSL, say).
[ -x "$work/old-tree/scripts/install-deps.sh" ] && "$work/old-tree/scripts/install-deps.sh"
# Built as scripts/build.sh builds the new one.
cmake -S "$work/old-tree" -B "$work/old-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_TESTING=OFF >/dev/null
ninja -C "$work/old-build" portreg-import >/dev/null
old=$work/old-build/bin/portreg-import
new=$root/build/bin/portreg-import

mkdir -p "$work/xml-all" "$work/before"
zstd -dc --long=27 "$registry/iana-history.tar.zst" | tar -x -C "$work/xml-all"
xml=$(ls "$work"/xml-all/xml/2026-02-13-*.xml)
csv=$registry/csv/service-names-port-numbers-2026-02-13.csv
for f in "$work"/xml-all/xml/*.xml; do
    [[ $(basename "$f") < 2026-02-13 ]] && ln -s "$f" "$work/before/"
done
# The databases each revision starts from, made by its own importer: an
# older one refuses a newer schema, and a database made by one revision
# keeps what that revision keeps (the index of the newest release, since
# schema version 2).
for side in old new; do
    imp=${!side}
    "$imp" -q --db "$work/before-$side.db" "$work/before" >/dev/null 2>&1 || true
    "$imp" -q --db "$work/twin-$side.db" "$xml" >/dev/null
    "$imp" -q --db "$work/present-$side.db" "$xml" >/dev/null
done
# IANA's CSV of the day before, as its XML says it was: one row differs.
sed '0,/TCP Port Service Multiplexer,/s//TCP Port Service Multiplexer (old),/' "$csv" \
    >"$work/day-before.csv"
for side in old new; do
    imp=${!side}
    "$imp" -q --db "$work/csv-before-$side.db" --date 2026-02-12 "$work/day-before.csv" >/dev/null
    for db in before twin csv-before present; do
        sqlite3 "$work/$db-$side.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    done
done

fresh="rm -f $work/t-old.db* $work/t-new.db* $work/t.db* $work/s.db*"
from() { echo "$fresh; cp $work/$1-old.db $work/t-old.db; cp $work/$1-new.db $work/t-new.db"; }
interleave() { python3 "$root/bench/interleave.py" "$runs" "$@" | sed "s|$work/||g; s|$root/||g"; }

echo "min, first quartile and median of $runs runs each, in milliseconds"
echo "old: $(git -C "$root" rev-parse --short "$rev"), new: this checkout"
echo "== XML release into an empty database"
interleave "$fresh" "$old -q --db $work/t-old.db $xml" "$new -q --db $work/t-new.db $xml" \
    "sqlite3 $work/t.db '.import --csv $csv services'"
echo "== XML release added to the $(sqlite3 "$work/before-new.db" 'SELECT count(*) FROM release') releases before it"
interleave "$(from before); cp $work/before-new.db $work/s.db" \
    "$old -q --db $work/t-old.db $xml" "$new -q --db $work/t-new.db $xml" \
    "sqlite3 $work/t.db '.import --csv $csv services'" \
    "sqlite3 $work/s.db '.import --csv $csv services'"
echo "== XML release already stored"
interleave "$(from present)" "$old -q --db $work/t-old.db $xml" "$new -q --db $work/t-new.db $xml"
echo "== CSV release into an empty database"
interleave "$fresh" "$old -q --db $work/t-old.db --date 2026-02-13 $csv" \
    "$new -q --db $work/t-new.db --date 2026-02-13 $csv" \
    "sqlite3 $work/t.db '.import --csv $csv services'" \
    "sqlite-utils insert $work/t.db services $csv --csv"
echo "== CSV release added after the CSV of the day before (one row differs)"
interleave "$(from csv-before); cp $work/csv-before-new.db $work/s.db" \
    "$old -q --db $work/t-old.db --date 2026-02-13 $csv" \
    "$new -q --db $work/t-new.db --date 2026-02-13 $csv" \
    "sqlite3 $work/t.db '.import --csv $csv services'" \
    "sqlite3 $work/s.db '.import --csv $csv services'" \
    "sqlite-utils insert $work/t.db services $csv --csv"
echo "== CSV release beside its XML twin"
interleave "$(from twin)" "$old -q --db $work/t-old.db --date 2026-02-13 $csv" \
    "$new -q --db $work/t-new.db --date 2026-02-13 $csv"
echo "== The whole history, from the bundled data/iana-history.tar.zst (5 runs)"
bundled=$root/data/iana-history.tar.zst
runs=5 interleave "$fresh" "$old -q --db $work/t-old.db $bundled" \
    "$new -q --db $work/t-new.db $bundled"
echo "peak memory and database size, of one run each:"
for side in old new; do
    rm -f "$work/h.db"*
    # It exits 1 (one release of the history is broken, and rejected), and
    # GNU time then writes a line of its own before the figure.
    /usr/bin/time -f "%M" -o "$work/mem" "${!side}" -q --db "$work/h.db" "$bundled" \
        >/dev/null 2>&1 || true
    sqlite3 "$work/h.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    echo "$side: $(($(tail -n 1 "$work/mem") / 1024)) MB peak, database $(($(stat -c %s "$work/h.db") / 1024)) KiB"
done
