#!/usr/bin/env bash
# Measures portreg-serve over loopback with wrk (2 threads, 16 and 64
# connections), beside nginx serving the same bytes as /port/443.json as a
# static file (the ceiling), then its resident memory over a run of more
# than a million requests. Prints one table and which goals are met; the
# goals are issue 19's:
#   /port/443.json: at least a quarter of nginx's requests per second, and
#                   p99 under 10 ms, at 16 connections
#   /search.json?search=ftps: p99 under 50 ms
#   no errors (socket errors, answers other than 2xx or 3xx)
#   resident memory flat over a million requests (grows by less than 5%)
#
#   bench/serve.sh [--duration SECONDS] [--requests N] [--db FILE] [--bin DIR]
#                  [--threads N] [--cache-mb N] [--pin]
#     --duration S  each wrk run (default 30; 3 for a trial)
#     --requests N  requests of the memory run (default 1000000; it runs in
#                   rounds of --duration seconds until it has served more)
#     --db FILE     the database, imported from data/iana-history.tar.zst
#                   when FILE does not exist yet, kept afterwards (a cache);
#                   default: a temporary one, imported anew (about 15 s)
#     --bin DIR     portreg-import and portreg-serve from DIR instead of
#                   building them with scripts/build.sh (into build/)
#     --threads N   portreg-serve --threads N (its workers; default its own)
#     --cache-mb N  portreg-serve --cache-mb N (answers kept; 0: each made
#                   anew, as before the cache; default its own)
#     --pin         wrk on the first core, the servers on the second
#                   (taskset): whether they cost each other on 2 cores
# Figures, with the machine's load beside each, go to bench/README.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=30
requests=1000000
db=""
bin=""
threads=() # portreg-serve options: --threads, --cache-mb
pin=0
usage() {
    echo "usage: bench/serve.sh [--duration SECONDS] [--requests N] [--db FILE] [--bin DIR]" \
        "[--threads N] [--cache-mb N] [--pin]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
    --duration) [ $# -ge 2 ] || usage; duration=$2; shift 2 ;;
    --requests) [ $# -ge 2 ] || usage; requests=$2; shift 2 ;;
    --db) [ $# -ge 2 ] || usage; db=$2; shift 2 ;;
    --bin) [ $# -ge 2 ] || usage; bin=$(cd "$2" && pwd); shift 2 ;;
    --threads) [ $# -ge 2 ] || usage; threads+=(--threads "$2"); shift 2 ;;
    --cache-mb) [ $# -ge 2 ] || usage; threads+=(--cache-mb "$2"); shift 2 ;;
    --pin) pin=1; shift ;;
    *) usage ;;
    esac
done
[[ $duration =~ ^[1-9][0-9]*$ ]] || usage
[[ $requests =~ ^[1-9][0-9]*$ ]] || usage

# wrk and nginx-light are Debian packages, needed here only.
"$root/scripts/install-deps.sh" wrk nginx-light
if [ -z "$bin" ]; then
    "$root/scripts/build.sh" portreg-import portreg-serve >/dev/null
    bin=$root/build/bin
fi
if [ ! -x "$bin/portreg-serve" ] || [ ! -x "$bin/portreg-import" ]; then
    echo "no portreg-serve and portreg-import in $bin" >&2
    exit 2
fi

# Where each side runs: anywhere, or (--pin) the load generator on core 0
# and the server under test on core 1.
client=()
server_cpu=()
if [ "$pin" = 1 ]; then
    [ "$(nproc)" -ge 2 ] || { echo "--pin needs two cores" >&2; exit 2; }
    client=(taskset -c 0)
    server_cpu=(taskset -c 1)
fi

