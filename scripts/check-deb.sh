#!/usr/bin/env bash
# Builds the Debian package from a build directory (cpack -G DEB), installs
# it with dpkg (dependencies from apt when missing), checks that it depends
# on the shared cpp-httplib, that the installed programs run, import the
# bundled history and answer a lookup, portreg-serve on a free loopback
# port for a few seconds; that man finds their pages and the systemd units
# name /usr/bin's programs; then removes the package and checks the
# programs are gone. Changes the system: meant for CI's fresh machine.
#   scripts/check-deb.sh [BUILD_DIR]   (default build/, configured already)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

fail() {
    echo "check-deb: $*" >&2
    exit 1
}
installed() { dpkg-query -W -f='${Status}' portreg 2>/dev/null | grep -q "install ok installed"; }
# Never replace or remove a portreg installed by someone else.
installed && fail "a portreg package is installed already; remove it first (dpkg -r portreg)"

work=$(mktemp -d)
server=""
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; installed && $sudo dpkg -r portreg >/dev/null; rm -rf "$work"' EXIT
cmake --build "$build" >/dev/null # cpack packs what is built, built or not
rm -f "$build"/portreg_*.deb
(cd "$build" && cpack -G DEB >"$work/cpack.log" 2>&1) || fail "cpack failed: $(cat "$work/cpack.log")"
deb=$(ls "$build"/portreg_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "check-deb: $(basename "$deb"): Depends: $depends"
# portreg-serve links libcpp-httplib.so.0.11, which only that package brings.
grep -q 'libcpp-httplib' <<<"$depends" || fail "Depends names no libcpp-httplib package"

$sudo dpkg -i "$deb" >/dev/null || $sudo apt-get install -f -y -qq --no-install-recommends >/dev/null
installed || fail "$deb did not install"

for program in portreg-import portreg-query portreg-serve; do
    version=$("/usr/bin/$program" --version) || fail "/usr/bin/$program --version failed"
    echo "check-deb: $version"
done
# Exit code 1: the history holds one broken release.
/usr/bin/portreg-import -q --db "$work/history.db" data/iana-history.tar.zst >/dev/null 2>"$work/import.log" ||
    [ $? = 1 ] || fail "importing data/iana-history.tar.zst failed: $(tail -n 5 "$work/import.log")"
answer=$(/usr/bin/portreg-query --db "$work/history.db" port 443)
grep -q https <<<"$answer" || fail "portreg-query port 443 did not answer https: $answer"
# portreg-serve on a port the system picks, which it names on standard
# error; every request bounded in time, the server killed afterwards.
/usr/bin/portreg-serve --db "$work/history.db" --listen 127.0.0.1:0 -q 2>"$work/serve.log" &
server=$!
port=$(tests/e2e/listening_port.sh "$work/serve.log") ||
    fail "portreg-serve did not say where it listens: $(cat "$work/serve.log")"
health=$(curl -s --max-time 5 "http://127.0.0.1:$port/healthz") || true
grep -q '"registry_date":"' <<<"$health" || fail "portreg-serve /healthz answered: $health"
echo "check-deb: portreg-serve /healthz: $health"
kill "$server"
wait "$server" || fail "portreg-serve did not stop with 0 on SIGTERM"
server=""
# Docker's slimmed images tell dpkg to leave out man pages.
if grep -qs 'path-exclude[= ]*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
    echo "check-deb: dpkg leaves out man pages here; man -w not checked"
else
    for program in portreg-query portreg-serve; do
        man -aw "$program" | grep -qx "/usr/share/man/man1/$program.1" ||
            fail "man -w $program does not find the installed page"
    done
fi

unit=/usr/lib/systemd/system/portreg-update.service
serve_unit=/usr/lib/systemd/system/portreg-serve.service
[ -f "$unit" ] && [ -f /usr/lib/systemd/system/portreg-update.timer ] && [ -f "$serve_unit" ] ||
    fail "the systemd units were not installed"
grep -q '^ExecStart=/usr/bin/portreg-import ' "$unit" || fail "$unit: $(grep ExecStart "$unit")"
grep -q '^ExecStart=/usr/bin/portreg-serve ' "$serve_unit" || fail "$serve_unit: $(grep ExecStart "$serve_unit")"

$sudo dpkg -r portreg >/dev/null
for program in portreg-import portreg-query portreg-serve; do
    [ ! -e "/usr/bin/$program" ] || fail "/usr/bin/$program is still there after dpkg -r"
done
[ ! -e "$unit" ] && [ ! -e "$serve_unit" ] || fail "a unit is still there after dpkg -r"
echo "check-deb: installed, used and removed"
