#!/usr/bin/env bash
# Build the documentation into doc/build/html with warnings as errors,
# as "tox -e docs" does, in the checkout's .venv (made by tools/venv.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/venv.sh
ensure_venv
if [ -x "$VENV/bin/uv" ]; then
    VIRTUAL_ENV="$VENV" "$VENV/bin/uv" pip install --quiet \
        --python "$VENV/bin/python" -r doc/requirements.txt
else
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        -r doc/requirements.txt
fi
rm -rf doc/build
"$VENV/bin/sphinx-build" -W --keep-going -b html doc/source doc/build/html
echo "documentation: doc/build/html/index.html"
