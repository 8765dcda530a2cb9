# Shared settings for the Keystone + Glance end-to-end stack scripts.
# Sourced by setup.sh, start.sh, stop.sh and status.sh; not meant to be run.
#
# TROVE_E2E_STACK_DIR   where venvs, configs, databases, logs and PIDs live
#                       (default: $HOME/.cache/trove-datastore/stack)
# TROVE_E2E_KEYSTONE_PORT / TROVE_E2E_GLANCE_PORT
#                       loopback ports, read by setup.sh only (defaults 15000
#                       and 19292); setup.sh records them in etc/ports and
#                       start.sh always uses the recorded values, so the
#                       rendered configs and the running servers agree.

KG_TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STACK="${TROVE_E2E_STACK_DIR:-$HOME/.cache/trove-datastore/stack}"
KS_VENV="$STACK/keystone-venv"
GL_VENV="$STACK/glance-venv"
HOST=127.0.0.1

# This machine exports PYTHONDONTWRITEBYTECODE=1 and uv does not byte-compile,
# so every keystone/glance process would recompile its imports (~9 s) on each
# start. Letting the first run write .pyc files makes later starts fast.
unset PYTHONDONTWRITEBYTECODE
# stevedore keeps an entry-point cache under $XDG_CACHE_HOME; keep it (and
# any temporary files) inside the stack directory.
export XDG_CACHE_HOME="$STACK/cache"

# Ports recorded by setup.sh (etc/ports); defaults before the first setup.
load_ports() {
    KS_PORT=15000
    GL_PORT=19292
    if [[ -f "$STACK/etc/ports" ]]; then
        # shellcheck disable=SC1091
        source "$STACK/etc/ports"
    fi
}

kg_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
KG_T0=$(kg_now_ms)
kg_elapsed() {  # seconds since the script started, one decimal
    local ms=$(( $(kg_now_ms) - KG_T0 ))
    printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100))
}

health_url() {  # service -> URL that answers 200 once it serves requests
    case "$1" in
        keystone) echo "http://$HOST:$KS_PORT/v3" ;;
        glance) echo "http://$HOST:$GL_PORT/healthcheck" ;;
    esac
}

# 0 if run/NAME.pid names a live gunicorn (the PID could have been reused by
# an unrelated process after a crash, so the command line is checked too).
service_running() {
    local pidf="$STACK/run/$1.pid" pid
    [[ -f "$pidf" ]] || return 1
    pid=$(<"$pidf")
    [[ -n "$pid" ]] && grep -qa gunicorn "/proc/$pid/cmdline" 2>/dev/null
}

# Expand "all"/empty into the service list; reject unknown names.
parse_services() {
    SERVICES=()
    local arg
    for arg in "$@"; do
        case "$arg" in
            all) SERVICES+=(keystone glance) ;;
            keystone | glance) SERVICES+=("$arg") ;;
            *) echo "unknown service '$arg' (use keystone, glance or all)" >&2; return 2 ;;
        esac
    done
    (( ${#SERVICES[@]} )) || SERVICES=(keystone glance)
}
