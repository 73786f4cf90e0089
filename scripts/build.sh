#!/usr/bin/env bash
# Configures and builds portreg: binaries land in build/bin/.
#   scripts/build.sh             release build with debug info, in build/
#   scripts/build.sh --sanitize  AddressSanitizer + UBSan build, in build-sanitize/
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
    dir=build-sanitize
    flags=(-DCMAKE_BUILD_TYPE=Debug -DPORTREG_SANITIZE=ON)
fi
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" -- -j"$(nproc)"
