#!/usr/bin/env bash
# Install unmodified upstream Trove (trove==26.0.0 from the package index)
# into a cached virtualenv outside the clone, for the interoperability tests
# (tests/e2e/test_trove_interop.py) and tools/upstream_trove/bench.py.
# Idempotent: a stamp records what was installed; a second run takes well
# under a second.
#
#   TROVE_UPSTREAM_DIR   where the venv lives
#                        (default: $HOME/.cache/trove-datastore/upstream-trove)
#   TROVE_UPSTREAM_VERSION   default 26.0.0
#   PYTHON               interpreter for the venv (default python3.11)
#
# Prints the venv's path on its last line. Exit 1 when it cannot install.
set -euo pipefail

DIR="${TROVE_UPSTREAM_DIR:-$HOME/.cache/trove-datastore/upstream-trove}"
VERSION="${TROVE_UPSTREAM_VERSION:-26.0.0}"
PYTHON="${PYTHON:-python3.11}"
VENV="$DIR/venv"
# The drivers of the two throw-away databases the tests give Trove.
PACKAGES=("trove==$VERSION" PyMySQL psycopg2-binary)
WANT="${PACKAGES[*]}"

mkdir -p "$DIR/log"
if [[ -f "$VENV/.stamp" && "$(<"$VENV/.stamp")" == "$WANT" ]]; then
    echo "$VENV"
    exit 0
fi
t0=$(date +%s)
if [[ ! -x "$VENV/bin/python" ]] && ! "$PYTHON" -m venv "$VENV" 2> "$DIR/log/venv.log"; then
    echo "cannot create a virtualenv with $PYTHON: $(tail -1 "$DIR/log/venv.log")" >&2
    exit 1
fi
if ! "$VENV/bin/pip" install -q "${PACKAGES[@]}" > "$DIR/log/pip.log" 2>&1; then
    echo "could not install ${PACKAGES[*]}; see $DIR/log/pip.log" >&2
    tail -5 "$DIR/log/pip.log" >&2
    exit 1
fi
echo "$WANT" > "$VENV/.stamp"
echo "installed ${PACKAGES[*]} in $(( $(date +%s) - t0 ))s" >&2
echo "$VENV"
