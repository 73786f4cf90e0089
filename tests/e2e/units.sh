#!/usr/bin/env bash
# The systemd units of contrib/systemd: the timer runs daily, spread and
# caught up after downtime; the service fetches into a database in the one
# directory it may write, as a user of its own, and can reach the network.
# systemd-analyze verify checks them too where it is installed.
#
# usage: tests/e2e/units.sh BIN_DIR SOURCE_DIR   (run by CTest)
. "$(dirname "$0")/lib.sh"
units="$src/contrib/systemd"
service="$units/portreg-update.service"
timer="$units/portreg-update.timer"

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
writable=$(value "$service" Service StateDirectory | tr ' ' '\n' | sed 's|^|/var/lib/|'
           value "$service" Service ReadWritePaths | tr ' ' '\n')
check "service: $db in a writable directory" grep -qxF "$(dirname "$db")" <<<"$writable"
families=$(value "$service" Service RestrictAddressFamilies)
for family in AF_UNIX AF_INET AF_INET6; do
    check "service: RestrictAddressFamilies allows $family" grep -qw "$family" <<<"$families"
done

# systemd-analyze wants the binary in ExecStart to exist: the one built.
if command -v systemd-analyze >/dev/null; then
    cp "$timer" .
    sed "s|^ExecStart=[^ ]*|ExecStart=$bin/portreg-import|" "$service" >portreg-update.service
    check "systemd-analyze verify" systemd-analyze verify ./portreg-update.service ./portreg-update.timer
fi

finish
