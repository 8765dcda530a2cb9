#!/usr/bin/env bash
# Stop the Galera nodes started by start.sh.
#
#   stop.sh             every node (same as: stop.sh all)
#   stop.sh 3           node 3 only
#
# Only the PIDs recorded in nodeN/mariadbd.pid are signalled, each after
# checking that its command line names that node's config: TERM to the
# node's process group (mariadbd and any SST helper it runs), then KILL to
# whatever is left after 30 s. Nothing is matched by name. The data
# directories stay (start.sh of a stopped node rejoins with them; start.sh
# with no node running starts afresh).
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_nodes "$@"
[[ -d "$GALERA_DIR" ]] || exit 0

group_alive() {  # pgid
    kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null
}

declare -A victims=()
# Joiners first: the last node to stop cleanly is the one safe to
# bootstrap from.
for (( i = ${#NODES[@]} - 1; i >= 0; i-- )); do
    n=${NODES[$i]}
    if node_running "$n"; then
        pid=$(<"$(node_dir "$n")/mariadbd.pid")
        victims[$n]=$pid
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
done

for _ in $(seq 150); do
    alive=0
    for n in "${!victims[@]}"; do
        if group_alive "${victims[$n]}"; then alive=1; fi
    done
    (( alive )) || break
    sleep 0.2
done

for n in "${!victims[@]}"; do
    pid=${victims[$n]}
    if group_alive "$pid"; then
        echo "node $n (pid $pid) still running 30 s after TERM; sending KILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 25); do
            group_alive "$pid" || break
            sleep 0.2
        done
    fi
    echo "node $n stopped after $(galera_elapsed)s (pid $pid)"
done
for n in "${NODES[@]}"; do
    rm -f "$(node_dir "$n")/mariadbd.pid"
done
