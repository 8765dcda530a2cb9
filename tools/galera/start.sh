#!/usr/bin/env bash
# Start a three-node MariaDB Galera cluster on loopback and wait until every
# node is Synced in a cluster of three.
#
#   start.sh            the whole cluster (same as: start.sh all)
#   start.sh 3          node 3 only, joining the nodes that run (e.g. after a
#                       test killed it): same data directory, so it catches
#                       up by IST when the others' gcache still holds what it
#                       missed, by SST (rsync) otherwise
#
# When no node runs, start.sh makes a fresh cluster: it empties the state
# directory, initialises node 1's data directory, bootstraps node 1
# (--wsrep-new-cluster), then starts nodes 2 and 3, which join by rsync SST.
# Each mariadbd runs in its own session (setsid); its PID is recorded in
# nodeN/mariadbd.pid, which stop.sh uses. Starting a running node is a no-op.
# If a node is not Synced within TROVE_GALERA_START_TIMEOUT seconds (default
# 120), the end of its error log is printed and what this call started is
# stopped again.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_nodes "$@"
WAIT_S="${TROVE_GALERA_START_TIMEOUT:-120}"

install_packages() {
    if [[ -x /usr/sbin/mariadbd && -f "$GALERA_PROVIDER" ]] \
        && command -v rsync >/dev/null && command -v mariadb >/dev/null; then
        return 0
    fi
    echo "installing mariadb-server, galera-4 and rsync"
    local sudo=()
    (( EUID == 0 )) || sudo=(sudo)
    "${sudo[@]}" apt-get install -y mariadb-server galera-4 rsync >/dev/null \
        || { "${sudo[@]}" apt-get update >/dev/null \
             && "${sudo[@]}" apt-get install -y mariadb-server galera-4 rsync \
                >/dev/null; }
}

write_config() {  # node
    local n=$1 dir address peers="" i
    dir=$(node_dir "$n")
    for i in "${GALERA_NODES[@]}"; do
        peers+="${peers:+,}$HOST:$(gcomm_port "$i")"
    done
    mkdir -p "$dir/data" "$dir/tmp"
    chown -R "$GALERA_USER" "$dir"
    address="$HOST:$(gcomm_port "$n")"
    cat > "$dir/my.cnf" <<CNF
[mysqld]
user = $GALERA_USER
datadir = $dir/data
tmpdir = $dir/tmp
socket = $dir/mariadbd.sock
pid-file = $dir/mariadbd.pid
log-error = $dir/error.log
port = $(client_port "$n")
bind-address = $HOST
skip-name-resolve
max_connections = 300
performance_schema = OFF
# Throw-away test data: durability traded for speed on a small machine.
innodb_buffer_pool_size = 96M
innodb_log_file_size = 96M
innodb_flush_log_at_trx_commit = 0
innodb_doublewrite = 0
# What Galera requires.
binlog_format = ROW
default_storage_engine = InnoDB
innodb_autoinc_lock_mode = 2
wsrep_on = ON
wsrep_provider = $GALERA_PROVIDER
wsrep_cluster_name = trove_datastore_galera
wsrep_cluster_address = gcomm://$peers
wsrep_node_name = node$n
wsrep_node_address = $address
wsrep_sst_method = rsync
wsrep_sst_receive_address = $HOST:$(sst_port "$n")
wsrep_slave_threads = 2
wsrep_provider_options = "gmcast.listen_addr=tcp://$address;ist.recv_addr=$HOST:$(ist_port "$n");gcache.size=128M;evs.keepalive_period=PT1S;evs.inactive_check_period=PT1S;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT5S"
CNF
}

# After a crash grastate.dat says seqno -1; as galera_recovery does under
# systemd, ask InnoDB for the last committed position so that the node asks
# for IST from there instead of a full SST.
recovered_position() {  # node -> "--wsrep_start_position=uuid:seqno" or ""
    local dir log position
    dir=$(node_dir "$1")
    grep -q '^seqno: *-1' "$dir/data/grastate.dat" 2>/dev/null || return 0
    log="$dir/recover.log"
    /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" --wsrep-recover \
        --log-error="$log" >/dev/null 2>&1 || true
    position=$(sed -n 's/.*WSREP: Recovered position: *//p' "$log" | tail -1)
    rm -f "$log"
    [[ -n "$position" ]] && echo "--wsrep_start_position=$position"
    return 0
}

