#!/usr/bin/env bash
# The README's examples, run as written: every command of README.md's
# ```console blocks (readme_examples.py reads them), on the bundled history
# imported into ./portreg.db, on a terminal (script(1)) 100 columns wide, as
# a user would see it, with the programs built first on PATH. What it prints
# must be the lines under it; trailing spaces are left out (sqlite3's
# columns have them, editors drop them). PORTREG_E2E_WRITE=1 writes what
# the commands print back into README.md, to review with git diff.
#
# usage: tests/e2e/readme.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"
readme="$src/README.md"
examples="$src/tests/e2e/readme_examples.py"

"$bin/portreg-import" -q "$src/data/iana-history.tar.zst" >/dev/null 2>&1
check "the bundled history imported" [ "$(sqlite3 portreg.db 'SELECT count(*) FROM release')" = 678 ]

trimmed() { tr -d '\r' | sed 's/[[:space:]]*$//'; }
mkdir examples
python3 "$examples" split "$readme" examples
count=$(find examples -name '*.cmd' | wc -l)
for n in $(seq "$count"); do
    PATH="$bin:$PATH" COLUMNS=100 script -qec "$(cat "examples/$n.cmd")" /dev/null </dev/null |
        trimmed >"examples/$n.got"
    if [ "$(trimmed <"examples/$n.out")" = "$(cat "examples/$n.got")" ]; then
        pass
    else
        fail "README: \$ $(head -n 1 "examples/$n.cmd")"
        diff "examples/$n.out" "examples/$n.got" | head -n 20
    fi
done
[ -z "${PORTREG_E2E_WRITE:-}" ] || python3 "$examples" write "$readme" examples
check "ten everyday tasks or more (found $count commands)" [ "$count" -ge 10 ]
finish
