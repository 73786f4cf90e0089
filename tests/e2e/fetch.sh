#!/usr/bin/env bash
# portreg-import --fetch against a local HTTP server (http_server.py beside
# this script, on 127.0.0.1) serving releases of the bundled history:
# - a release is imported; fetched again, the request names its ETag and
#   Last-Modified, and the 304 adds nothing;
# - 500 twice and then 200 is retried to an import; redirects are followed,
#   gzip is decoded to the very bytes served; --save keeps them; a release
#   older than the newest stored one is stored, with a warning;
# - a body cut short, an HTML page, a redirect loop, a 404, a body over
#   64 MiB and a server that stalls each fail (exit 1), in bounded time,
#   leaving the database as it was;
# - --report text prints the change report that docs/querying.md shows, and
#   each format what portreg-query diff writes;
# - a server whose certificate no authority signed is refused;
# - --fetch with a PATH is a usage error.
#
# usage: tests/e2e/fetch.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"

# The releases served, by the role they play.
conditional=xml/2026-02-13-231b3730.xml
flaky=xml/2026-02-25-785b75b4.xml
redirected=xml/2026-02-26-ce8da0be.xml
gzipped=xml/2026-03-06-fc6c499e.xml
stale=xml/2025-10-29-629ee909.xml
report_base=(xml/2025-12-15-18b51f94.xml xml/2026-01-23-4dae06bc.xml)
reported=xml/2026-02-02-6a34aef6.xml
mkdir srv
tar -I zstd -xf "$src/data/iana-history.tar.zst" -C srv \
    "$conditional" "$flaky" "$redirected" "$gzipped" "$stale" "${report_base[@]}" "$reported"

