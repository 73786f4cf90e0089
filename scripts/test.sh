#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, end-to-end,
# and the slow ones over every release of the bundled history).
#   scripts/test.sh             the normal build
#   scripts/test.sh --sanitize  the same tests under ASan and UBSan
#   scripts/test.sh --tsan      the same tests under ThreadSanitizer
#   scripts/test.sh --fast      everything but the tests labelled slow
set -euo pipefail
cd "$(dirname "$0")/.."

build_args=()
dir=build
ctest_args=()
for arg in "$@"; do
    case "$arg" in
    --sanitize) build_args+=(--sanitize); dir=build-sanitize ;;
    --tsan) build_args+=(--tsan); dir=build-tsan ;;
    --fast) ctest_args+=(-LE slow) ;;
    *) echo "usage: scripts/test.sh [--sanitize | --tsan] [--fast]" >&2; exit 2 ;;
    esac
done

step() { echo "==> $*"; }
step "1/3 Debian packages (those missing are installed)"
scripts/install-deps.sh
step "2/3 building the tools and the tests in $dir/ (a few minutes the first time)"
scripts/build.sh "${build_args[@]}"
step "3/3 the tests"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
cd "$dir"
ctest --output-on-failure -j"$(nproc)" "${ctest_args[@]}"
