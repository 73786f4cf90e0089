#!/usr/bin/env bash
# Configures and builds portreg: binaries land in build/bin/.
#   scripts/build.sh             release build (no debug information), in build/
#   scripts/build.sh --sanitize  AddressSanitizer + UBSan build, in build-sanitize/
#   scripts/build.sh --tsan      ThreadSanitizer build, in build-tsan/
#   scripts/build.sh [...] TARGET...  only these targets (and what they need),
#                                e.g. portreg-import portreg-query; else all,
#                                the tests too
# Ninja's progress shows on standard output: a status line rewritten in
# place on a terminal, a line per step otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=(-DCMAKE_BUILD_TYPE=Release)
build_args=()
for arg in "$@"; do
    case "$arg" in
    --sanitize)
        dir=build-sanitize
        flags=(-DCMAKE_BUILD_TYPE=Debug -DPORTREG_SANITIZE=ON)
        ;;
    --tsan)
        dir=build-tsan
        flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DPORTREG_TSAN=ON)
        ;;
    -*) echo "usage: scripts/build.sh [--sanitize | --tsan] [TARGET...]" >&2; exit 2 ;;
    *) build_args+=(--target "$arg") ;;
    esac
done
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" "${build_args[@]}" -- -j"$(nproc)"
