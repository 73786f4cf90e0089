#!/usr/bin/env bash
# Typed JSON from every command: each of portreg-query's commands (its
# help lists them; a command added without a case here fails) is run with
# --format json and jsonl on the newest releases of the bundled history,
# and json_walk.py checks that numbers are numbers and missing values null.
#
# usage: tests/e2e/json.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"

releases newest 8 >/dev/null
"$bin/portreg-import" -q --db json.db newest/xml >/dev/null 2>&1
check "eight releases imported" [ "$(sqlite3 json.db 'SELECT count(*) FROM release')" = 8 ]

mkdir out
# case_of NAME COMMAND ARGS...: the command's JSON and JSON lines, kept as
# out/NAME.json and out/NAME.jsonl to walk.
case_of() {
    local name=$1
    shift
    for format in json jsonl; do
        "$bin/portreg-query" --db json.db "$@" --format "$format" >"out/$name.$format" 2>err.txt
        [ -s "out/$name.$format" ] && pass || {
            fail "$* --format $format printed nothing"
            cat err.txt
        }
    done
}
case_of snapshots snapshots
case_of port port 443
case_of port-range port 4200-4299
case_of service service 'http*'
case_of search search ftps
case_of person person Jon_Postel
case_of free free 47800-47900
case_of sql sql "SELECT registry_date, sha256, NULL AS missing, 1 AS one FROM release"
case_of diff diff
case_of history history port 1-100
case_of history-person history person IESG
case_of log log
case_of export export
case_of check-services check-services "$src/tests/data/services/small"

commands=$("$bin/portreg-query" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF { print $1 }')
for command in $commands; do
    [ -e "out/$command.json" ] && pass || fail "the JSON of '$command' is not walked here"
done
check "every JSON value typed" python3 "$src/tests/e2e/json_walk.py" out/*
finish
