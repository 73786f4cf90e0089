#!/usr/bin/env bash
# Builds the Debian package from a build directory (cpack -G DEB), installs
# it with dpkg (dependencies from apt when missing), checks that the
# installed programs run, import the bundled history and answer a lookup,
# that man finds their pages and the systemd units name /usr/bin's
# portreg-import; then removes the package and checks the
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
trap 'installed && $sudo dpkg -r portreg >/dev/null; rm -rf "$work"' EXIT
cmake --build "$build" >/dev/null # cpack packs what is built, built or not
rm -f "$build"/portreg_*.deb
(cd "$build" && cpack -G DEB >"$work/cpack.log" 2>&1) || fail "cpack failed: $(cat "$work/cpack.log")"
deb=$(ls "$build"/portreg_*.deb)
echo "check-deb: $(basename "$deb"): Depends: $(dpkg-deb -f "$deb" Depends)"

$sudo dpkg -i "$deb" >/dev/null || $sudo apt-get install -f -y -qq --no-install-recommends >/dev/null
installed || fail "$deb did not install"

for program in portreg-import portreg-query; do
    version=$("/usr/bin/$program" --version) || fail "/usr/bin/$program --version failed"
    echo "check-deb: $version"
done
# Exit code 1: the history holds one broken release.
/usr/bin/portreg-import -q --db "$work/history.db" data/iana-history.tar.zst >/dev/null 2>"$work/import.log" ||
    [ $? = 1 ] || fail "importing data/iana-history.tar.zst failed: $(tail -n 5 "$work/import.log")"
answer=$(/usr/bin/portreg-query --db "$work/history.db" port 443)
grep -q https <<<"$answer" || fail "portreg-query port 443 did not answer https: $answer"
# Docker's slimmed images tell dpkg to leave out man pages.
if grep -qs 'path-exclude[= ]*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
    echo "check-deb: dpkg leaves out man pages here; man -w not checked"
else
    man -aw portreg-query | grep -qx /usr/share/man/man1/portreg-query.1 ||
        fail "man -w portreg-query does not find the installed page"
fi

unit=/usr/lib/systemd/system/portreg-update.service
[ -f "$unit" ] && [ -f /usr/lib/systemd/system/portreg-update.timer ] || fail "the systemd units were not installed"
grep -q '^ExecStart=/usr/bin/portreg-import ' "$unit" || fail "$unit: $(grep ExecStart "$unit")"

$sudo dpkg -r portreg >/dev/null
for program in portreg-import portreg-query; do
    [ ! -e "/usr/bin/$program" ] || fail "/usr/bin/$program is still there after dpkg -r"
done
[ ! -e "$unit" ] || fail "$unit is still there after dpkg -r"
echo "check-deb: installed, used and removed"