port_free() {  # node: 0 unless another process listens on its port
    if (exec 3<>"/dev/tcp/$HOST/$(client_port "$1")") 2>/dev/null; then
        echo "port $(client_port "$1") is in use by another process;" \
            "not starting node $1" >&2
        return 1
    fi
}

launch() {  # node extra-args...
    local n=$1 dir; shift
    dir=$(node_dir "$n")
    port_free "$n" || return 1
    rm -f "$dir/mariadbd.pid"
    setsid /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" "$@" \
        >> "$dir/console.log" 2>&1 < /dev/null &
    # mariadbd writes the same PID there itself once running.
    echo $! > "$dir/mariadbd.pid"
    chown "$GALERA_USER" "$dir/mariadbd.pid"
}

wait_synced() {  # node size
    local n=$1 size=$2 deadline state count
    deadline=$(( $(date +%s) + WAIT_S ))
    while (( $(date +%s) < deadline )); do
        if ! node_running "$n"; then
            echo "node $n exited while starting; end of its error.log:" >&2
            tail -25 "$(node_dir "$n")/error.log" >&2
            return 1
        fi
        state=$(node_status "$n" wsrep_local_state_comment || true)
        count=$(node_status "$n" wsrep_cluster_size || true)
        if [[ "$state" == Synced && "${count:-0}" -ge "$size" ]]; then
            echo "node $n Synced after $(galera_elapsed)s" \
                "(pid $(<"$(node_dir "$n")/mariadbd.pid"), port" \
                "$(client_port "$n"), cluster size $count)"
            return 0
        fi
        sleep 0.2
    done
    echo "node $n not Synced in a cluster of $size within ${WAIT_S}s" \
        "(state '${state:-}', size '${count:-}'); end of its error.log:" >&2
    tail -25 "$(node_dir "$n")/error.log" >&2
    return 1
}

any_running() {
    local n
    for n in "${GALERA_NODES[@]}"; do
        node_running "$n" && return 0
    done
    return 1
}

bootstrap() {
    local dir n
    for n in "${GALERA_NODES[@]}"; do port_free "$n" || return 1; done
    rm -rf "$GALERA_DIR"
    for n in "${GALERA_NODES[@]}"; do write_config "$n"; done
    dir=$(node_dir 1)
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$GALERA_USER" \
        --auth-root-authentication-method=normal --skip-test-db \
        > "$dir/install.log" 2>&1 \
        || { echo "mariadb-install-db failed:" >&2; tail -20 "$dir/install.log" >&2; return 1; }
    echo "node 1 data directory initialised after $(galera_elapsed)s"
    # (set -e does not apply in a function called with ||: each step says.)
    launch 1 --wsrep-new-cluster || return 1
    wait_synced 1 1 || return 1
    # The tests and the service connect over TCP as root, no password.
    node_sql 1 "CREATE USER IF NOT EXISTS 'root'@'$HOST';
        GRANT ALL PRIVILEGES ON *.* TO 'root'@'$HOST' WITH GRANT OPTION"
}

install_packages
mkdir -p "$GALERA_DIR"
chmod 755 "$GALERA_DIR"
started=()
failed=0
if ! any_running; then
    # A fresh cluster: all three nodes, whatever was asked.
    NODES=("${GALERA_NODES[@]}")
    started=(1)
    bootstrap || failed=1
fi
if (( ! failed )); then
    for n in "${NODES[@]}"; do
        if node_running "$n"; then
            [[ " ${started[*]} " == *" $n "* ]] \
                || echo "node $n already running (pid $(<"$(node_dir "$n")/mariadbd.pid"))"
            continue
        fi
        [[ -f "$(node_dir "$n")/my.cnf" ]] || write_config "$n"
        position=$(recovered_position "$n")
        # shellcheck disable=SC2086
        launch "$n" $position || { failed=1; break; }
        started+=("$n")
    done
fi
if (( ! failed )); then
    # Joiners first: node 1 counts three members before they are Synced.
    for (( i = ${#NODES[@]} - 1; i >= 0; i-- )); do
        n=${NODES[$i]}
        wait_synced "$n" "${#GALERA_NODES[@]}" || failed=1
    done
fi
if (( failed )); then
    (( ${#started[@]} )) && "$GALERA_TOOLS/stop.sh" "${started[@]}" >&2 || true
    exit 1
fi
echo "cluster of ${#GALERA_NODES[@]} Synced after $(galera_elapsed)s"
