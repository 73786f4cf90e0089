#!/usr/bin/env bash
# The bash completion of contrib/bash-completion/portreg, called as bash
# calls it: every option and command --help lists (of the three programs),
# the formats, and the dates and hashes of the database the command line
# names.
#
# usage: tests/e2e/completion.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"
# shellcheck source=../../contrib/bash-completion/portreg
. "$src/contrib/bash-completion/portreg"
PATH=$bin:$PATH
unset PORTREG_DB

# completions WORD...: what completing the last word offers, one a line.
completions() {
    local -a COMP_WORDS=("$@")
    local COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    case $1 in
    *portreg-import) _portreg_import ;;
    *portreg-query) _portreg_query ;;
    *portreg-serve) _portreg_serve ;;
    esac
    [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | sort
}
# offers EXPECTED WORD...: the completions are EXPECTED (sorted lines).
offers() {
    local expected=$1 got
    shift
    got=$(completions "$@")
    if [ "$got" = "$expected" ]; then pass; else
        fail "completing '$*' offered '$(one_line "$got")', expected '$(one_line "$expected")'"
    fi
}
# offers_all WORDS WORD...: the completions include each of WORDS.
offers_all() {
    local words=$1 got word
    shift
    got=$(completions "$@")
    for word in $words; do
        if grep -qx -- "$word" <<<"$got"; then pass; else fail "completing '$*' did not offer $word"; fi
    done
}
lines() { printf '%s\n' "$@" | sort; }
one_line() { tr '\n' ' ' <<<"$1"; }

# Options and commands: all --help lists.
offers_all "$(help_options portreg-import)" portreg-import -
offers_all "$(help_options portreg-query)" portreg-query -
offers_all "$(help_options portreg-serve)" portreg-serve -
offers_all "$(help_options portreg-serve)" portreg-serve --sql -
offers "$(help_commands portreg-query | sort)" portreg-query ''
for command in $(help_commands portreg-query); do
    offers_all "$(help_options portreg-query "$command")" portreg-query "$command" -
done
offers "$(lines --db --date)" portreg-import --d
offers "$(lines html json markdown text)" portreg-import --report ''
offers "$(lines json jsonl)" portreg-query --format j
offers "$(lines json jsonl)" portreg-query --format = j
offers "$(lines port service person)" portreg-query history ''
offers "$(lines tcp udp sctp dccp)" portreg-query free 1-9 --transport ''
offers "" portreg-query port 44
# portreg-serve takes no argument, and HOST:PORT, which bash splits at the
# colon, is not offered.
offers "$(lines --db)" portreg-serve --d
offers "$(lines --cache-mb --cors)" portreg-serve --c
offers "" portreg-serve ''
offers "" portreg-serve --listen ''
offers "" portreg-serve --threads ''
offers "" portreg-serve --cache-mb ''

# Files where a file is asked for.
touch small.xml
offers small.xml portreg-import sma
offers small.xml portreg-import --db sma
offers small.xml portreg-query check-services sma
offers small.xml portreg-query check-services --missing sma
offers small.xml portreg-serve --db sma
offers small.xml portreg-serve --db = sma
offers "" portreg-serve sma
offers "" portreg-query check-services small.xml sma
mkdir saved
offers saved portreg-import --fetch --save sa

# Dates and hashes, from the database named, or from $PORTREG_DB, or from
# ./portreg.db; nothing, and no error, without one.
"$bin/portreg-import" -q --db r.db "$src/tests/data/small.xml" "$src/tests/data/small-next.xml" >/dev/null 2>&1
hashes=$(sqlite3 r.db "SELECT substr(sha256, 1, 8) FROM release" | sort)
dates=$(sqlite3 r.db "SELECT DISTINCT registry_date FROM release" | sort)
both=$(lines "$hashes" "$dates")
check "two releases of two dates to complete" [ "$(wc -l <<<"$both")" = 4 ]
offers "$hashes" portreg-query --db r.db --snapshot ''
offers "$hashes" portreg-query --db = r.db port 79 --snapshot ''
offers "$dates" portreg-query --db r.db --as-of ''
offers "$dates" portreg-query --db r.db log --since ''
offers "$both" portreg-query --db r.db diff ''
offers "$both" portreg-query --db r.db diff 2026-08-17 ''
offers "" portreg-query --db r.db diff 2026-08-17 2026-08-20 ''
offers "$hashes" portreg-import --db r.db --remove ''
PORTREG_DB=r.db offers "$hashes" portreg-query --snapshot ''
cp r.db portreg.db
offers "$hashes" portreg-query --snapshot ''
rm portreg.db
# Not found in PATH: the portreg-query beside the program completed.
PATH=/usr/bin:/bin offers "$dates" "$bin/portreg-query" --db r.db --as-of ''
offers "" portreg-query --snapshot ''
check "completing without a database wrote to standard error" \
    [ -z "$(completions portreg-query --db nowhere.db --snapshot '' 2>&1)" ]
finish
