#!/usr/bin/env bash
# `cmake --install` of the build directory (BIN_DIR's parent) into a
# temporary prefix: the programs and nothing else in bin/, their man pages
# and bash completion, the docs and the SQL examples, the systemd units
# (naming the portreg-import and portreg-serve of the prefix); the programs
# run from there, portreg-serve answering /healthz.
#
# usage: tests/e2e/install.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"
build=$(dirname "$bin")
prefix=$work/prefix

if cmake --install "$build" --prefix "$prefix" >install.log 2>&1; then pass; else
    fail "cmake --install: $(cat install.log)"
fi
installed() { [ -f "$prefix/$1" ]; }
for file in bin/portreg-import bin/portreg-query bin/portreg-serve \
    share/man/man1/portreg-import.1 share/man/man1/portreg-query.1 share/man/man1/portreg-serve.1 \
    share/bash-completion/completions/portreg-import share/bash-completion/completions/portreg-query \
    share/bash-completion/completions/portreg-serve \
    share/doc/portreg/README.md share/doc/portreg/LICENSE share/doc/portreg/docs/querying.md \
    lib/systemd/system/portreg-update.service lib/systemd/system/portreg-update.timer \
    lib/systemd/system/portreg-serve.service; do
    check "not installed: $file" installed "$file"
done
for example in "$src"/sql/examples/*.sql; do
    check "not installed: $(basename "$example")" installed "share/doc/portreg/examples/$(basename "$example")"
done
programs=$(cd "$prefix/bin" && echo *)
check "bin/ holds $programs, expected portreg-import portreg-query portreg-serve" \
    [ "$programs" = "portreg-import portreg-query portreg-serve" ]
for program in portreg-query portreg-serve; do
    check "the installed completion of $program is not contrib/bash-completion/portreg" \
        cmp -s "$src/contrib/bash-completion/portreg" "$prefix/share/bash-completion/completions/$program"
    check "man does not find the installed page of $program" \
        [ "$(MANPATH="$prefix/share/man" man -w "$program")" = "$prefix/share/man/man1/$program.1" ]
done

exec_start=$(grep '^ExecStart=' "$prefix/lib/systemd/system/portreg-update.service")
check "the installed service runs another portreg-import: $exec_start" \
    grep -q "^ExecStart=$prefix/bin/portreg-import --db " <<<"$exec_start"
check "the installed timer is not contrib/systemd's" \
    cmp -s "$src/contrib/systemd/portreg-update.timer" "$prefix/lib/systemd/system/portreg-update.timer"
exec_start=$(grep '^ExecStart=' "$prefix/lib/systemd/system/portreg-serve.service")
check "the installed portreg-serve.service runs another portreg-serve: $exec_start" \
    grep -q "^ExecStart=$prefix/bin/portreg-serve --db " <<<"$exec_start"
# Nothing but ExecStart differs from contrib/systemd's.
check "the installed portreg-serve.service differs from contrib/systemd's in more than ExecStart" \
    cmp -s <(grep -v '^ExecStart=' "$src/contrib/systemd/portreg-serve.service") \
    <(grep -v '^ExecStart=' "$prefix/lib/systemd/system/portreg-serve.service")

# The programs, run from the prefix.
for program in portreg-import portreg-query portreg-serve; do
    check "$prefix/bin/$program --version differs from the build's" \
        [ "$("$prefix/bin/$program" --version)" = "$("$bin/$program" --version)" ]
done
"$prefix/bin/portreg-import" -q --db small.db "$src/tests/data/small.xml" >/dev/null 2>&1
check "installed portreg-import: no release stored" [ "$(sqlite3 small.db "SELECT count(*) FROM release")" = 1 ]
answer=$("$prefix/bin/portreg-query" --db small.db port 79/tcp --format csv)
check "installed portreg-query port 79/tcp: '$answer'" grep -q '^finger,79,tcp,' <<<"$answer"

# The installed portreg-serve on a free loopback port, for a few seconds.
serve_in_background serve.log "$prefix/bin/portreg-serve" --db small.db --listen 127.0.0.1:0 -q
health=$(curl -s --max-time 5 "http://127.0.0.1:$port/healthz")
check "installed portreg-serve /healthz: '$health' ($(cat serve.log))" grep -q '"registry_date":"' <<<"$health"
kill "$server"
wait "$server"
stopped=$?
server=""
check "installed portreg-serve did not stop with 0 on SIGTERM" [ $stopped = 0 ]
finish
