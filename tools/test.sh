#!/usr/bin/env bash
# Install trove-datastore with its test dependencies into .venv and run the
# whole test suite with stestr: unit tests, functional tests on SQLite,
# MariaDB and PostgreSQL, end-to-end tests with the real CLI, then the
# scale-out tests on a three-node MariaDB Galera cluster.
# Extra arguments go to "stestr run" (a test filter, for example).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/venv.sh
ensure_venv test
rm -rf .stestr
"$VENV/bin/stestr" init >/dev/null
status=0
if (( $# )); then
    "$VENV/bin/stestr" run --concurrency "${TEST_CONCURRENCY:-2}" "$@" \
        | tee .stestr/run.log || status=$?
else
    "$VENV/bin/stestr" run --concurrency "${TEST_CONCURRENCY:-2}" \
        --exclude-regex '^tests\.galera\.' | tee .stestr/run.log || status=$?
    # The Galera group (tests/galera) starts its own three-node cluster
    # (tools/galera): it runs alone, after the rest.
    "$VENV/bin/stestr" run --concurrency 1 --combine '^tests\.galera\.' \
        | tee -a .stestr/run.log || status=$?
fi
count() {  # Passed, Failed or Skipped: the sum over the runs
    awk -v key="$1:" '$1 == "-" && $2 == key {n += $3} END {print n + 0}' \
        .stestr/run.log
}
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped" \
    | tee .stestr/summary.txt
exit $status
