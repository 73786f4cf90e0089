#!/usr/bin/env bash
# The systemd units of contrib/systemd: the timer runs daily, spread and
# caught up after downtime; the service fetches into a database in the one
# directory it may write, as a user of its own, and can reach the network.
# portreg-serve.service serves that database on loopback, restarted when it
# fails, as the same user in the same writable directory (SQLite's WAL
# readers write the -shm file), sandboxed as portreg-update.service is; as
# root, that user setup is tried: an import while the server reads.
# systemd-analyze verify checks them too where it is installed.
#
# usage: tests/e2e/units.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"
units="$src/contrib/systemd"
service="$units/portreg-update.service"
timer="$units/portreg-update.timer"
serve="$units/portreg-serve.service"

# value FILE SECTION KEY: the key's values in that section, one a line.
value() {
    awk -v section="[$2]" -v key="$3" '
        /^\[/ { in_section = ($0 == section) }
        in_section && index($0, key "=") == 1 { print substr($0, length(key) + 2) }' "$1"
}
is() { [ "$(value "$1" "$2" "$3")" = "$4" ]; }

check "timer: OnCalendar=daily" is "$timer" Timer OnCalendar daily
check "timer: Persistent=true" is "$timer" Timer Persistent true
spread() { value "$timer" Timer RandomizedDelaySec | grep -qv '^0$'; }
check "timer: a RandomizedDelaySec" spread
check "timer: WantedBy=timers.target" is "$timer" Install WantedBy timers.target

check "service: Type=oneshot" is "$service" Service Type oneshot
own_user() { is "$service" Service DynamicUser yes || [ -n "$(value "$service" Service User)" ]; }
check "service: DynamicUser=yes or a User" own_user
check "service: ProtectSystem=strict" is "$service" Service ProtectSystem strict
# Restart= is "no" unless set: a failed fetch waits for the next day.
check "service: never restarted" grep -qx 'no\|' <<<"$(value "$service" Service Restart)"
exec_start=$(value "$service" Service ExecStart)
check "service: runs portreg-import --fetch" \
    grep -q '^/[^ ]*/portreg-import .*--fetch' <<<"$exec_start"
db=$(sed -n 's/.*--db \([^ ]*\).*/\1/p' <<<"$exec_start")
check "service: ExecStart names --db" [ -n "$db" ]
# The database's directory is the state directory or one made writable.
# writable_dirs FILE: the directories the service may write, one a line.
writable_dirs() {
    value "$1" Service StateDirectory | tr ' ' '\n' | sed 's|^|/var/lib/|'
    value "$1" Service ReadWritePaths | tr ' ' '\n'
}
check "service: $db in a writable directory" grep -qxF "$(dirname "$db")" <<<"$(writable_dirs "$service")"
families=$(value "$service" Service RestrictAddressFamilies)
for family in AF_UNIX AF_INET AF_INET6; do
    check "service: RestrictAddressFamilies allows $family" grep -qw "$family" <<<"$families"
done

check "serve: Restart=on-failure" is "$serve" Service Restart on-failure
check "serve: WantedBy=multi-user.target" is "$serve" Install WantedBy multi-user.target
serve_start=$(value "$serve" Service ExecStart)
check "serve: runs portreg-serve" grep -q '^/[^ ]*/portreg-serve ' <<<"$serve_start"
serve_db=$(sed -n 's/.*--db \([^ ]*\).*/\1/p' <<<"$serve_start")
check "serve: --db is portreg-update's, $db" [ "$serve_db" = "$db" ]
check "serve: listens on loopback" grep -qE -- '--listen (127\.[0-9.]+|\[::1\]):[0-9]+( |$)' <<<"$serve_start"
sql_off() { ! grep -q -- '--sql' <<<"$serve_start"; }
check "serve: no --sql" sql_off
check "serve: $db in a writable directory (the -shm file)" \
    grep -qxF "$(dirname "$db")" <<<"$(writable_dirs "$serve")"
not_read_only() {
    ! value "$serve" Service ReadOnlyPaths | tr ' ' '\n' | sed 's|^-||; s|/$||' | grep -qxF "$(dirname "$db")"
}
check "serve: $(dirname "$db") not in ReadOnlyPaths" not_read_only
user=$(value "$service" Service User)
same_user() {
    [ -n "$user" ] && [ "$(value "$serve" Service User)" = "$user" ] &&
        [ "$(value "$serve" Service DynamicUser)" = "$(value "$service" Service DynamicUser)" ]
}
check "serve: the User= of portreg-update, named ('$user')" same_user
families=$(value "$serve" Service RestrictAddressFamilies)
for family in AF_INET AF_INET6; do
    check "serve: RestrictAddressFamilies allows $family" grep -qw "$family" <<<"$families"
done
# The sandbox: every other setting of portreg-update's [Service] the same.
keys=$(awk '/^\[/ { s = $0 } s == "[Service]" && /^[A-Za-z]+=/ { sub(/=.*/, ""); print }' "$service" | sort -u)
for key in $keys; do
    case $key in
    Type | ExecStart | Restart | TimeoutStartSec | Nice | RestrictAddressFamilies) continue ;;
    esac
    check "serve: $key as in portreg-update.service" \
        [ "$(value "$serve" Service "$key")" = "$(value "$service" Service "$key")" ]
