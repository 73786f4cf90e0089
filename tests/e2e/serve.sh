#!/usr/bin/env bash
# portreg-serve over loopback: started and stopped here, on a port the
# kernel picks, every request bounded in time (curl --max-time) and count.
#
# usage: tests/e2e/serve.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"

releases newest 8 >/dev/null
"$bin/portreg-import" -q --db serve.db newest/xml >/dev/null 2>&1
check "eight releases imported" [ "$(sqlite3 serve.db 'SELECT count(*) FROM release')" = 8 ]

check "the server says where it listens" serve serve.db --sql

# status PATH EXPECTED [CURL OPTIONS...]: the status code of one request.
status() {
    local path=$1 want=$2
    shift 2
    local got
    got=$(curl -s -o body.txt -w '%{http_code}' --max-time 5 "$@" "$url$path")
    [ "$got" = "$want" ] && pass || fail "$* $path: status $got, expected $want ($(head -c 200 body.txt))"
}
status /healthz 200
status /port/443 200
status /port/443.json 200
status /port/4200-4299/udp.csv 200
status /service/https.json 200
status /snapshots.json 200
status /service/no-such-service.json 404
status "/person/ab%FFn.json" 404 # not UTF-8: nobody, not a failure
status /port/70000.json 400
status "/port/443.json?as_of=2025-02-30" 400
status /nothing-here 404
status /port/443 405 -X POST -d x
status /port/443 405 -X DELETE
status /port/443 400 -X GET -H 'Content-Length: 5' --data-binary 12345
status "/$(head -c 3000 /dev/zero | tr '\0' a)" 414
# A Range is ignored: the answer whole, never a part under status 200.
curl -s --max-time 5 -D ranged.head -o ranged.json -H "Range: bytes=0-9" "$url/port/443.json"
curl -s --max-time 5 -o whole.json "$url/port/443.json"
check "a Range gets the whole answer: $(head -n 1 ranged.head) $(wc -c <ranged.json) bytes" \
    cmp -s ranged.json whole.json
! grep -qi "^Content-Range" ranged.head && pass || fail "a Range got a Content-Range"

# The JSON twins say what portreg-query --format json says.
twin() {
    local path=$1
    shift
    # asked twice: the second answer is the one the server kept
    curl -s --max-time 5 "$url$path" >web.json
    curl -s --max-time 5 "$url$path" >kept.json
    "$bin/portreg-query" --db serve.db "$@" --format json >cli.json
    cmp -s web.json cli.json && cmp -s kept.json cli.json && pass ||
        fail "$path differs from portreg-query $*"
}
twin /port/443.json --page 1 port 443
twin /port/5432/tcp.json --page 1 port 5432/tcp
twin "/service/http*.json" --page 1 service 'http*'
twin /snapshots.json --page 1 snapshots
twin "/port/11434.json?as_of=2026-08-05" --page 1 --as-of 2026-08-05 port 11434
twin "/search.json?search=ftps" --page 1 search ftps
twin /person/Jon_Postel.json person Jon_Postel
twin "/free.json?range=47800-47900&transport=tcp" --page 1 free 47800-47900 --transport tcp
twin /diff.json diff
twin "/log.json?since=2026-08-01" --page 1 log --since 2026-08-01
status /search.json 400
twin "/sql.json?q=SELECT%20registry_date%2C%20sha256%20FROM%20release" sql "SELECT registry_date, sha256 FROM release"
status "/sql.json?q=DROP%20TABLE%20record" 400
# one statement, 1 s: a query without end is interrupted, and 1,000 rows at most
status "/sql.json?q=WITH%20RECURSIVE%20c(x)%20AS%20(SELECT%201%20UNION%20ALL%20SELECT%20x%2B1%20FROM%20c)%20SELECT%20count(*)%20FROM%20c" 400
check "1,000 rows at most" [ "$(curl -s --max-time 5 "$url/sql.csv?q=SELECT%20id%20FROM%20record" | wc -l)" = 1001 ]
status "/free.json?range=9-1" 400