work=$(mktemp -d)
# What it starts and has not seen end: portreg-serve, nginx, a wrk run.
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
forget() { # PID: it has ended (and been waited for): never kill that number again
    local kept=() p
    for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
    pids=("${kept[@]}")
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load() { cut -d' ' -f1 /proc/loadavg; }

# The whole bundled history, once.
archive=$root/data/iana-history.tar.zst
[ -n "$db" ] || db=$work/history.db
if [ ! -e "$db" ]; then
    echo "Importing $archive into $db ..." >&2
    # It exits 1: one release of the history is broken, and rejected.
    "$bin/portreg-import" -q --db "$db" "$archive" >/dev/null 2>&1 || true
fi
count=$(sqlite3 "$db" 'SELECT count(*) FROM release')
[ "$count" -ge 678 ] || { echo "$db holds $count releases, not the whole history" >&2; exit 1; }
# Two neighbouring releases: the newest and the one before it, by date,
# or by hash where they share a date.
mapfile -t newest < <(sqlite3 -separator ' ' "$db" \
    "SELECT registry_date, substr(sha256, 1, 8) FROM release ORDER BY seq DESC LIMIT 2")
read -r to_date to_hash <<<"${newest[0]}"
read -r from_date from_hash <<<"${newest[1]}"
if [ "$from_date" = "$to_date" ]; then from=$from_hash to=$to_hash; else from=$from_date to=$to_date; fi

# portreg-serve on a port the kernel picks, which it names on stderr.
"${server_cpu[@]}" "$bin/portreg-serve" --db "$db" --listen 127.0.0.1:0 -q "${threads[@]}" \
    2>"$work/serve.log" &
server=$!
pids+=("$server")
port=""
for _ in $(seq 100); do
    port=$(sed -n 's|^portreg-serve: http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
[ -n "$port" ] || { echo "portreg-serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
serve=http://127.0.0.1:$port
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status"; }

# nginx-light as this user, everything of it in $work/nginx, on 127.0.0.1
# only, with the bytes of /port/443.json at the same path. No access log,
# as portreg-serve -q writes none. As many workers as the cores it may use.
mkdir -p "$work/nginx/www/port"
curl -sf --max-time 10 -o "$work/nginx/www/port/443.json" "$serve/port/443.json"
nginx_workers=$("${server_cpu[@]}" nproc)
user=""
[ "$(id -u)" = 0 ] && user="user $(id -un) $(id -gn);"
nginx_port=""
for _ in 1 2 3 4 5; do
    candidate=$((20000 + RANDOM % 40000))
    cat >"$work/nginx/nginx.conf" <<EOF
$user
worker_processes $nginx_workers;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    types { application/json json; }
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    server {
        listen 127.0.0.1:$candidate;
        root $work/nginx/www;
    }
}
EOF
    "${server_cpu[@]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
    nginx=$!
    pids+=("$nginx")
    for _ in $(seq 50); do
        curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$candidate/port/443.json" && break
        kill -0 "$nginx" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$nginx" 2>/dev/null; then
        nginx_port=$candidate
        break
    fi
    wait "$nginx" 2>/dev/null || true # the port was taken: another one
    forget "$nginx"
done
[ -n "$nginx_port" ] || { echo "nginx did not start:" >&2; cat "$work/nginx/error.log" >&2; exit 1; }
static=http://127.0.0.1:$nginx_port
cmp -s "$work/nginx/www/port/443.json" <(curl -sf --max-time 10 "$static/port/443.json") ||
    { echo "nginx does not serve the bytes of /port/443.json" >&2; exit 1; }

# The load average says little here: the server's busy workers and wrk's
# threads are runnable, and counted in it. So each run also says how much
# of the machine's CPU time went to other processes meanwhile: all CPU time
# (/proc/stat) less that of portreg-serve, nginx and wrk.
tick=$(getconf CLK_TCK)
cores=$(nproc)
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
servers_busy() { # portreg-serve, nginx's master and its workers, in ticks
    local p t=0
    for p in "$server" "$nginx" $(cat "/proc/$nginx/task/$nginx/children" 2>/dev/null); do
        [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$t"
}
children_busy() { # what the waited-for children of this shell took, in ticks
    times >"$work/times" # here, not in a subshell: its children are not this shell's
    awk -v hz="$tick" 'NR == 2 {
        t = 0
        for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
        printf "%d\n", t * hz }' "$work/times"
}

# wrk_run OUTPUT CONNECTIONS SECONDS URL: one wrk run, in the background so
# that the trap can end it; sets `others`, the share of the machine's CPU
# time other processes took meanwhile, in percent.
wrk_run() {
    local m0 s0 c0 t0 m1 s1 c1 t1
    children_busy >"$work/c0"
    m0=$(machine_busy) s0=$(servers_busy) c0=$(cat "$work/c0") t0=$(date +%s.%N)
    "${client[@]}" wrk -t2 -c"$2" -d"$3s" --latency "$4" >"$1" 2>&1 &
    local w=$! status=0
    pids+=("$w")
    wait "$w" || status=$?
    forget "$w"
    children_busy >"$work/c1"
    m1=$(machine_busy) s1=$(servers_busy) c1=$(cat "$work/c1") t1=$(date +%s.%N)
    others=$(awk -v m=$((m1 - m0)) -v s=$((s1 - s0)) -v c=$((c1 - c0)) -v t0="$t0" -v t1="$t1" \
        -v hz="$tick" -v n="$cores" 'BEGIN {
            o = (m - s - c) / ((t1 - t0) * hz * n) * 100
            printf "%.0f%%\n", o < 0 ? 0 : o }')
    return "$status"
}
# wrk's figures of one run: requests/s, p50 and p99 in ms, requests, errors,
# and the errors by kind ("-" for none).
parse() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v
        }
        function kind(name, count) {
            if (count == 0) return
            errors += count
            kinds = kinds (kinds == "" ? "" : ",") count "_" name
        }
        /^ +50% / { p50 = ms($2) }
        /^ +99% / { p99 = ms($2) }
        / requests in / { n = $1 }
        /^Requests\/sec:/ { rps = $2 }
        /Socket errors:/ {
            gsub(",", "")
            kind("connect", $4); kind("read", $6); kind("write", $8); kind("timeout", $10)
        }
        /Non-2xx or 3xx responses:/ { kind("non-2xx", $5) }
        END { printf "%.0f %.2f %.2f %d %d %s\n", rps, p50, p99, n, errors, kinds == "" ? "-" : kinds }
    ' "$1"
}

