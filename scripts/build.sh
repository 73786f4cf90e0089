#!/usr/bin/env bash
# Configures and builds portreg: binaries land in build/bin/.
#   scripts/build.sh             release build with debug info, in build/
#   scripts/build.sh --sanitize  AddressSanitizer + UBSan build, in build-sanitize/
#   scripts/build.sh --tsan      ThreadSanitizer build, in build-tsan/
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
case "${1:-}" in
--sanitize)
    dir=build-sanitize
    flags=(-DCMAKE_BUILD_TYPE=Debug -DPORTREG_SANITIZE=ON)
    ;;
--tsan)
    dir=build-tsan
    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTREG_TSAN=ON)
    ;;
"") ;;
*) echo "usage: scripts/build.sh [--sanitize | --tsan]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" -- -j"$(nproc)"
