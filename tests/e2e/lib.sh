# Helpers of the end-to-end scripts: sourced, not run.
# Sets $bin, $src and a fresh working directory $work (the current one,
# removed at exit), and counts checks with pass/fail; `finish` prints the
# count line and sets the exit code. PORTREG_E2E_KEEP=DIR works in DIR
# instead and keeps it, to look at after a failure.
set -u
bin=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=${PORTREG_E2E_KEEP:-$(mktemp -d)}
# A server started with serve_in_background is killed at exit too.
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null
      [ -n "${PORTREG_E2E_KEEP:-}" ] || { chmod -R u+w "$work"; rm -rf "$work"; }' EXIT
# Never the files of the tests anywhere else (the source tree).
mkdir -p "$work" && cd "$work" || exit 2

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}
# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() {
    local what=$1
    shift
    if "$@"; then pass; else fail "$what"; fi
}
finish() {
    local name
    name=$(basename "$0" .sh)
    [ "$name" = run ] && name=e2e
    echo "$name: $passed passed, $failed failed"
    [ "$failed" = 0 ]
}

snapshots() { sqlite3 "$1" "SELECT seq, registry_date, sha256 FROM release ORDER BY seq"; }
integrity() { sqlite3 "$1" "PRAGMA integrity_check"; }

# releases DIR N [UNTIL]: extracts the last N XML releases of the bundled
# history (dated UNTIL or before, YYYY-MM-DD, when given) into DIR/xml/ and
# prints them one a line as the importer does ("2026-07-19 a2116bb2"), in
# import order.
releases() {
    mkdir -p "$1"
    tar -I zstd -tf "$src/data/iana-history.tar.zst" | grep '\.xml$' | sort |
        awk -v until="${3:-9999}" 'substr($0, 5, 10) <= until' | tail -n "$2" >"$1.members"
    # shellcheck disable=SC2046 # one member name a word
    tar -I zstd -xf "$src/data/iana-history.tar.zst" -C "$1" $(cat "$1.members")
    sed 's|.*/\([0-9-]\{10\}\)-\([0-9a-f]\{8\}\)\.xml$|\1 \2|' "$1.members"
}

# serve DB [OPTIONS...]: starts portreg-serve on DB, on a loopback port the
# kernel picks, its log in serve.log; sets $server, $port and $url (killed
# at exit, as serve_in_background's). Fails when it does not say where it
# listens within 5 s.
serve() {
    serve_in_background serve.log "$bin/portreg-serve" --db "$1" --listen 127.0.0.1:0 "${@:2}"
    url="http://127.0.0.1:$port"
    [ -n "$port" ]
}

# The releases of a database as the importer prints them, sorted (history
# order puts releases of one day in capture order, not name order);
# nothing when it has no schema yet (killed before it was committed).
stored() {
    [ "$(sqlite3 "$1" "SELECT count(*) FROM sqlite_schema WHERE name = 'release'")" = 1 ] || return 0
    sqlite3 "$1" "SELECT registry_date || ' ' || substr(sha256, 1, 8) FROM release" | sort
}
# first N FILE: the first N lines of FILE, sorted, to compare with `stored`.
first() { head -n "$1" "$2" | sort; }

# What a database holds, without row ids or order keys (which depend on the
# order of imports): the releases and every snapshot's records in order.
# Databases that answer every query alike print the same.
contents() {
    sqlite3 "$1" "SELECT * FROM release ORDER BY seq" | cut -d'|' -f2-6,10-
    sqlite3 "$1" 'SELECT sha256, "Service Name", "Port Number", "Transport Protocol",
                         "Description", "Assignee", "Contact", "Registration Date",
                         "Modification Date", "Reference", "Service Code",
                         "Unauthorized Use Reported", "Assignment Notes"
                  FROM snapshot_records ORDER BY seq, position' | sha256sum
}

# Releases whose record count differs from their snapshot's rows (a release
# stored in part): their ids, or nothing.
partial_releases() {
    sqlite3 "$1" "SELECT id FROM release r WHERE record_count !=
                    (SELECT count(*) FROM snapshot_records s WHERE s.release_id = r.id)"
}

# help_options PROGRAM [COMMAND]: the options its --help lists ("-q",
# "--quiet", "--db"), one a line.
help_options() {
    "$bin/$1" "${@:2}" --help | sed -n 's/^  \(-[A-Za-z]\)\?,\?\(--[a-z][a-z-]*\).*/\1 \2/p' | tr ' ' '\n' | grep .
}
# help_commands PROGRAM: the subcommands its --help lists, one a line.
help_commands() {
    "$bin/$1" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

# serve_in_background LOG COMMAND...: starts COMMAND, a portreg-serve
# listening on 127.0.0.1 port 0 (or a program that execs one), with its
# standard error in LOG; sets $server to its pid and $port to the port it
# says it listens on, or to nothing if it has not said so within 5 s.
serve_in_background() {
    local log=$1
    shift
    "$@" 2>"$log" &
    server=$!
    port=$("$src/tests/e2e/listening_port.sh" "$log")
}
