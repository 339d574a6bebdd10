#!/usr/bin/env bash
# The whole test suite, as `make test` runs it:
#   1. lint (ruff) and the missing-migrations check,
#   2. every test on SQLite and local files,
#   3. the tests that touch the database or storage again, on a throwaway
#      PostgreSQL cluster and a real S3 server (scripts/with_test_services.py).
set -euo pipefail
py=.venv/bin/python
reports=var/test-reports
mkdir -p "$reports"

echo "== lint and migrations"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
DJANGO_SETTINGS_MODULE=photovoice.settings.test $py manage.py makemigrations --check --dry-run

# axe-core for the browser tests (package.json); quick when already installed.
if [ ! -e node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci (axe-core for the browser tests)"
  npm ci --no-audit --no-fund --loglevel=error
fi

status=0
echo "== pass 1: SQLite + local files"
$py -m pytest --junitxml="$reports/sqlite.xml" "$@" || status=$?

echo "== pass 2: PostgreSQL + S3"
$py scripts/with_test_services.py -- \
  $py -m pytest -m "backend and not browser" --junitxml="$reports/postgres-s3.xml" "$@" || status=$?

$py scripts/summarise_tests.py "SQLite + local files=$reports/sqlite.xml" \
  "PostgreSQL + S3=$reports/postgres-s3.xml"
exit $status
