#!/usr/bin/env bash
# End-to-end tests of portreg-import: runs the binary on the test data and
# the bundled history, compares what it prints with expected/*.txt, and
# checks that rejected input leaves the database as it was.
#
# usage: tests/e2e/run.sh BIN_DIR SOURCE_DIR   (run by CTest)
# PORTREG_E2E_WRITE=1 rewrites the expected files from what the binary
# prints: read the diff before committing it.
. "$(dirname "$0")/lib.sh"
expected="$src/tests/e2e/expected"
ln -s "$src/tests/data" in
ln -s "$src/data" data

# run NAME EXPECTED_EXIT COMMAND...: runs COMMAND, compares its stdout and
# stderr (in that order) with expected/NAME.txt.
run() {
    local name=$1 want=$2
    shift 2
    "$@" >out.txt 2>err.txt
    local rc=$?
    cat out.txt err.txt >got.txt
    if [ "$rc" != "$want" ]; then
        fail "$name: exit code $rc, expected $want"
        cat got.txt
    elif [ -n "${PORTREG_E2E_WRITE:-}" ]; then
        cp got.txt "$expected/$name.txt"
        pass
    elif ! diff -u "$expected/$name.txt" got.txt; then
        fail "$name: output differs from expected/$name.txt"
    else
        pass
    fi
}


import() { "$bin/portreg-import" -q "$@"; }

# One release, again, the next one, from stdin.
run import-small 0 import --db one.db in/small.xml
run import-small-again 0 import --db one.db in/small.xml
run import-next-stdin 0 sh -c "'$bin/portreg-import' -q --db one.db - < in/small-next.xml"
[ "$(sqlite3 one.db "SELECT source FROM release WHERE registry_date = '2026-08-20'")" = "-" ] &&
    pass || fail "stdin release should record its source as -"
# Both in one run: the second release's warning repeats the first's, so it
# is not shown, and the run ends with the count of both.
run import-repeated-warning 0 import --db two.db in/small.xml in/small-next.xml

# The same bytes compressed, in a tar, and in a directory: already present.
gzip -c in/small.xml >small.xml.gz
xz -c in/small.xml >small.xml.xz
zstd -q -c in/small.xml >small.xml.zst
mkdir -p tree/sub && cp in/small-next.xml tree/sub/ && cp in/small.xml tree/ && echo notes >tree/README
tar -cf both.tar -C tree small.xml sub/small-next.xml
tar -czf both.tar.gz -C tree small.xml sub/small-next.xml
run import-compressed 0 import --db one.db small.xml.gz small.xml.xz small.xml.zst both.tar both.tar.gz
run import-directory 0 import --db one.db tree
[ "$(sqlite3 one.db "SELECT count(*) FROM release")" = 2 ] && pass || fail "expected 2 releases"

