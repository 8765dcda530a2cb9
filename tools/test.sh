#!/usr/bin/env bash
# Install trove-datastore with its test dependencies into .venv and run the
# whole test suite with stestr: unit tests, functional tests on SQLite,
# MariaDB and PostgreSQL, and end-to-end tests with the real CLI.
# Extra arguments go to "stestr run" (a test filter, for example).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/venv.sh
ensure_venv test
rm -rf .stestr
"$VENV/bin/stestr" init >/dev/null
status=0
"$VENV/bin/stestr" run --concurrency "${TEST_CONCURRENCY:-2}" "$@" \
    | tee .stestr/run.log || status=$?
passed=$(sed -n 's/^ - Passed: \([0-9]*\).*/\1/p' .stestr/run.log | tail -1)
failed=$(sed -n 's/^ - Failed: \([0-9]*\).*/\1/p' .stestr/run.log | tail -1)
skipped=$(sed -n 's/^ - Skipped: \([0-9]*\).*/\1/p' .stestr/run.log | tail -1)
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped" \
    | tee .stestr/summary.txt
exit $status