done

# The units' users, made as systemd would (as root): a uid of the dynamic
# range for portreg-update's User=, the same one for portreg-serve's when
# it names the same user. The unit's server reads the database (creating
# -wal and -shm) in a directory only the update's user may write, while
# that user imports a release.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    update_uid=61801
    serve_uid=61802
    [ "$(value "$serve" Service User)" = "$user" ] && serve_uid=$update_uid
    as() {
        local uid=$1
        shift
        setpriv --reuid="$uid" --regid="$uid" --clear-groups "$@"
    }
    # Copies the users can reach, whatever the modes above $work.
    chmod 755 "$work"
    mkdir state programs
    cp "$bin/portreg-import" "$bin/portreg-serve" "$src/tests/data/small.xml" "$src/tests/data/small-next.xml" programs/
    chmod -R a+rX programs
    chown "$update_uid:$update_uid" state
    as "$update_uid" programs/portreg-import -q --db state/portreg.db programs/small.xml >/dev/null 2>&1
    # The unit's ExecStart, on this database and a free port.
    read -ra command <<<"$(sed -e "s|^[^ ]*|$work/programs/portreg-serve|" -e "s|--db [^ ]*|--db $work/state/portreg.db|" \
        -e "s|--listen [^ ]*|--listen 127.0.0.1:0|" <<<"$serve_start")"
    serve_in_background serve.log setpriv --reuid="$serve_uid" --regid="$serve_uid" --clear-groups "${command[@]}"
    served_releases() { curl -s --max-time 5 "http://127.0.0.1:$port/snapshots.csv" | tail -n +2 | wc -l; }
    check "the unit's server answers, as its user: $(cat serve.log)" [ "$(served_releases)" = 1 ]
    check "the server made the -shm beside the database" [ -e state/portreg.db-shm ]
    as "$update_uid" programs/portreg-import -q --db state/portreg.db programs/small-next.xml >import.log 2>&1
    imported=$?
    check "an import while the unit's server reads: $(cat import.log)" [ $imported = 0 ]
    check "the server sees the release imported" [ "$(served_releases)" = 2 ]
    kill "$server"
    wait "$server"
    stopped=$?
    server=""
    check "the server stops with 0 on SIGTERM" [ $stopped = 0 ]
else
    echo "units: not root: the users of the units are not tried"
fi

# systemd-analyze wants the binary in ExecStart to exist: the one built.
if command -v systemd-analyze >/dev/null; then
    cp "$timer" .
    sed "s|^ExecStart=[^ ]*|ExecStart=$bin/portreg-import|" "$service" >portreg-update.service
    sed "s|^ExecStart=[^ ]*|ExecStart=$bin/portreg-serve|" "$serve" >portreg-serve.service
    check "systemd-analyze verify" systemd-analyze verify ./portreg-update.service ./portreg-update.timer \
        ./portreg-serve.service
fi

finish
