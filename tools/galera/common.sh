# Shared settings of the three-node MariaDB Galera cluster scripts.
# Sourced by start.sh, stop.sh and status.sh; not meant to be run.
#
# TROVE_GALERA_DIR        all state: per node a config, data directory,
#                         socket, PID file and error log (default:
#                         /tmp/trove-datastore-galera-$USER; run as root
#                         the nodes run as the mysql user, which must be able
#                         to reach it, hence not under /root)
# TROVE_GALERA_PORT       client port of node 1; nodes 2 and 3 take the next
#                         two (default 3311: 3311, 3312, 3313)
# TROVE_GALERA_GCOMM_PORT group communication port of node 1 (default 4571);
#                         IST takes +10 (4581..), SST +20 (4591..)

GALERA_TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GALERA_DIR="${TROVE_GALERA_DIR:-/tmp/trove-datastore-galera-$(id -un)}"
GALERA_PORT="${TROVE_GALERA_PORT:-3311}"
GALERA_GCOMM_PORT="${TROVE_GALERA_GCOMM_PORT:-4571}"
GALERA_PROVIDER=/usr/lib/galera/libgalera_smm.so
GALERA_NODES=(1 2 3)
HOST=127.0.0.1
# As root, mariadbd drops to the mysql user: the joiner's rsync daemon (rsync
# SST) would otherwise run as "nobody" and could not write its data directory.
if (( EUID == 0 )); then GALERA_USER=mysql; else GALERA_USER=$(id -un); fi

galera_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
GALERA_T0=$(galera_now_ms)
galera_elapsed() {  # seconds since the script started, one decimal
    local ms=$(( $(galera_now_ms) - GALERA_T0 ))
    printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100))
}

node_dir() { echo "$GALERA_DIR/node$1"; }
client_port() { echo $(( GALERA_PORT + $1 - 1 )); }
gcomm_port() { echo $(( GALERA_GCOMM_PORT + $1 - 1 )); }
ist_port() { echo $(( GALERA_GCOMM_PORT + 10 + $1 - 1 )); }
sst_port() { echo $(( GALERA_GCOMM_PORT + 20 + $1 - 1 )); }

# 0 if nodeN/mariadbd.pid names a live mariadbd of this node (a PID can be
# reused after a crash, so the command line must name this node's config).
node_running() {
    local pidf pid
    pidf="$(node_dir "$1")/mariadbd.pid"
    [[ -s "$pidf" ]] || return 1
    pid=$(<"$pidf")
    [[ -n "$pid" ]] && { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null \
        | grep -q -- "--defaults-file=$(node_dir "$1")/my.cnf"
}

# One SQL statement on node N over its socket; tab-separated rows.
node_sql() {
    mariadb --no-defaults -S "$(node_dir "$1")/mariadbd.sock" -u root \
        --connect-timeout=2 -N -B -e "$2"
}

node_status() {  # node variable -> value of SHOW GLOBAL STATUS
    node_sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | cut -f2
}

# Expand "all"/empty into the node list; reject unknown names.
parse_nodes() {
    NODES=()
    local arg
    for arg in "$@"; do
        case "$arg" in
            all) NODES+=("${GALERA_NODES[@]}") ;;
            1 | 2 | 3) NODES+=("$arg") ;;
            *) echo "unknown node '$arg' (use 1, 2, 3 or all)" >&2; return 2 ;;
        esac
    done
    (( ${#NODES[@]} )) || NODES=("${GALERA_NODES[@]}")
}
