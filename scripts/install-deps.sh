#!/usr/bin/env bash
# Installs what building, testing and the demo need, from Debian 12's
# packages; does nothing when all of it is there already. Extra package
# names may be given (scripts/fuzz.sh adds clang and libFuzzer's runtime).
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    libsqlite3-dev libsqlitecpp-dev libpugixml-dev libcsv-dev catch2 libcli11-dev libfmt-dev
    nlohmann-json3-dev libarchive-dev nettle-dev libxxhash-dev
    # the static archives of libarchive's compression libraries, which
    # portreg-import links (libarchive-dev itself brings none of them)
    libzstd-dev liblz4-dev liblzma-dev libbz2-dev zlib1g-dev
    sqlite3 zstd xz-utils gzip tar
    # portreg-import --fetch; the tests serve releases with python3's http.server,
    # over HTTPS with a certificate openssl makes
    libcurl4-openssl-dev python3 openssl
    # portreg-serve's HTTP server, and curl for its tests
    libcpp-httplib-dev curl
    # the man pages' check (man --warnings); the .deb of cpack -G DEB, whose
    # dependencies dpkg-shlibdeps (dpkg-dev, with file) works out
    man-db groff-base dpkg-dev file
    # the README's examples, which tests/e2e/readme.sh runs on a terminal
    # (script(1), from bsdutils): one pipes JSON into jq
    jq bsdutils
    # Debian's /etc/services, which the tests and the README check with
    # check-services
    netbase
    # portreg-serve's pages opened in a real browser (tests/e2e/pages.sh drives
    # Debian's headless Chromium through its DevTools pipe, no npm)
    chromium
    "$@"
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
