#!/usr/bin/env bash
# `npm run test:integration`: the integration tests (test/integration/*.test.ts)
# twice: on a fresh SQLite file, then on a throwaway PostgreSQL (started here,
# migrated, and stopped on exit whatever happens). Stops at the first failing run.
#   scripts/test-integration.sh [FILE...]   (default: all of test/integration/*.test.ts)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
# Each test file submits from one address; test/integration/rate-limits.test.ts sets its own low limits.
export RATE_LIMIT_CONSENT_PER_IP="${RATE_LIMIT_CONSENT_PER_IP:-100000}"
export RATE_LIMIT_CONSENT_PER_EMAIL="${RATE_LIMIT_CONSENT_PER_EMAIL:-100000}"

files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
  mapfile -t files < <(find test/integration -maxdepth 1 -type f -name '*.test.ts' 2>/dev/null | sort)
fi
if [[ ${#files[@]} -eq 0 ]]; then
  echo "no test files (*.test.ts) under test/integration"
  exit 0
fi

run() { # $1 = label, $2 = DATABASE_URL
  echo "== integration tests on $1"
  DATABASE_URL="$2" node --import tsx scripts/db-migrate.ts
  DATABASE_URL="$2" node --import tsx --test --test-reporter=spec --test-timeout=120000 \
    --test-concurrency=1 "${files[@]}"
}

sqlite_url="file:./data/test-integration.db"
rm -f data/test-integration.db data/test-integration.db-wal data/test-integration.db-shm
run SQLite "$sqlite_url"

pg_port=""
stop_pg() { [[ -n "$pg_port" ]] && bash scripts/pg-throwaway.sh stop "$pg_port" || true; }
trap stop_pg EXIT
pg_line="$(bash scripts/pg-throwaway.sh start)"
pg_url="${pg_line#DATABASE_URL=}"
pg_port="$(sed -E 's#^.*:([0-9]+)/[^/]*$#\1#' <<<"$pg_url")"
run PostgreSQL "$pg_url"
