#!/usr/bin/env bash
# One line per Galera node: running or not, and when running its PID, port,
# wsrep state, cluster size and certification failures. Exits 0 when every
# node is Synced in a cluster of three, 1 otherwise.
set -uo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_nodes "$@" || exit 2
healthy=0
for n in "${NODES[@]}"; do
    if ! node_running "$n"; then
        echo "node $n: not running"
        healthy=1
        continue
    fi
    state=$(node_status "$n" wsrep_local_state_comment)
    size=$(node_status "$n" wsrep_cluster_size)
    echo "node $n: pid $(<"$(node_dir "$n")/mariadbd.pid"), port" \
        "$(client_port "$n"), ${state:-no answer}, cluster size" \
        "${size:-?}, cert failures $(node_status "$n" wsrep_local_cert_failures)"
    [[ "$state" == Synced && "$size" == "${#GALERA_NODES[@]}" ]] || healthy=1
done
exit $healthy
