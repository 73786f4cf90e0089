#!/usr/bin/env bash
# The port a portreg-serve started with standard error in LOG says it
# listens on ("portreg-serve: http://127.0.0.1:PORT/ serving ..."), once
# it has said so; nothing, and exit code 1, if it has not within 5 s.
#
# usage: tests/e2e/listening_port.sh LOG   (the e2e scripts, check-deb.sh)
for _ in $(seq 50); do
    port=$(sed -n 's|^portreg-serve: http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1" 2>/dev/null)
    if [ -n "$port" ]; then
        echo "$port"
        exit 0
    fi
    sleep 0.1
done
exit 1