# The servers, stopped at exit before lib.sh's own exit trap runs.
servers=()
eval "set -- $(trap -p EXIT)"
lib_exit=${3:-}
stop_servers() {
    [ ${#servers[@]} = 0 ] && return
    kill "${servers[@]}" 2>/dev/null
    wait "${servers[@]}" 2>/dev/null
}
trap 'stop_servers; eval "$lib_exit"' EXIT
# start_server PORT_FILE [CERT KEY]: a server of srv/ (HTTPS with CERT and
# KEY), its port in PORT_FILE; fails when it is not listening within 10 s.
start_server() {
    local port_file=$1
    shift
    python3 "$src/tests/e2e/http_server.py" srv "$port_file" requests.jsonl "$@" 2>>server.err &
    servers+=($!)
    for _ in $(seq 100); do
        [ -s "$port_file" ] && return 0
        sleep 0.1
    done
    return 1
}
if ! start_server port; then
    fail "the server did not start within 10 s: $(cat server.err)"
    finish
    exit
fi
base=http://127.0.0.1:$(cat port)
# A proxy of the machine's environment must not stand between the two.
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

# fetch DB ARGS...: portreg-import --fetch, bounded in time; its stdout in
# out.txt, its stderr in err.txt, its exit code in $rc, the milliseconds it
# took in $took.
fetch() {
    local db=$1 start
    shift
    start=$(date +%s%N)
    timeout -k 5 60 "$bin/portreg-import" --db "$db" --fetch "$@" >out.txt 2>err.txt
    rc=$?
    took=$((($(date +%s%N) - start) / 1000000))
}

# logged PATH FIELD: FIELD of each request the server logged for PATH, one
# a line: "time" (seconds), or a header's name in lower case ("-" when the
# request had no such header).
logged() {
    python3 -c '
import json, sys
path, field = sys.argv[1:]
for line in open("requests.jsonl"):
    request = json.loads(line)
    if request["path"] == path:
        print(request["time"] if field == "time" else request["headers"].get(field, "-"))
' "$1" "$2"
}
requests() { logged "$1" time | grep -c .; }

# The importer's "2026-02-13 231b3730" of a release file's name.
release_of() { basename "$1" .xml | sed 's/^\([0-9-]\{10\}\)-/\1 /'; }
fetch_state() { sqlite3 "$1" "SELECT * FROM fetch_state ORDER BY url"; }
field() { sqlite3 "$1" "SELECT $2 FROM fetch_state WHERE url = '$3'"; }

# imported WHAT DB FILE: the last fetch stored the release FILE in DB, one
# snapshot more than $count, and printed its import line.
imported() {
    local what=$1 db=$2 release
    release=$(release_of "$3")
    check "$what: exit code $rc, expected 0: $(head -n 1 err.txt)" [ "$rc" = 0 ]
    check "$what: no import line of $release on stdout: $(head -n 1 out.txt)" \
        grep -q "^$release [0-9]* records .*: " out.txt
    check "$what: $release is not stored" grep -qx "$release" <(stored "$db")
    check "$what: not one snapshot more than the $count before" [ "$(snapshots "$db" | grep -c .)" = $((count + 1)) ]
    count=$(snapshots "$db" | grep -c .)
}

# refused WHAT DB PATH ARGS...: fetching $base/PATH fails with exit code 1
# and the URL on stderr, and leaves the database as it was, intact.
refused() {
    local what=$1 db=$2 url=$base/$3 before state
    shift 3
    before=$(snapshots "$db")
    state=$(fetch_state "$db")
    fetch "$db" "$url" "$@"
    check "$what: exit code $rc, expected 1: $(head -n 1 err.txt)" [ "$rc" = 1 ]
    check "$what: no line 'portreg-import: $url: ...' on stderr: $(head -n 1 err.txt)" \
        grep -qF "portreg-import: $url: " err.txt
    check "$what: the snapshots changed" [ "$(snapshots "$db")" = "$before" ]
    check "$what: fetch_state changed" [ "$(fetch_state "$db")" = "$state" ]
    check "$what: integrity_check" [ "$(integrity "$db")" = ok ]
}

# The validators the server derives from a file: the ETag is the first 16
# hex digits of its sha256, quoted; Last-Modified its modification time.
sha256_of() { sha256sum "srv/$1" | cut -c1-64; }
etag_of() { echo "\"$(sha256_of "$1" | cut -c1-16)\""; }

# The User-Agent names portreg and its version, as --version prints it.
user_agent="portreg/$("$bin/portreg-import" --version | sed 's/^portreg-import //')"

# A release, imported.
url=$base/release/$conditional
sha=$(sha256_of "$conditional")
etag=$(etag_of "$conditional")
last_modified=$(LC_ALL=C date -u -r "srv/$conditional" '+%a, %d %b %Y %H:%M:%S GMT')
count=0
fetch f.db "$url"
imported "200" f.db "$conditional"
check "200: fetch_state.etag is $(field f.db etag "$url"), expected $etag" [ "$(field f.db etag "$url")" = "$etag" ]
check "200: fetch_state.last_modified is $(field f.db last_modified "$url")" \
    [ "$(field f.db last_modified "$url")" = "$last_modified" ]
check "200: fetch_state.sha256 is not the file's" [ "$(field f.db sha256 "$url")" = "$sha" ]
agent=$(logged "/release/$conditional" user-agent | head -n 1)
check "200: User-Agent '$agent', expected '$user_agent'" [ "$agent" = "$user_agent" ]
check "200: no Accept-Encoding sent" [ "$(logged "/release/$conditional" accept-encoding | head -n 1)" != - ]

# Again: a conditional request, answered 304; nothing added.
before=$(snapshots f.db)
checked=$(field f.db checked_at "$url")
sleep 1.1 # checked_at is the time of the answer, in seconds at least
fetch f.db "$url"
check "304: exit code $rc, expected 0: $(head -n 1 err.txt)" [ "$rc" = 0 ]
# The release the validators are of, as the import line names it, and the
# Last-Modified the server sent.
named=$(basename "$conditional" .xml)
expected="${named:0:10} ${named:11:8}: not modified since $last_modified"
check "304: stdout is '$(cat out.txt)', expected '$expected'" [ "$(cat out.txt)" = "$expected" ]
check "304: the snapshots changed" [ "$(snapshots f.db)" = "$before" ]
check "304: two requests expected, $(requests "/release/$conditional") logged" [ "$(requests "/release/$conditional")" = 2 ]
sent=$(logged "/release/$conditional" if-none-match | tail -n 1)
check "304: If-None-Match '$sent', expected $etag" [ "$sent" = "$etag" ]
sent=$(logged "/release/$conditional" if-modified-since | tail -n 1)
check "304: If-Modified-Since '$sent', expected $last_modified" [ "$sent" = "$last_modified" ]
agent=$(logged "/release/$conditional" user-agent | tail -n 1)
check "304: User-Agent '$agent', expected '$user_agent'" [ "$agent" = "$user_agent" ]
check "304: fetch_state.checked_at did not move on from $checked" [ "$(field f.db checked_at "$url")" \> "$checked" ]
check "304: fetch_state.etag changed" [ "$(field f.db etag "$url")" = "$etag" ]

# 500, 500, 200: retried, after about 1 s and 2 s.
fetch f.db "$base/flaky/$flaky"
imported "500 twice" f.db "$flaky"
check "500 twice: 3 requests expected, $(requests "/flaky/$flaky") logged" [ "$(requests "/flaky/$flaky")" = 3 ]
spread=$(logged "/flaky/$flaky" time | awk 'NR == 1 { first = $1 } { last = $1 } END { printf "%.1f", last - first }')
check "500 twice: $spread s from the first request to the last, expected about 3 (1 s, then 2 s)" \
    awk -v s="$spread" 'BEGIN { exit !(s >= 2.5) }'

# A redirect to a release.
fetch f.db "$base/redirect/$redirected"
imported "redirect" f.db "$redirected"
check "redirect: the release it names was not asked for" [ "$(requests "/release/$redirected")" = 1 ]
check "redirect: a stale-mirror warning for the newest release" [ "$(grep -c 'stale mirror' err.txt)" = 0 ]

# gzip: the stored and saved release are the bytes of the plain file.
fetch f.db "$base/gzip/$gzipped" --save saved
imported "gzip" f.db "$gzipped"
check "gzip: Accept-Encoding '$(logged "/gzip/$gzipped" accept-encoding)' does not allow gzip, nothing was encoded" \
    grep -q gzip <(logged "/gzip/$gzipped" accept-encoding)
hash8=$(release_of "$gzipped" | cut -d' ' -f2)
stored_sha=$(sqlite3 f.db "SELECT sha256 FROM release WHERE substr(sha256, 1, 8) = '$hash8'")
check "gzip: stored sha256 '$stored_sha' is not the plain file's" [ "$stored_sha" = "$(sha256_of "$gzipped")" ]
saved=$(find saved -type f -printf '%P\n' 2>/dev/null)
check "--save: saved/ holds '$saved', expected $(basename "$gzipped")" [ "$saved" = "$(basename "$gzipped")" ]
check "--save: the saved file differs from the one served" cmp -s "saved/$(basename "$gzipped")" "srv/$gzipped"

# A release older than the newest stored: a stale mirror, stored anyway.
fetch f.db "$base/release/$stale"
imported "stale mirror" f.db "$stale"
check "stale mirror: no warning on stderr: $(head -n 1 err.txt)" grep -q 'stale mirror' err.txt

# What is refused.
refused "body cut short" f.db "truncated/$reported"
refused "HTML with 200" f.db html
check "HTML with 200: one request expected, $(requests /html) logged" [ "$(requests /html)" = 1 ]
refused "redirect loop" f.db loop/0
hops=$(($(requests /loop/0) + $(requests /loop/1)))
check "redirect loop: $hops requests, expected 6 a try (5 redirects followed), at most 3 tries" \
    [ "$hops" -ge 6 -a "$hops" -le 18 ]
refused "404" f.db missing.xml
check "404: one request expected, $(requests /missing.xml) logged" [ "$(requests /missing.xml)" = 1 ]
# Refused at its Content-Length: the server sends 64 KiB and then waits,
# so reading on would last until the --timeout.
refused "Content-Length over 64 MiB" f.db huge --timeout 10
check "Content-Length over 64 MiB: took $took ms, not refused before the body" [ "$took" -lt 8000 ]
refused "over 64 MiB without Content-Length" f.db huge-unsized
for path in stall "stall-body/$reported"; do
    refused "stalling at $path" f.db "$path" --timeout 2
    check "stalling at $path: took $took ms, expected under 30 s" [ "$took" -lt 30000 ]
    check "stalling at $path: $(requests "/$path") requests, expected 1 to 3" \
        [ "$(requests "/$path")" -ge 1 -a "$(requests "/$path")" -le 3 ]
done

# A URL and a PATH: a usage error, before any request.
before=$(snapshots f.db)
logged_before=$(grep -c . requests.jsonl)
fetch f.db "$base/release/$reported" "srv/$reported"
check "--fetch and a PATH: exit code $rc, expected 2" [ "$rc" = 2 ]
check "--fetch and a PATH: a request was sent" [ "$(grep -c . requests.jsonl)" = "$logged_before" ]
check "--fetch and a PATH: the snapshots changed" [ "$(snapshots f.db)" = "$before" ]

# --report text: the report docs/querying.md shows, of the release fetched
# against the one before it; the import line on stderr.
sed -n '/^\$ portreg-query diff 2026-01-31 6a34aef6 --format text$/,/^```$/p' "$src/docs/querying.md" |
    sed '1d;$d' >report.expected
check "docs/querying.md: the report of 6a34aef6 was not found" [ "$(grep -c . report.expected)" -ge 2 ]
"$bin/portreg-import" -q --db r.db "${report_base[@]/#/srv/}" >/dev/null 2>&1
check "--report: the releases before were not imported" [ "$(snapshots r.db | grep -c .)" = 2 ]
fetch r.db "$base/release/$reported" --report text
check "--report text: exit code $rc, expected 0: $(head -n 1 err.txt)" [ "$rc" = 0 ]
check "--report text: stdout differs from docs/querying.md's report" diff -u report.expected out.txt
check "--report text: no import line on stderr: $(head -n 1 err.txt)" \
    grep -q '^2026-02-02 6a34aef6 .*: 4 added, 1 removed, 0 changed since 2026-01-23 4dae06bc$' err.txt
before=$(snapshots r.db)
# -q with --report: no import line either, so that cron, which mails
# standard error too, has nothing to mail.
fetch r.db "$base/release/$reported" --report text -q
check "--report text -q, 304: stderr is not empty: $(head -n 1 err.txt)" [ ! -s err.txt ]
check "--report text, 304: exit code $rc, expected 0: $(head -n 1 err.txt)" [ "$rc" = 0 ]
check "--report text, 304: stdout is not empty: $(head -n 1 out.txt)" [ ! -s out.txt ]
check "--report text, 304: the request was not conditional" \
    [ "$(logged "/release/$reported" if-none-match | tail -n 1)" = "$(etag_of "$reported")" ]
check "--report text, 304: the snapshots changed" [ "$(snapshots r.db)" = "$before" ]

# --report with files: each format is what portreg-query diff writes of the
# release added against the one before it; a run adding nothing writes none.
for format in markdown html json; do
    "$bin/portreg-import" -q --db "r-$format.db" "${report_base[@]/#/srv/}" >/dev/null 2>&1
    "$bin/portreg-import" -q --db "r-$format.db" --report "$format" "srv/$reported" \
        >"report.$format" 2>err.txt
    "$bin/portreg-query" --db "r-$format.db" --format "$format" diff >"diff.$format"
    check "--report $format: differs from portreg-query diff" cmp -s "report.$format" "diff.$format"
    check "--report $format: empty" [ -s "report.$format" ]
    "$bin/portreg-import" -q --db "r-$format.db" --report "$format" "srv/$reported" \
        >"again.$format" 2>err.txt
    check "--report $format, already present: stdout is not empty" [ ! -s "again.$format" ]
done

# TLS is verified: a server whose certificate no authority signed is
# refused, before a request is sent.
openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
if start_server tls.port tls.crt tls.key; then
    plain=$base
    base=https://127.0.0.1:$(cat tls.port)
    refused "self-signed certificate" f.db "release/$conditional"
    check "self-signed certificate: the error does not name the certificate: $(head -n 1 err.txt)" \
        grep -qi certificate err.txt
    base=$plain
else
    fail "the HTTPS server did not start within 10 s: $(cat server.err)"
fi

finish