echo "portreg-serve $serve (pid $server), nginx $static ($nginx_workers workers)," \
    "wrk -t2 -d${duration}s; $cores cores; commit $(git -C "$root" rev-parse --short HEAD)$(
        git -C "$root" diff --quiet HEAD -- query lib || echo ' (changed)')$(
        [ "$pin" = 1 ] && echo '; pinned: wrk on core 0, the server on core 1')"
echo "database $count releases; diff from $from to $to; portreg-serve resident at start: $(rss) kB"

names=(nginx port search diff)
declare -A url=(
    [nginx]="$static/port/443.json"
    [port]="$serve/port/443.json"
    [search]="$serve/search.json?search=ftps"
    [diff]="$serve/diff.json?from=$from&to=$to"
)
declare -A label=(
    [nginx]="nginx, the bytes of /port/443.json (static file)"
    [port]="portreg-serve /port/443.json"
    [search]="portreg-serve /search.json?search=ftps"
    [diff]="portreg-serve /diff.json?from=$from&to=$to"
)
declare -A result loadavg other
for c in 16 64; do
    for name in "${names[@]}"; do
        loadavg[$name,$c]=$(load)
        echo "wrk -c$c ${url[$name]} (load $(load)) ..." >&2
        wrk_run "$work/wrk-$name-$c.txt" "$c" "$duration" "${url[$name]}"
        result[$name,$c]=$(parse "$work/wrk-$name-$c.txt")
        other[$name,$c]=$others
    done
done

echo
echo "load: the 1-minute load average as the run began (its own threads count in it);"
echo "others: the share of the machine's CPU time that other processes took during the run"
echo
echo "| what | connections | requests/s | p50 | p99 | requests | errors | load | others |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for c in 16 64; do
    for name in "${names[@]}"; do
        read -r rps p50 p99 n errors kinds <<<"${result[$name,$c]}"
        [ "$kinds" = - ] || errors="$errors (${kinds//_/ })"
        printf "| %s | %d | %d | %.2f ms | %.2f ms | %d | %s | %s | %s |\n" "${label[$name]}" "$c" \
            "$rps" "$p50" "$p99" "$n" "${errors//,/, }" "${loadavg[$name,$c]}" "${other[$name,$c]}"
    done
done

# The memory run: /port/443.json at 16 connections, in rounds of --duration
# seconds, until more than --requests requests are served.
echo
echo "Resident memory of portreg-serve over $requests requests of /port/443.json (-c16):"
before=$(rss)
echo "  before: $before kB (load $(load))"
served=0
round=0
while [ "$served" -le "$requests" ]; do
    round=$((round + 1))
    wrk_run "$work/wrk-rss-$round.txt" 16 "$duration" "${url[port]}"
    read -r _ _ _ n errors kinds <<<"$(parse "$work/wrk-rss-$round.txt")"
    served=$((served + n))
    [ "$errors" = 0 ] || echo "  round $round: $errors errors (${kinds//_/ })"
    echo "  after $served requests: $(rss) kB (load $(load), others $others)"
done
after=$(rss)

met() { if "$@"; then echo "met"; else echo "NOT met"; fi; }
field() { cut -d' ' -f"$2" <<<"${result[$1]}"; }
echo
echo "Goals:"
ratio=$(awk -v a="$(field port,16 1)" -v b="$(field nginx,16 1)" 'BEGIN { printf "%.3f", a / b }')
echo "  /port/443.json at 16 connections, at least 1/4 of nginx's requests/s:" \
    "$(field port,16 1) against $(field nginx,16 1), $ratio:" \
    "$(met awk -v r="$ratio" 'BEGIN { exit !(r >= 0.25) }')"
echo "  /port/443.json at 16 connections, p99 under 10 ms: $(field port,16 3) ms:" \
    "$(met awk -v p="$(field port,16 3)" 'BEGIN { exit !(p < 10) }')"
for c in 16 64; do
    echo "  /search.json?search=ftps at $c connections, p99 under 50 ms: $(field search,$c 3) ms:" \
        "$(met awk -v p="$(field search,$c 3)" 'BEGIN { exit !(p < 50) }')"
done
errors=0
for c in 16 64; do
    for name in port search diff; do errors=$((errors + $(field $name,$c 5))); done
done
for f in "$work"/wrk-rss-*.txt; do errors=$((errors + $(parse "$f" | cut -d' ' -f5))); done
echo "  no errors from portreg-serve: $errors: $(met [ "$errors" = 0 ])"
echo "  resident memory flat over $served requests: $before kB before, $after kB after:" \
    "$(met awk -v a="$before" -v b="$after" 'BEGIN { exit !(b <= a * 1.05) }')"
