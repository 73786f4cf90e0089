#!/usr/bin/env bash
# `cmake --install` of the build directory (BIN_DIR's parent) into a
# temporary prefix: the programs and nothing else in bin/, their man pages
# and bash completion, the docs and the SQL examples, the systemd units
# (naming the portreg-import of the prefix); the programs run
# from there.
#
# usage: tests/e2e/install.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"
build=$(dirname "$bin")
prefix=$work/prefix

if cmake --install "$build" --prefix "$prefix" >install.log 2>&1; then pass; else
    fail "cmake --install: $(cat install.log)"
fi
installed() { [ -f "$prefix/$1" ]; }
for file in bin/portreg-import bin/portreg-query \
    share/man/man1/portreg-import.1 share/man/man1/portreg-query.1 \
    share/bash-completion/completions/portreg-import share/bash-completion/completions/portreg-query \
    share/doc/portreg/README.md share/doc/portreg/LICENSE share/doc/portreg/docs/querying.md \
    lib/systemd/system/portreg-update.service lib/systemd/system/portreg-update.timer; do
    check "not installed: $file" installed "$file"
done
for example in "$src"/sql/examples/*.sql; do
    check "not installed: $(basename "$example")" installed "share/doc/portreg/examples/$(basename "$example")"
done
programs=$(cd "$prefix/bin" && echo *)
check "bin/ holds $programs, expected portreg-import portreg-query" \
    [ "$programs" = "portreg-import portreg-query" ]
check "the installed completion is not contrib/bash-completion/portreg" \
    cmp -s "$src/contrib/bash-completion/portreg" "$prefix/share/bash-completion/completions/portreg-query"
check "man does not find the installed page" \
    [ "$(MANPATH="$prefix/share/man" man -w portreg-query)" = "$prefix/share/man/man1/portreg-query.1" ]

exec_start=$(grep '^ExecStart=' "$prefix/lib/systemd/system/portreg-update.service")
check "the installed service runs another portreg-import: $exec_start" \
    grep -q "^ExecStart=$prefix/bin/portreg-import --db " <<<"$exec_start"
check "the installed timer is not contrib/systemd's" \
    cmp -s "$src/contrib/systemd/portreg-update.timer" "$prefix/lib/systemd/system/portreg-update.timer"

# The programs, run from the prefix.
for program in portreg-import portreg-query; do
    check "$prefix/bin/$program --version differs from the build's" \
        [ "$("$prefix/bin/$program" --version)" = "$("$bin/$program" --version)" ]
done
"$prefix/bin/portreg-import" -q --db small.db "$src/tests/data/small.xml" >/dev/null 2>&1
check "installed portreg-import: no release stored" [ "$(sqlite3 small.db "SELECT count(*) FROM release")" = 1 ]
answer=$("$prefix/bin/portreg-query" --db small.db port 79/tcp --format csv)
check "installed portreg-query port 79/tcp: '$answer'" grep -q '^finger,79,tcp,' <<<"$answer"
finish
