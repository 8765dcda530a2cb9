# Sourced by the tools: makes .venv (or $TROVE_DATASTORE_VENV) with uv when
# it can, pip otherwise, and installs the project into it.
VENV=${TROVE_DATASTORE_VENV:-$PWD/.venv}
PYTHON=${PYTHON:-python3}
# The versions the tests run with, pinned (see its header to regenerate).
CONSTRAINTS=$PWD/upper-constraints.txt

ensure_venv() {
    local extra=${1:-}
    local spec="."
    [ -n "$extra" ] && spec=".[$extra]"
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    if [ ! -x "$VENV/bin/uv" ]; then
        "$VENV/bin/pip" install --quiet --disable-pip-version-check uv \
            || true
    fi
    if [ -x "$VENV/bin/uv" ]; then
        # --compile-bytecode: uv does not write .pyc files by default, and
        # with PYTHONDONTWRITEBYTECODE set nothing ever does, so every
        # openstack or trove-manage call would compile its imports again
        # (seconds per call). pip compiles by default.
        VIRTUAL_ENV="$VENV" "$VENV/bin/uv" pip install --quiet \
            --compile-bytecode \
            --python "$VENV/bin/python" --reinstall-package trove-datastore \
            -c "$CONSTRAINTS" "$spec"
    else
        "$VENV/bin/pip" install --quiet --disable-pip-version-check \
            -c "$CONSTRAINTS" "$spec"
    fi
}
