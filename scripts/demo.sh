#!/usr/bin/env bash
# The quick start: installs what is missing, builds the three tools, imports
# the bundled history of IANA's port registry (data/iana-history.tar.zst,
# 679 releases, one of them broken on purpose by IANA's mirror) into
# ./portreg.db, and prints what the newest release changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
archive=$root/data/iana-history.tar.zst
db=${PORTREG_DB:-portreg.db}
step() { echo "==> $*"; }

step "1/4 Debian packages (those missing are installed)"
"$root/scripts/install-deps.sh"

step "2/4 building portreg-import, portreg-query and portreg-serve (about two minutes the first time)"
"$root/scripts/build.sh" portreg-import portreg-query portreg-serve

step "3/4 importing data/iana-history.tar.zst (679 releases) into $db (about 15 seconds the first time)"
echo "A first import warns of records naming a person their release does not define (kept as"
echo "published), and rejects one release that is ill-formed XML (so the importer exits with 1)."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Its release lines go to the log; what it says on standard error (the
# progress line, on a terminal; warnings, the error, the counts) is shown.
# Exit code 1 is expected (one release in the archive is ill-formed XML);
# 2, a fatal error, ends the demo.
rc=0
"$root/build/bin/portreg-import" --db "$db" "$archive" >"$log" || rc=$?
[ "$rc" -le 1 ] || exit "$rc"
echo "$(grep -vc 'already present' "$log") releases added, $(grep -c 'already present' "$log") already present;" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM release') in the database."

step "4/4 the report"
echo "The newest release:"
tail -n 1 "$log"
echo
echo "What it changed (portreg-query diff; --format markdown, json or html for more):"
"$root/build/bin/portreg-query" --db "$db" diff --format text || true
echo
echo "The same on web pages, as of any date: $root/build/bin/portreg-serve --db $db, then open http://127.0.0.1:8080/"