# An ETag of the database's generation and the request: 304 while both are
# the same, and a new tag once a release is imported.
tag=$(curl -s -D - -o /dev/null --max-time 5 "$url/port/443.json" | tr -d '\r' | sed -n 's/^ETag: //Ip')
check "an ETag" [ -n "$tag" ]
status /port/443.json 304 -H "If-None-Match: $tag"
status /port/80.json 200 -H "If-None-Match: $tag"

# A page names its twins in a Link header.
curl -s -D headers.txt -o /dev/null --max-time 5 "$url/port/443?as_of=2026-08-05"
grep -qi '^Link: </port/443.json?as_of=2026-08-05>; rel="alternate"; type="application/json"' headers.txt &&
    pass || fail "no Link header to the JSON twin"

# Pages and answers are escaped and guarded.
curl -s -D headers.txt -o /dev/null --max-time 5 "$url/port/21"
grep -qi '^X-Content-Type-Options: nosniff' headers.txt && pass || fail "no nosniff header"
grep -qi "^Content-Security-Policy: default-src 'none'" headers.txt && pass || fail "no CSP header"
curl -s --max-time 5 "$url/port/21" >ftp.html
grep -q 'u=&lt;username&gt;' ftp.html && ! grep -q 'u=<username>' ftp.html && pass ||
    fail "the page does not escape u=<username>"

# The pages: IANA's search page with the registry's head, the release the
# as_of field chose named, 100 records a page; a subject's page with its
# history, each release linking to its change report; twins in the head.
status "/?search=ftps" 200
status / 200
status "/?page=0" 400
status "/?page=9999" 404
status "/?search=no-such-thing-anywhere" 404
status /port/443 200
status /port/4200-4299/udp 200
status /service/https 200
status /person/Jon_Postel 200
status "/diff?from=no-such-release" 400
status /diff 200
status /log 200
status /snapshots 200
status /free 200
status "/free?range=47800-47900&transport=tcp" 200
curl -s --max-time 5 "$url/?search=ftps&as_of=2026-08-06" >search.html
newest_by_then=$(sqlite3 serve.db "SELECT registry_date FROM release WHERE registry_date <= '2026-08-06' ORDER BY seq DESC LIMIT 1")
grep -q "as of release <strong>$newest_by_then</strong>" search.html && pass ||
    fail "the search page does not name the release as_of chose ($newest_by_then)"
for head in "Last Updated" "Expert(s)" "Reference" "Note"; do
    grep -q "<dt>$head</dt>" search.html && pass || fail "the search page lacks the registry's $head"
done
grep -q '<link rel="alternate" type="application/json" href="/search.json?as_of=2026-08-06&amp;search=ftps">' search.html &&
    pass || fail "the search page does not name its JSON twin in its head"
rows=$(grep -c '^<tr><td><a href="/service/' search.html)
cli_rows=$(("$(/usr/bin/env "$bin/portreg-query" --db serve.db --as-of 2026-08-06 search ftps --format csv | wc -l)" - 1))
check "the search page shows the search command's rows ($cli_rows)" [ "$rows" = "$cli_rows" ]
curl -s --max-time 5 "$url/?page=2" >page2.html
check "100 records a page" [ "$(grep -c '^<tr><td>' page2.html | head -1)" -ge 100 ]
grep -q 'Rows 101&ndash;200\|Rows 101–200' page2.html && pass || fail "page 2 does not say it shows rows 101-200"
curl -s --max-time 5 "$url/search.json?search=tcp&page=2" >page2.json
check "JSON pages: page, next and 100 results" python3 -c '
import json, sys
d = json.load(open("page2.json"))
sys.exit(not (d["page"] == 2 and d["next"] == 3 and len(d["results"]) == 100 and d["total"] > 300))'
curl -s --max-time 5 "$url/port/443" >port.html
grep -q '<h2>History</h2>' port.html && grep -q '<a href="/diff?to=[0-9a-f]\{8,64\}">' port.html && pass ||
    fail "the port page has no history linking to change reports"
