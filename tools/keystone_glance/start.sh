#!/usr/bin/env bash
# Start Keystone and/or Glance under gunicorn on loopback and wait until they
# answer. Run setup.sh once before.
#
#   start.sh                 both (same as: start.sh all)
#   start.sh glance          only glance (e.g. after a test stopped it)
#   start.sh keystone
#
# Each gunicorn master runs in its own session (setsid), so it leads a process
# group holding its workers; its PID is in $STACK/run/NAME.pid, which stop.sh
# uses. Starting something that already runs is a no-op. If a service does not
# come up within TROVE_E2E_START_TIMEOUT seconds (default 90), the log tail is
# printed and whatever this call started is stopped again.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
parse_services "$@"
load_ports
WAIT_S="${TROVE_E2E_START_TIMEOUT:-90}"

if [[ ! -f "$STACK/data/.keystone-ready" || ! -f "$STACK/etc/ports" ]]; then
    echo "no stack in $STACK; run $KG_TOOLS/setup.sh first" >&2
    exit 1
fi
mkdir -p "$STACK/run" "$STACK/log" "$STACK/cache"
cd "$STACK"

launch() {  # name venv port wsgi-app env-assignment...
    local name="$1" venv="$2" port="$3" app="$4"; shift 4
    rm -f "run/$name.pid"
    # Without --no-control-socket gunicorn 27 creates ~/.gunicorn/.
    env "$@" setsid "$venv/bin/gunicorn" --no-control-socket \
        --bind "$HOST:$port" --workers 1 --threads 4 \
        --timeout 120 --graceful-timeout 5 \
        --pid "run/$name.pid" --access-logfile "log/$name-access.log" \
        "$app" >> "log/$name-gunicorn.log" 2>&1 < /dev/null &
    # gunicorn writes run/NAME.pid only once it has bound; until then
    # stop.sh finds the master (same PID: setsid does not fork here) by this.
    echo $! > "run/$name.launcher"
}

wait_up() {  # name
    local name="$1" url launcher deadline
    url=$(health_url "$name")
    launcher=$(<"run/$name.launcher")
    deadline=$(( $(date +%s) + WAIT_S ))
    while (( $(date +%s) < deadline )); do
        if curl -sf -m 5 -o /dev/null "$url"; then
            echo "$name up after $(kg_elapsed)s (pid $(<"run/$name.pid"), $url)"
            rm -f "run/$name.launcher"
            return 0
        fi
        # The master is our child, so once dead it lingers as a zombie
        # that kill -0 still finds; a zombie has an empty cmdline.
        if ! grep -qa gunicorn "/proc/$launcher/cmdline" 2>/dev/null; then
            echo "$name exited while starting; end of log/$name-gunicorn.log:" >&2
            tail -25 "log/$name-gunicorn.log" >&2
            return 1
        fi
        sleep 0.2
    done
    echo "$name did not answer $url within ${WAIT_S}s; end of log/$name-gunicorn.log:" >&2
    tail -25 "log/$name-gunicorn.log" >&2
    return 1
}

started=()
for name in "${SERVICES[@]}"; do
    if service_running "$name"; then
        echo "$name already running (pid $(<"run/$name.pid"))"
        continue
    fi
    case "$name" in
        keystone) port=$KS_PORT ;;
        glance) port=$GL_PORT ;;
    esac
    # Someone else on our port would answer the health check for us.
    if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
        echo "port $port is in use by another process; not starting $name" >&2
        exit 1
    fi
    case "$name" in
        keystone)
            launch keystone "$KS_VENV" "$KS_PORT" keystone_wsgi:application \
                OS_KEYSTONE_CONFIG_FILES="$STACK/etc/keystone/keystone.conf" \
                PYTHONPATH="$KG_TOOLS" ;;
        glance)
            # Glance 33 has no standalone server any more: serve its WSGI app.
            launch glance "$GL_VENV" "$GL_PORT" glance.wsgi.api:application \
                OS_GLANCE_CONFIG_DIR="$STACK/etc/glance" ;;
    esac
    started+=("$name")
done

failed=0
for name in ${started[@]+"${started[@]}"}; do
    wait_up "$name" || failed=1
done
if (( failed )); then
    "$KG_TOOLS/stop.sh" "${started[@]}" >&2 || true
    exit 1
fi
