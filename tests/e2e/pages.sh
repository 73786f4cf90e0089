#!/usr/bin/env bash
# portreg-serve's pages in Debian's headless Chromium (browser.py, one
# browser for all pages): a port page, a diff page, the log page and the
# search page, each without a console error or a failed request and none
# wider than 1280 px; the tables of the search and port pages hold the rows
# portreg-query prints. Screenshots in BUILD/screenshots/. Pages made to
# fail come first: browser.py must see what is wrong with them.
#
# usage: tests/e2e/pages.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"

if ! command -v chromium >/dev/null; then
    fail "no chromium (scripts/install-deps.sh installs Debian's)"
    finish
    exit
fi
shots=$(dirname "$bin")/screenshots
mkdir -p "$shots" && rm -f "$shots"/*.png

# Four releases around 2025-09-29, the day the search page asks for. None
# is dated that day: as_of takes the newest on or before it, the newer of
# the two of 2025-09-26 (07d81a1a), which 2025-10-16's (9f004f6f) follows.
# One pass over the archive to list, one to extract: the bundled history
# is 2.4 GB of XML.
releases picked 4 2025-10-29 >/dev/null
"$bin/portreg-import" -q --db pages.db picked/xml >/dev/null 2>&1
check "four releases imported" [ "$(sqlite3 pages.db 'SELECT count(*) FROM release')" = 4 ]
check "the server says where it listens" serve pages.db

# data: URLs of pages made to fail (and one made to pass), each for one
# check of browser.py; their screenshots are selftest-*.png.
data_url() { python3 -c 'import sys, urllib.parse; print("data:text/html," + urllib.parse.quote(sys.argv[1]))' "$1"; }
selftest=(
    "clean=<!DOCTYPE html><title>clean</title><p>Fits, and says nothing.</p>"
    'wide=<!DOCTYPE html><title>wide</title><div style="width: 1300px">wide</div>'
    'console=<!DOCTYPE html><title>console</title><script>console.error("made to fail")</script>'
    "exception=<!DOCTYPE html><title>exception</title><script>null.f()</script>"
    "csp=<!DOCTYPE html><title>csp</title><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><style>p { color: red }</style>"
    "missing=<!DOCTYPE html><title>missing</title><img src=\"$url/no-such-image.png\" alt=\"\">"
    'outside=<!DOCTYPE html><title>outside</title><img src="http://example.org/x.png" alt="">'
    'ids=<!DOCTYPE html><title>ids</title><table><tr><td class="ids" style="width: 3em; overflow-wrap: anywhere">[Christopher_<wbr>Allen]</td><td class="ids">[Jon_<wbr>Postel]</td></tr></table>'
    'table=<!DOCTYPE html><title>table</title><table class="records"><thead><tr><th>A</th><th> B </th></tr></thead><tbody><tr><td> a1 </td><td>b<br>1</td></tr><tr><td></td><td>b2</td></tr></tbody></table>'
)
made=()
for page in "${selftest[@]}"; do made+=("selftest-${page%%=*}=$(data_url "${page#*=}")"); done

# The pages under test.
as_of=2025-09-29
pages=(
    "port=$url/port/443"
    "diff=$url/diff?from=07d81a1a&to=9f004f6f"
    "log=$url/log"
    "search=$url/?search=ftps&as_of=$as_of"
)

start=${EPOCHREALTIME/./}
rows=(--rows selftest-table=table.records --rows port=table.records --rows search=table.records)
TMPDIR=$work python3 "$src/tests/e2e/browser.py" --timeout 90 "${rows[@]}" "$shots" \
    "${made[@]}" "${pages[@]}" >pages.jsonl 2>browser.err
code=$?
echo "pages: $(wc -l <pages.jsonl) pages in Chromium in $(((${EPOCHREALTIME/./} - start) / 1000)) ms"
# 1: the pages made to fail did.
check "browser.py ran to the end (exit $code: $(head -c 2000 browser.err))" [ $code = 1 ]

# is NAME JQ_FILTER: there is one report of page NAME, and the filter holds
# for it. Slurped: jq 1.6 -e exits 0 on an empty input.
is() { jq -e -s --arg n "$1" "map(select(.name == \$n)) | length == 1 and (.[0] | $2)" pages.jsonl >/dev/null; }
report() { jq -c --arg n "$1" 'select(.name == $n) | {status, errors, overflow, scroll_width, wide}' pages.jsonl; }

check "clean: no error and no overflow: $(report selftest-clean)" \
    is selftest-clean '.errors == [] and .overflow == false'
check "wide: overflows, because of the div: $(report selftest-wide)" \
    is selftest-wide '.overflow and .scroll_width > 1280 and (.wide[0] | startswith("div 1 of 1"))'
check "wide: no error: $(report selftest-wide)" is selftest-wide '.errors == []'
for kind in console:console exception:exception csp:log missing:request outside:network; do
    name=selftest-${kind%:*}
    check "$name: an error of kind ${kind#*:}: $(report "$name")" \
        is "$name" "any(.errors[]; .kind == \"${kind#*:}\") and .overflow == false"
done
check "ids: the narrow cell's id is cut, the other's not: $(jq -c 'select(.name == "selftest-ids") | .broken_ids' pages.jsonl)" \
    is selftest-ids '.id_cells == 2 and .broken_ids[0] == "[Christopher_" and
        all(.broken_ids[]; startswith("[Jon") or . == "Postel]" | not)'
check "table: its rows, trimmed, header apart: $(jq -c 'select(.name == "selftest-table") | .table' pages.jsonl)" \
    is selftest-table '.table == {"head": [["A", "B"]], "rows": [["a1", "b\n1"], ["", "b2"]]}'

# The pages under test: all there, shown, clean and no wider than 1280 px.
for page in "${pages[@]}"; do
    name=${page%%=*}
    check "$name: HTTP 200: $(report "$name")" is "$name" '.status == 200'
    check "$name: no console error or failed request: $(report "$name")" is "$name" '.errors == []'
    check "$name: no wider than 1280 px: $(report "$name")" is "$name" '.overflow == false'
    check "$name: no id cut by a line break: $(jq -c --arg n "$name" 'select(.name == $n) | .broken_ids' pages.jsonl)" \
        is "$name" '.broken_ids == []'
    check "$name: a screenshot" [ "$(head -c 4 "$shots/$name.png" 2>/dev/null | tail -c 3)" = PNG ]
done

# The records' Assignee and Contact, and the people's ids, are id cells.
for name in port search; do
    check "$name: ids in cells of their own: $(jq -c --arg n "$name" 'select(.name == $n) | .id_cells' pages.jsonl)" \
        is "$name" '.id_cells > 0'
done

# same_rows PAGE CSV: the page's table is the CSV, header and rows in order.
same_rows() {
    python3 - "$1" "$2" <<'EOF'
import csv, json, sys
name, path = sys.argv[1:]
page = next((p for p in map(json.loads, open("pages.jsonl")) if p["name"] == name), {})
with open(path, newline="") as f:
    header, *rows = csv.reader(f)
table = page.get("table") or sys.exit(f"{name}: no such table on the page")
if table["head"] != [header]:
    sys.exit(f"{name}: header {table['head']}, expected {header}")
for i, (got, want) in enumerate(zip(table["rows"], rows)):
    if got != want:
        sys.exit(f"{name}: row {i + 1} is {got}, expected {want}")
if len(table["rows"]) != len(rows):
    sys.exit(f"{name}: {len(table['rows'])} rows, expected {len(rows)}")
EOF
}
"$bin/portreg-query" --db pages.db port 443 --format csv >port.csv
check "the port page's records are portreg-query's" same_rows port port.csv
"$bin/portreg-query" --db pages.db search ftps --as-of $as_of --format csv >search.csv
check "the search for ftps has rows" [ "$(wc -l <search.csv)" -gt 1 ]
check "the search page's records are portreg-query's" same_rows search search.csv
finish
