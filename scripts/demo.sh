#!/usr/bin/env bash
# The quick start: installs what is missing, builds, imports the bundled
# history of IANA's port registry (data/iana-history.tar.zst, 679 releases,
# one of them broken on purpose by IANA's mirror) into ./portreg.db, and
# prints what the newest release changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" >/dev/null

db=${PORTREG_DB:-portreg.db}
echo "Importing $root/data/iana-history.tar.zst into $db ..."
log=$(mktemp)
errors=$(mktemp)
trap 'rm -f "$log" "$errors"' EXIT
# Exit code 1 is expected: one release in the archive is ill-formed XML.
"$root/build/bin/portreg-import" --db "$db" "$root/data/iana-history.tar.zst" >"$log" 2>"$errors" || true
grep -v '(warning)$' "$errors" || true
echo "$(grep -c '(warning)$' "$errors") warnings (references to people a release does not define)."
echo "$(grep -vc 'already present' "$log") releases added, $(grep -c 'already present' "$log") already present;" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM release') in the database."
echo
echo "The newest release:"
tail -n 1 "$log"
echo
echo "What it changed (portreg-query diff; --format markdown, json or html for more):"
"$root/build/bin/portreg-query" --db "$db" diff --format text || true
