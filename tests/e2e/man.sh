#!/usr/bin/env bash
# The man pages of docs/man: man formats them without a warning (troff's
# own and man --warnings'), and each has an item for every option and
# command the program's --help lists; portreg-serve's, for every route
# query/web_routes.cpp serves.
#
# usage: tests/e2e/man.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"
pages="$src/docs/man"
export MANWIDTH=80 LC_ALL=C.UTF-8

# warnings ARGS...: what man writes to standard error formatting the page.
warnings() { { man "$@" >/dev/null; } 2>&1; }
# The tag lines of a page's items (the line after each .TP).
tags() { awk 'after_tp { print } { after_tp = ($0 == ".TP") }' "$1"; }
# documented PAGE OPTION: an item's tag names the option, roff-escaped
# ("\-\-no\-index"), whole ("\-q" is not the end of "\-\-quiet", nor
# "\-\-db" the start of "\-\-db\-x"; a font escape "\fP" may follow).
documented() {
    local escaped=${2//-/\\-}
    tags "$1" | grep -qE -- "(^|[^-])${escaped//\\/\\\\}([^a-z\\]|\\\\[^-]|$)"
}
# an_item PAGE COMMAND: an item's tag starts with the command, roff-escaped
# ("check\-services").
an_item() {
    local escaped=${2//-/\\-}
    tags "$1" | grep -qE "^\.[BIR]+ \"?${escaped//\\/\\\\}( |\"|$)"
}

for program in portreg-import portreg-query portreg-serve; do
    page="$pages/$program.1"
    check "$program.1: warnings from man --warnings: $(warnings --warnings -l "$page")" \
        [ -z "$(warnings --warnings -l "$page")" ]
    check "$program.1: warnings from man: $(warnings -l "$page")" [ -z "$(warnings -l "$page")" ]
    for option in $(help_options "$program"); do
        check "$program.1: no item for $option" documented "$page" "$option"
    done
done
page="$pages/portreg-query.1"
for command in $(help_commands portreg-query); do
    check "portreg-query.1: no item for the command $command" an_item "$page" "$command"
    for option in $(help_options portreg-query "$command"); do
        check "portreg-query.1: no item for $command $option" documented "$page" "$option"
    done
done
# What --help cannot tell: the environment, exit codes and examples.
for section in "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
    for program in portreg-import portreg-query portreg-serve; do
        check "$program.1: no $section section" grep -qx ".SH \"\\?$section\"\\?" "$pages/$program.1"
    done
done
for variable in PORTREG_DB PORTREG_NO_INDEX; do
    check "portreg-import.1: $variable is not described" documented "$pages/portreg-import.1" "$variable"
done
check "portreg-serve.1: PORTREG_DB is not described" documented "$pages/portreg-serve.1" PORTREG_DB

# portreg-serve's routes: the first word of each path its server routes
# ("/port", "/sql"; a call may be split across lines), an item's tag
# starting with it ("/port/", "/search.json?").
page="$pages/portreg-serve.1"
routes=$(grep -o '"/[a-z]*' "$src/query/web_routes.cpp" | tr -d '"' | sort -u)
check "query/web_routes.cpp: 11 routes or more, found $(tr "\n" " " <<<"$routes")" [ "$(wc -w <<<"$routes")" -ge 11 ]
a_route() { tags "$page" | grep -qE "^\.[BIR]+ \"?$1([/.?\\\" ]|$)"; }
for route in $routes; do
    check "portreg-serve.1: no item for the route $route" a_route "$route"
done
for section in ROUTES FORMATS CACHING "STATUS CODES" LIMITS NOTES; do
    check "portreg-serve.1: no $section section" grep -qx ".SH \"\?$section\"\?" "$page"
done
# The status codes portreg-serve answers, each an item of STATUS CODES.
for code in 200 304 400 404 405 414 500; do
    check "portreg-serve.1: no item for status $code" an_item "$page" "$code"
done
finish