curl -s --max-time 5 "$url/log" >log.html
check "the log links each release but the first to its diff" \
    [ "$(grep -o '<a href="/diff?to=' log.html | wc -l)" -ge 7 ]
# What a request says is escaped wherever a page shows it.
for path in "/?search=%3Cscript%3Ex" "/?search=x&as_of=%3Cscript%3E" "/port/%3Cscript%3E" \
    "/service/%3Cscript%3E" "/person/%3Cscript%3E" "/diff?from=%3Cscript%3E&to=%22%3E%3Cscript%3E" \
    "/free?range=%3Cscript%3E" "/log?since=%3Cscript%3E" "/snapshots?page=%3Cscript%3E"; do
    curl -s --max-time 5 "$url$path" >escaped.html
    ! grep -qi '<script' escaped.html && pass || fail "$path: <script> reaches the page unescaped"
done

# The access log: one line a request, from the socket's address.
grep -q '^127.0.0.1 - - \[.*\] "GET /healthz HTTP/1.1" 200 ' serve.log && pass ||
    fail "no access log line for /healthz"

# A second server on the same port is refused (cpp-httplib's SO_REUSEPORT
# would let it bind and take half of the clients).
timeout 5 "$bin/portreg-serve" --db serve.db --listen "127.0.0.1:$port" -q 2>second.err
check "a second server on port $port: exit $? ($(cat second.err))" \
    grep -qx "portreg-serve: cannot listen on 127.0.0.1:$port" second.err

# Hostile requests (hostile_requests.py), then the server still answers.
# ASan keeps freed memory in quarantine, TSan shadows it: under them RSS
# tells nothing of the server's own memory.
memory=""
ldd "$bin/portreg-serve" | grep -q 'libasan\|libtsan' && memory=--no-memory
check "hostile requests refused" python3 "$src/tests/e2e/hostile_requests.py" "$port" "$server" $memory
status /healthz 200

# A release imported while it serves: seen without a restart, and the tag
# of an unchanged question changes with the generation.
# It is imported during a stream of requests (300 at most, 5 s each at
# most): every one is answered, and the new release appears in the stream.
releases older 9 >/dev/null
(for _ in $(seq 300); do
    answer=$(curl -s --max-time 5 -w '\n%{http_code}' "$url/snapshots.json")
    echo "$(tail -n 1 <<<"$answer") $(grep -c registry_date <<<"$answer")"
done >stream.txt) &
stream=$!
for _ in $(seq 100); do [ "$(wc -l <stream.txt)" -ge 20 ] && break; sleep 0.05; done
"$bin/portreg-import" -q --db serve.db "older/xml/$(head -n 1 older.members | sed 's|.*/||')" >/dev/null 2>&1
check "nine releases" [ "$(sqlite3 serve.db 'SELECT count(*) FROM release')" = 9 ]
wait $stream
check "every request of the stream answered 200: $(sort stream.txt | uniq -c | tr '\n' ' ')" \
    [ "$(grep -vc '^200 ' stream.txt)" = 0 ]
check "the stream saw eight releases, then nine" \
    [ "$(head -n 1 stream.txt) $(tail -n 1 stream.txt)" = "200 8 200 9" ]
status /port/443.json 200 -H "If-None-Match: $tag"
check "the server sees the new release" [ "$(curl -s --max-time 5 "$url/snapshots.json" | grep -c registry_date)" = 9 ]

# SIGTERM stops it cleanly.
kill -TERM $server
for _ in $(seq 50); do kill -0 $server 2>/dev/null || break; sleep 0.1; done
if kill -0 $server 2>/dev/null; then fail "the server did not stop on SIGTERM"; else
    wait $server
    check "exit code 0 after SIGTERM" [ $? = 0 ]
fi
finish