# Every bad input: a clear error, exit 1, nothing stored, database intact.
before=$(snapshots one.db)
for f in "$src"/tests/data/bad/*; do
    file=$(basename "$f")
    name=${file%.*}
    run "bad-$name" 1 import --db one.db "in/bad/$file"
    [ "$(snapshots one.db)" = "$before" ] && pass || fail "bad-$name changed the snapshots"
    [ "$(integrity one.db)" = ok ] && pass || fail "bad-$name: integrity check failed"
done
# A release with a 100 MB description, alone and as an archive member: over
# the 64 MiB input limit, refused before it is parsed or held in memory.
python3 -c "
import sys
xml = open('in/small.xml').read().replace('<description>Finger</description>',
                                          '<description>' + 'finger ' * 15_000_000 + '</description>')
open('big-description.xml', 'w').write(xml)"
mkdir -p big/xml && mv big-description.xml big/xml/ && tar -cf big.tar -C big xml/big-description.xml
run bad-big-description 1 import --db one.db big/xml/big-description.xml
run bad-big-description-member 1 import --db one.db big.tar
[ "$(snapshots one.db)" = "$before" ] && pass || fail "bad-big-description changed the snapshots"
[ "$(integrity one.db)" = ok ] && pass || fail "bad-big-description: integrity check failed"
rm -rf big big.tar
# A bad release among good ones: the others still import.
cp one.db mixed.db
run bad-among-good 1 import --db mixed.db in/bad/port-out-of-range.xml in/small.xml

# CSV: its date inferred or given; beside its XML twin, no new record versions.
run csv-inferred-date 0 import --db csv1.db in/small.csv
run csv-given-date 0 import --db csv2.db --date 2026-08-17 in/small.xml in/small.csv
[ "$(sqlite3 csv2.db "SELECT group_concat(format, ' ') FROM (SELECT format FROM release ORDER BY seq)")" = "csv xml" ] &&
    pass || fail "csv: of one date, the CSV orders before the XML"
[ "$(sqlite3 csv2.db "SELECT count(*) FROM record")" = 9 ] && pass || fail "csv: its twin's records are reused"
run usage-bad-date 2 "$bin/portreg-import" --db csv.db --date 2025-13-40 in/small.csv

# The bundled history: 678 releases and the one broken release, in one run;
# then again, adding nothing.
history() {
    local name=$1
    "$bin/portreg-import" -q --db history.db data/iana-history.tar.zst >out.txt 2>err.txt
    local rc=$?
    [ "$rc" = 1 ] && pass || fail "$name: exit code $rc, expected 1"
    [ "$(wc -l <out.txt)" = 678 ] && pass || fail "$name: expected 678 release lines"
    { tail -n 3 out.txt; grep -v '(warning)$' err.txt; } >got.txt
    if [ -n "${PORTREG_E2E_WRITE:-}" ]; then cp got.txt "$expected/$name.txt"; fi
    diff -u "$expected/$name.txt" got.txt && pass || fail "$name: output differs from expected/$name.txt"
}
history history
[ "$(sqlite3 history.db "SELECT count(*) FROM release")" = 678 ] && pass || fail "history: expected 678 snapshots"
grep -q '^2015-05-04 400593f4 .*: first release in history$' out.txt && pass || fail "history: first release line"
[ "$(grep -c 'already present' out.txt)" = 0 ] && pass || fail "history: nothing was there before"
before=$(snapshots history.db)
counts=$(sqlite3 history.db "SELECT (SELECT count(*) FROM record), (SELECT count(*) FROM person), (SELECT count(*) FROM span)")
history history-again
[ "$(grep -c 'already present' out.txt)" = 678 ] && pass || fail "history-again: all 678 already present"
[ "$(snapshots history.db)" = "$before" ] && pass || fail "history-again changed the snapshots"
[ "$(sqlite3 history.db "SELECT (SELECT count(*) FROM record), (SELECT count(*) FROM person), (SELECT count(*) FROM span)")" = "$counts" ] &&
    pass || fail "history-again stored something"
[ "$(integrity history.db)" = ok ] && pass || fail "history: integrity check failed"

# A new release after the history, as a daily import adds one: read with the
# index of the newest release that the history import kept. It is the newest
# release with a comment added before its date, which names another date:
# portreg-import reads it while it hashes it (no stored release has that
# date), and the second time finds it stored only then.
cp history.db daily.db
# (With the fast path off, PORTREG_NO_INDEX=1, no index is kept: the same
# lines follow, every release read whole.)
if [ -n "${PORTREG_NO_INDEX:-}" ] && [ "$PORTREG_NO_INDEX" != 0 ]; then
    [ "$(sqlite3 daily.db "SELECT count(*) FROM newest_index")" = 0 ] && pass || fail "history: an index kept with the fast path off"
else
    [ "$(sqlite3 daily.db "SELECT count(*) > 1 FROM newest_index")" = 1 ] && pass || fail "history: no index kept"
fi
tar --zstd -xOf data/iana-history.tar.zst xml/2026-08-17-4bbf00ef.xml |
    sed '0,/<updated>/s//<!-- <updated>1999-01-01<\/updated> --><updated>/' >daily.xml
run import-daily 0 import --db daily.db daily.xml
run import-daily-again 0 import --db daily.db daily.xml
[ "$(integrity daily.db)" = ok ] && pass || fail "import-daily: integrity check failed"

# A CSV after IANA's CSV of the day before (one row differs), each by a
# portreg-import of its own: the second is read with the index the first
# kept, and is stored as the same CSV imported alone reads.
csv=in/csv/service-names-port-numbers-2026-02-13.csv
sed '0,/TCP Port Service Multiplexer,/s//TCP Port Service Multiplexer (old),/' "$csv" >day-before.csv
run import-csv-day-before 0 import --db csvdaily.db --date 2026-02-12 day-before.csv
run import-csv-daily 0 import --db csvdaily.db --date 2026-02-13 "$csv"
import --db csvalone.db --date 2026-02-13 "$csv" >/dev/null
"$bin/portreg-query" --db csvdaily.db export >daily-export.csv
"$bin/portreg-query" --db csvalone.db export >alone-export.csv
cmp -s daily-export.csv alone-export.csv && pass || fail "import-csv-daily: not stored as read alone"
[ "$(integrity csvdaily.db)" = ok ] && pass || fail "import-csv-daily: integrity check failed"

# portreg-query on the history.
query() { COLUMNS=80 "$bin/portreg-query" --db history.db "$@"; }
run query-port-443 0 query port 443
run query-port-range-udp 0 query port 4200-4299/udp --format json
run query-service-glob-table 0 query service 'HTTP*' --format text
[ "$(query service 'HTTP*' --format table)" = "$(query service 'HTTP*' --format text)" ] && pass ||
    fail "query: --format table is not another name for text"
run query-search-ftps 0 query search ftps --as-of 2025-09-29 --format text
run query-person 0 query person Jon_Postel --format jsonl
run query-search-fts 0 query search --fts 'whois++' --format text
run query-free 0 query free 47800-47820
run query-snapshot-hash 0 query --snapshot 4bbf00ef port 11434/tcp
run query-as-of 0 query port 11434/tcp --as-of 2026-01-31
run query-log 0 query log --since 2026-01-01 --format text
# Numbers as IANA writes them: 4748-4748 is found and shown so.
run query-search-range-of-one 0 query search 4748-4748
# Change reports of the releases the issue names, as text and Markdown:
# ollama out of an Unassigned range, sirius-agent, the first 2026-03-27
# (udpstp edited, s2connect name-only) and the second (roughtime).
for fmt in text markdown; do
    run query-diff-ollama-$fmt 0 query diff 2026-01-31 6a34aef6 --format $fmt
    run query-diff-sirius-$fmt 0 query --snapshot 43d65fb2 diff --format $fmt
    run query-diff-udpstp-$fmt 0 query --snapshot 1ac547d1 diff --format $fmt
    run query-diff-roughtime-$fmt 0 query diff 1ac547d1 05dcb607 --format $fmt
done
# Each changed column, person field and piece of the registry, old -> new
# and whole into a pipe: aritts's contact, Aristech_GmbH's URI, note 1's
# wording (2022-02-22); epp's five columns (2026-07-23).
for fmt in text markdown; do
    run query-diff-changed-$fmt 0 query --snapshot 11925030 diff --format $fmt
    run query-diff-epp-$fmt 0 query --snapshot b2fb1a02 diff --format $fmt
done
# A rename: the new name and the old apart (dots -> dots-signal, 2020-01-17);
# a name without a port: its transport, no port (s2connect, 2026-03-27).
for fmt in csv json; do
    run query-diff-rename-$fmt 0 query --snapshot 6642b9a9 diff --format $fmt
    run query-diff-no-port-$fmt 0 query --snapshot 1ac547d1 diff --format $fmt
done
run query-diff-self 1 query diff 2026-08-17 4bbf00ef --format text
run query-diff-backwards 2 query diff 2026-08-17 2026-01-01
run query-diff-unknown-date 2 query diff 2010-01-01 2026-08-17
run query-diff-unknown-hash 2 query diff abcdef12 2026-08-17
run query-history-port 0 query history port 11434/tcp --format text
run query-history-service 0 query history service roughtime --format text
run query-history-person 0 query history person Jesse_Gross --format text
# What port and service take: a range (records overlapping it), a
# transport in any case, a pattern; a name without a port; changed fields.
run query-history-range 0 query history port 4200-4299 --format text
run query-history-range-events 0 query history port 5315-5320 --format text
run query-history-transport-case 0 query history port 80/TCP --format text
run query-history-service-glob 0 query history service 'roughtime*' --format text
run query-history-no-port 0 query history service 's2conn?ct' --format markdown
run query-history-fields 0 query history port 700/udp --format csv
query log --since 2026-01-01 --format html >log.html
grep -q '<svg role="img" aria-label="record changes per release"' log.html && grep -q '<polyline' log.html &&
    pass || fail "log --format html: no charts"
# An XML release and its CSV twin: no record changes (exit 1: nothing to report).
cp history.db twin.db
"$bin/portreg-import" -q --db twin.db --date 2026-02-13 in/csv/service-names-port-numbers-2026-02-13.csv >/dev/null
run query-diff-csv-twin 1 "$bin/portreg-query" --db twin.db diff 361899a7 231b3730 --format text
"$bin/portreg-import" -q --db empty.db in/bad/empty.xml 2>/dev/null
run query-diff-empty-db 2 "$bin/portreg-query" --db empty.db diff
run query-log-bad-range 2 query log --since 2026-08-01 --until 2026-01-01
run query-nothing 1 query service no-such-service
run query-port-out-of-range 2 query port 70000
run query-port-not-a-number 2 query port abc
run query-bad-date 2 query --as-of 2025-13-40 port 80
run query-unknown-snapshot 2 query --snapshot deadbeef port 80
# port_status: every row without a name has a documented status.
run query-port-status 0 query sql "SELECT status, count(*) AS rows FROM port_status GROUP BY status ORDER BY status"
run query-port-status-rare 0 query sql "SELECT status, port_low, transport, description FROM port_status WHERE status NOT IN ('assigned', 'reserved') AND description <> 'Unassigned' ORDER BY status, port_low, transport"
run query-injection 1 query service "x' OR '1'='1"
run query-sql-write 2 query sql "DROP TABLE record"
[ "$(sqlite3 history.db "SELECT count(*) FROM record")" -gt 0 ] && pass || fail "query: the database lost its records"
run query-missing-db 2 "$bin/portreg-query" --db missing.db port 80
[ ! -e missing.db ] && pass || fail "query: a missing database must not be created"

# A services(5) file against the registry: one row per entry that
# disagrees, a summary on standard error, exit 1. tests/data/services/small
# has one entry for each verdict. Debian 12's /etc/services is checked in
# place, once it is known to be the file netbase 6.4 ships, unchanged (the
# md5 dpkg keeps of the conffile).
netbase_md5=$(dpkg-query -W -f='${Conffiles}' netbase 2>/dev/null | awk '$1 == "/etc/services" { print $2 }')
if [ "$(dpkg-query -W -f='${Version}' netbase 2>/dev/null)" = 6.4 ] &&
    [ "$(md5sum </etc/services | cut -d' ' -f1)" = "$netbase_md5" ]; then
    pass
else
    fail "check-services: /etc/services is not netbase 6.4's, unchanged (scripts/install-deps.sh installs it)"
fi
run query-check-services-small 1 query check-services in/services/small --as-of 2026-08-17
run query-check-services-small-table 1 query check-services in/services/small --as-of 2026-08-17 --format text
run query-check-services-small-json 1 query check-services in/services/small --as-of 2026-08-17 --format json
run query-check-services-netbase 1 query check-services /etc/services --as-of 2026-08-17
run query-check-services-no-file 2 query check-services in/services/none
# --missing: the registry's named ports the file lacks (the first rows and
# their count; the command's exit code).
run query-check-services-missing 1 sh -c "COLUMNS=80 '$bin/portreg-query' --db history.db --as-of 2026-08-17 \
    check-services --missing --format csv /etc/services >missing.csv; rc=\$?
    head -n 6 missing.csv; wc -l <missing.csv; exit \$rc"
# The registry's own services(5) export agrees with it, and lacks nothing.
query export --format services >registry.services
run query-check-services-export 0 query check-services registry.services
run query-check-services-export-missing 0 sh -c "'$bin/portreg-query' --db history.db check-services --missing - <registry.services"

# Mistakes and questions past the data: one line each, saying what there is.
run query-unknown-command 2 query prot 443
run query-unknown-command-far 2 query xyz
run query-no-such-day 2 query --as-of 2025-02-30 port 80
run query-as-of-before-history 2 query --as-of 2014-01-01 port 80
run query-person-unknown 1 query person Nobody_Here
run query-person-nearest 1 query person jon_postle
run query-service-nearest 1 query service postgress --format text
run query-diff-after-newest 1 query diff 2026-08-30
run query-log-after-newest 1 query log --since 2026-08-30
# Transports ignore case, as service names do.
[ "$(query port 80/TCP)" = "$(query port 80/tcp)" ] && pass || fail "query: port 80/TCP is not port 80/tcp"
# Days counted back from today answer as the date they name.
# (Within the history, so that another day gives another report.)
for back in "400 days ago:400d" "60 weeks ago:60w" "today:today"; do
    day=$(date -d "${back%%:*}" +%F)
    [ "$(query diff "${back#*:}" --format json 2>&1)" = "$(query diff "$day" --format json 2>&1)" ] &&
        pass || fail "query: diff ${back#*:} is not diff $day"
done

# The staleness note: on a terminal, after an answer about the newest
# snapshot of a database last brought up to date more than 30 days ago;
# never into a pipe, never with --as-of or --snapshot, and not after a
# recent fetch. on_terminal runs a command with its standard output and
# error on a pseudo-terminal (script(1)), its lines here without the CRs.
on_terminal() {
    script -qec "$(printf '%q ' "$@")" /dev/null </dev/null >pty.txt
    local rc=$?
    tr -d '\r' <pty.txt
    return $rc
}
cp one.db stale.db
sqlite3 stale.db "UPDATE release SET imported_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-105 days')"
stale() { on_terminal env COLUMNS=80 "$bin/portreg-query" --db stale.db "$@"; }
run query-stale-terminal 0 stale port 79
run query-stale-piped 0 "$bin/portreg-query" --db stale.db port 79
run query-stale-as-of 0 stale port 79 --as-of 2026-08-20
run query-stale-snapshot 0 stale port 79 --snapshot 91e5d605
sqlite3 stale.db "INSERT INTO fetch_state(url, checked_at)
                  VALUES ('https://x.test/', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days'))"
run query-stale-fetched 0 stale port 79
# On a terminal, changed values are fitted to its width, each showing where
# old and new differ (note 1 of 2022-02-22, in its middle).
run query-diff-terminal 0 on_terminal env COLUMNS=80 "$bin/portreg-query" --db history.db \
    --snapshot 11925030 diff --format text
run query-history-terminal 0 on_terminal env COLUMNS=100 "$bin/portreg-query" --db history.db \
    history port 700/udp

# The owner on a terminal: assignee and contact beside each record, the
# people they name below, ids and URIs whole however narrow the terminal
# (nvme's table needs 72 columns: below that, lines are longer).
owner() { on_terminal env COLUMNS="$1" "$bin/portreg-query" --db history.db "${@:2}"; }
run query-owner-80 0 owner 80 port 443
run query-owner-60 0 owner 60 search nvme
run query-owner-120 0 owner 120 service 'ftps*'
for width in 72 80 120; do
    owner $width search nvme | sed '/^$/q' >owner.txt
    python3 -c "import sys; sys.exit(max(len(l.rstrip('\n')) for l in open('owner.txt')) > $width)" &&
        pass ||
        fail "query: the table of records is wider than the terminal's $width columns"
    grep -q '\[NVM_Express_Inc\]  \[Amber_Huffman\]' owner.txt && pass ||
        fail "query: ids cut or wrapped at $width columns"
done
# --columns: any of IANA's 12 columns, by any of its names, in every format.
run query-columns-csv 0 query port 443 --columns service,port,transport,assignee,contact
run query-columns-json 0 query port 5432/tcp --columns port,reg,modified --format json
run query-columns-table 0 query log --since 2026-08-01 --columns date,added --format text
run query-columns-markdown 0 query service nvme --columns 'Service Name,Port Number,Contact' --format markdown
run query-columns-unknown 2 query port 443 --columns owner
run query-columns-diff 0 query diff 2026-07-22 --columns event,service,old_service,detail
run query-columns-history 0 query history port 11434/tcp --columns date,event,service --format text

# portreg-import --remove. IANA's CSV of 2026-02-13 imported with a wrong
# date, between two releases of 2020, and removed by its hash: the releases,
# versions and spans are as before, and so are the snapshots beside it. The
# newest release removed by its id and imported again: the same. Then an
# unknown release, a hash start that fits two releases, and --remove with a
# PATH.
cp history.db removed.db
versions() {
    sqlite3 "$1" "SELECT (SELECT count(*) FROM record), (SELECT count(*) FROM person),
                         (SELECT count(*) FROM span), (SELECT count(*) FROM registry_meta)"
}
run remove-csv-import 0 import --db removed.db --date 2020-01-09 in/csv/service-names-port-numbers-2026-02-13.csv
run remove-by-hash 0 import --db removed.db --remove 361899A7
[ "$(snapshots removed.db)" = "$(snapshots history.db)" ] && pass || fail "remove-by-hash: the snapshots differ"
[ "$(versions removed.db)" = "$(versions history.db)" ] && pass || fail "remove-by-hash: versions or spans left"
for around in 5912e8e2 bcc0e3d4; do
    "$bin/portreg-query" --db removed.db --snapshot $around export >removed-export.csv
    "$bin/portreg-query" --db history.db --snapshot $around export >history-export.csv
    cmp -s removed-export.csv history-export.csv && pass || fail "remove-by-hash: snapshot $around differs"
done
tar --zstd -xOf data/iana-history.tar.zst xml/2026-08-17-4bbf00ef.xml >newest.xml
run remove-by-id 0 import --db removed.db --remove 678
run remove-reimport 0 import --db removed.db newest.xml
[ "$(snapshots removed.db)" = "$(snapshots history.db)" ] && pass || fail "remove-by-id: the snapshots differ"
[ "$(versions removed.db)" = "$(versions history.db)" ] && pass || fail "remove-by-id: versions or spans differ"
run remove-unknown 1 import --db removed.db --remove 361899a7
run remove-ambiguous 2 import --db removed.db --remove 1c04
run remove-with-input 2 import --db removed.db --remove 678 newest.xml
[ "$(integrity removed.db)" = ok ] && pass || fail "remove: integrity check failed"
[ -z "$(sqlite3 removed.db "PRAGMA foreign_key_check")" ] && pass || fail "remove: foreign key check failed"

# A snapshot as IANA's XML document: from an XML release, and from a CSV
# (what the CSV carries, said in a comment).
run export-xml-small 0 "$bin/portreg-query" --db one.db --as-of 2026-08-17 export --format xml
run export-xml-csv 0 "$bin/portreg-query" --db csv1.db export --format xml
run export-xml-not-export 2 "$bin/portreg-query" --db one.db port 79 --format xml

# --version: the project's version, then, built in a git checkout, what
# git describes (which no expected file can hold). A new database names it.
project_version=$(sed -n 's/^project(portreg VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
for program in portreg-import portreg-query; do
    printed=$("$bin/$program" --version)
    [[ $printed =~ ^$program\ ${project_version//./\\.}(\ \([A-Za-z0-9._+-]+\))?$ ]] && pass ||
        fail "$program --version printed '$printed', expected '$program $project_version [(DESCRIBED)]'"
done
created_by=$(sqlite3 one.db "SELECT value FROM properties WHERE key = 'created_by'")
[ "$created_by" = "portreg ${printed#portreg-query }" ] && pass ||
    fail "properties.created_by is '$created_by', expected 'portreg ${printed#portreg-query }'"

# Usage and database errors: exit 2.
run usage-no-input 2 "$bin/portreg-import" --db x.db
run usage-bad-option 2 "$bin/portreg-import" --frobnicate in/small.xml
cp one.db future.db && sqlite3 future.db "PRAGMA user_version = 9"
run db-newer-schema 2 import --db future.db in/small.xml
# A database of an older portreg lacks what this one keeps as published:
# both binaries refuse it with how to rebuild it, and leave it as it was.
cp one.db old.db && sqlite3 old.db "PRAGMA user_version = 2"
run db-older-schema-import 2 import --db old.db in/small-next.xml
run db-older-schema-query 2 "$bin/portreg-query" --db old.db port 79
[ "$(sqlite3 old.db "PRAGMA user_version")" = 2 ] && pass || fail "an older database was changed"
echo "not a database" >text.db
run db-not-sqlite 2 import --db text.db in/small.xml
# Opened beside the reading of an XML file, the database is still the first
# error told, before one of the input.
run db-not-sqlite-bad-input 2 import --db text.db in/bad/ill-formed.xml
sqlite3 other.db "CREATE TABLE t(x)"
run db-other-application 2 import --db other.db in/small.xml
PORTREG_DB=env.db "$bin/portreg-import" -q in/small.xml >/dev/null 2>&1
[ -f env.db ] && pass || fail "PORTREG_DB should name the default database"
# A database in rollback-journal mode (made by hand, or by an older portreg)
# is switched to WAL by the next import, so queries can run beside imports.
[ "$(sqlite3 env.db "PRAGMA journal_mode")" = wal ] && pass || fail "a new database should be in WAL mode"
sqlite3 env.db "PRAGMA journal_mode = DELETE" >/dev/null
"$bin/portreg-import" -q --db env.db in/small-next.xml >/dev/null 2>&1
[ "$(sqlite3 env.db "PRAGMA journal_mode")" = wal ] && pass || fail "an import should switch a database to WAL mode"

finish
