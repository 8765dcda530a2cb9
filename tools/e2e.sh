#!/usr/bin/env bash
# Run the end-to-end suite against real Keystone and Glance alone:
# trove-datastore under gunicorn with auth_strategy = keystone and images
# from Glance. The first run installs the stack (tools/keystone_glance,
# about a minute); the suite starts it and stops it again.
# Extra arguments go to "stestr run" after the module filter.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/venv.sh
ensure_venv test
[ -d .stestr ] || "$VENV/bin/stestr" init >/dev/null
exec "$VENV/bin/stestr" run --concurrency 1 "$@" \
    'tests\.e2e\.test_keystone_glance\.'
