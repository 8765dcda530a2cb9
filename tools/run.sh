#!/usr/bin/env bash
# Install trove-datastore into .venv and start the API on its embedded
# default: SQLite, no Keystone (noauth), the local image catalog, port 8779.
# The state lives in var/ of the checkout; TROVE_CONFIG_FILE overrides the
# configuration file.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/venv.sh
# The service and, beside it, the openstack and trove clients the README's
# "Try it" uses (.venv/bin/openstack).
ensure_venv client
mkdir -p var
if [ -z "${TROVE_CONFIG_FILE:-}" ]; then
    export TROVE_CONFIG_FILE=$PWD/var/trove.conf
    if [ ! -f "$TROVE_CONFIG_FILE" ]; then
        cat > "$TROVE_CONFIG_FILE" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = ${TROVE_DATASTORE_PORT:-8779}

[api]
auth_strategy = noauth

[database]
connection = sqlite:///$PWD/var/trove_datastore.sqlite

[image]
source = file
catalog_file = $PWD/etc/trove/image-catalog.json
CONF
    fi
fi
"$VENV/bin/trove-manage" --config-file "$TROVE_CONFIG_FILE" db_sync
exec "$VENV/bin/trove-datastore-api" --config-file "$TROVE_CONFIG_FILE"
