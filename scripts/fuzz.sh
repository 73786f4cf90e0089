#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (in build-fuzz/) and runs each for
# SECONDS (default 60), one after another, niced: the machine is shared.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   targets: xml-reader csv-reader
#                                           reference-list values http-response
#                                           services-file day-argument web-request
# Each target's corpus grows in build-fuzz/corpus/TARGET (seeded from the
# paths in build-fuzz/fuzz/TARGET.seeds); a crash is written to
# build-fuzz/crashes/TARGET/ and ends the run with exit code 1. Add such an
# input to tests/data/bad/ with its expected output.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(xml-reader csv-reader reference-list values http-response services-file day-argument web-request)

# clang and libFuzzer's runtime are needed here only, not for the build.
scripts/install-deps.sh clang libclang-rt-14-dev

CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPORTREG_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
nice cmake --build build-fuzz --target "${targets[@]/#/fuzz-}" -- -j"$(nproc)"

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
    corpus=build-fuzz/corpus/$t
    crashes=build-fuzz/crashes/$t
    mkdir -p "$corpus" "$crashes"
    while read -r seed; do
        [ -n "$seed" ] || continue
        if [ -d "$seed" ]; then cp -n "$seed"/* "$corpus"/ 2>/dev/null || true; else cp -n "$seed" "$corpus"/; fi
    done <"build-fuzz/fuzz/$t.seeds"
    dict=()
    [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
    echo "fuzz $t: ${seconds}s"
    # -rss_limit_mb: a 100 MB release read whole stays legal.
    if ! nice -n 10 "build-fuzz/bin/fuzz-$t" "$corpus" "${dict[@]}" -max_total_time="$seconds" \
        -artifact_prefix="$crashes/" -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 \
        >"build-fuzz/$t.log" 2>&1; then
        echo "fuzz $t: FAILED, see build-fuzz/$t.log and $crashes/"
        status=1
    fi
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "build-fuzz/$t.log" || true
done
exit $status
