#!/usr/bin/env bash
# Opens portreg's HTML pages in a real browser (headless Chromium, from
# Debian) and keeps a screenshot of each for a person to look at; fails if
# the browser cannot render a page or a page lacks what it must show.
#   scripts/check-html.sh [DB] [OUT_DIR]
# DB: a database holding the bundled history (default ./portreg.db, made by
# scripts/demo.sh, else imported here); OUT_DIR: default build/html-check.
set -euo pipefail
cd "$(dirname "$0")/.."

db=${1:-portreg.db}
out=${2:-build/html-check}

if ! command -v chromium >/dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
scripts/build.sh >/dev/null
if [ ! -f "$db" ]; then
    # Exit 1 is expected: one release of the archive is broken.
    build/bin/portreg-import -q --db "$db" data/iana-history.tar.zst >/dev/null 2>&1 || true
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
query() { build/bin/portreg-query --db "$db" "$@"; }
query diff 2026-01-31 6a34aef6 --format html >"$out/diff-ollama.html" || true
query diff 2025-01-01 2026-01-01 --format html >"$out/diff-2025.html" || true
query log --since 2020-01-01 --format html >"$out/log.html"

browser() {
    # --no-sandbox: Chromium's sandbox refuses to run as root, as CI does.
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null
}

failed=0
check() {
    local page=$1 must=$2
    browser --window-size=1280,1800 --screenshot="$out/${page%.html}.png" "file://$out/$page" >/dev/null
    local dom
    dom=$(browser --dump-dom "file://$out/$page")
    if [ ! -s "$out/${page%.html}.png" ]; then
        echo "FAIL: $page: no screenshot"
        failed=1
    elif ! grep -q "$must" <<<"$dom"; then
        echo "FAIL: $page: the rendered page lacks $must"
        failed=1
    else
        echo "ok: $page -> $out/${page%.html}.png"
    fi
}
check diff-ollama.html '<td class="port">11434/tcp</td><td>ollama</td>'
check diff-2025.html 'Renamed'
check log.html '<polyline'
exit $failed
