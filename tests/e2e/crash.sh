#!/usr/bin/env bash
# Crash safety: portreg-import is killed with SIGKILL after random delays,
# again and again, on the last 8 releases of the bundled history. After each
# kill the database opens, passes PRAGMA integrity_check, and holds a prefix
# of the releases in import order: every release the importer reported
# (its line is printed after the commit), and at most the one it was
# committing when killed; each held release is whole. Reruns complete the
# rest, to the same database as one uninterrupted import.
#
# usage: tests/e2e/crash.sh BIN_DIR SOURCE_DIR   (run by CTest)
# PORTREG_CRASH_SECONDS: time to spend killing (default 20).
. "$(dirname "$0")/lib.sh"

releases rel 8 >expected
import() { "$bin/portreg-import" -q --db "$1" rel >out.txt 2>err.txt; }
# Two uninterrupted imports: the faster one times the kills.
ms=
for ref in ref1.db ref2.db; do
    start=$(date +%s%N)
    import $ref
    rc=$?
    check "$ref: exit code $rc" [ $rc = 0 ]
    took=$((($(date +%s%N) - start) / 1000000))
    [ -n "$ms" ] && [ "$ms" -le "$took" ] || ms=$took
    check "$ref holds the 8 releases" [ "$(stored $ref)" = "$(first 999 expected)" ]
done
check "two imports of the same releases differ" [ "$(contents ref1.db)" = "$(contents ref2.db)" ]
reference=$(contents ref1.db)

# After a kill: what is stored is a prefix of `expected`, at least what was
# reported and at most one more, each release with all its records.
check_after_kill() {
    local what=$1
    check "$what: integrity_check" [ "$(integrity c.db)" = ok ]
    local have
    have=$(stored c.db)
    local n_have n_reported
    n_have=$(printf '%s' "$have" | grep -c .)
    n_reported=$(grep -c . reported)
    check "$what: stored releases are not a prefix of the import order" \
        [ "$have" = "$(first "$n_have" expected)" ]
    check "$what: reported releases are not a prefix of the import order" \
        [ "$(sort reported)" = "$(first "$n_reported" expected)" ]
    check "$what: $n_reported reported but $n_have stored" \
        [ "$n_have" -ge "$n_reported" -a "$n_have" -le $((n_reported + 1)) ]
    [ "$n_have" = 0 ] && return
    check "$what: a release holds a part of its records" [ -z "$(partial_releases c.db)" ]
}

seconds=${PORTREG_CRASH_SECONDS:-20}
deadline=$((SECONDS + seconds))
# An import under a sanitizer, or on a busy machine, takes seconds: kills
# go on past the time until enough have landed mid-import, up to three
# times it.
hard_deadline=$((SECONDS + 3 * seconds))
cycles=0 kills=0 partial=0
killing() {
    [ $SECONDS -lt $deadline ] || { [ $partial -lt 5 ] && [ $SECONDS -lt $hard_deadline ]; }
}
while killing || [ $cycles -lt 2 ]; do
    rm -f c.db c.db-wal c.db-shm c.db-journal
    : >reported
    cycles=$((cycles + 1))
    run=0
    while :; do
        run=$((run + 1))
        "$bin/portreg-import" -q --db c.db rel >out.txt 2>err.txt &
        pid=$!
        # Anywhere from the start to the end of a whole import's time; after
        # 6 kills in a cycle, or once killing() says so, the rerun is left
        # to finish.
        delay=$(((RANDOM * 32768 + RANDOM) % (ms + 1)))
        if [ $run -le 6 ] && killing; then
            sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
            kill -KILL "$pid" 2>/dev/null
        fi
        # (the shell's own "Killed" notice goes to /dev/null)
        { wait "$pid"; } 2>/dev/null
        rc=$?
        # Lines of this run that are not yet in `reported` (already present
        # ones repeat them), in order.
        cut -c1-19 out.txt | while read -r line; do
            grep -qxF "$line" reported || echo "$line" >>reported
        done
        [ "$rc" = 0 ] && break
        [ -n "${PORTREG_E2E_TRACE:-}" ] && echo "cycle $cycles run $run: delay $delay ms, exit $rc, $SECONDS s"
        check "cycle $cycles run $run: exit code $rc, expected 137 (killed)" [ "$rc" = 137 ]
        [ "$rc" = 137 ] || break
        kills=$((kills + 1))
        [ "$(stored c.db | grep -c .)" -lt 8 ] && partial=$((partial + 1))
        check_after_kill "cycle $cycles, killed after ${delay} ms"
    done
    check "cycle $cycles: the rerun ends with exit code 0" [ "$rc" = 0 ]
    check "cycle $cycles: integrity_check after the reruns" [ "$(integrity c.db)" = ok ]
    check "cycle $cycles: the reruns end where one import ends" [ "$(contents c.db)" = "$reference" ]
done
echo "crash: $cycles cycles, $kills kills, $partial with part of the releases stored (import ${ms} ms)"
check "too few kills landed during an import ($partial)" [ "$partial" -ge 5 ]

finish
