#!/usr/bin/env bash
# Stop Keystone and/or Glance started by start.sh.
#
#   stop.sh                  both (same as: stop.sh all)
#   stop.sh glance           only glance
#   stop.sh keystone
#
# Only the PIDs recorded by start.sh are signalled, each after checking that
# it is still a gunicorn: TERM to the whole process group (master + workers),
# then KILL to whatever is left after 10 s. Nothing is matched by name.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_services "$@"
[[ -d "$STACK/run" ]] || exit 0
cd "$STACK"

group_alive() {  # pgid
    kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null
}

declare -A victims=()
for name in "${SERVICES[@]}"; do
    # run/NAME.pid is written by gunicorn once bound (and removed on a clean
    # exit); run/NAME.launcher exists while start.sh is still waiting.
    pid=""
    for f in "run/$name.pid" "run/$name.launcher"; do
        if [[ -s "$f" ]]; then
            pid=$(<"$f")
            break
        fi
    done
    if [[ -n "$pid" ]] && grep -qa gunicorn "/proc/$pid/cmdline" 2>/dev/null; then
        victims[$name]=$pid
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
done

for _ in $(seq 50); do
    alive=0
    for name in "${!victims[@]}"; do
        if group_alive "${victims[$name]}"; then alive=1; fi
    done
    (( alive )) || break
    sleep 0.2
done

for name in "${!victims[@]}"; do
    pid=${victims[$name]}
    if group_alive "$pid"; then
        echo "$name (pid $pid) still running 10 s after TERM; sending KILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 25); do
            group_alive "$pid" || break
            sleep 0.2
        done
    fi
    echo "$name stopped after $(kg_elapsed)s (pid $pid)"
done
for name in "${SERVICES[@]}"; do
    rm -f "run/$name.pid" "run/$name.launcher"
done
