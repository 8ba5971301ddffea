#!/usr/bin/env bash
# `npm test`: system deps, Prisma clients, typecheck, then the suites in order
#   unit -> emulator -> integration (SQLite + PostgreSQL) -> drift gating -> e2e
# Stops at the first failing step; always ends with one line
#   tests: <N> passed, <M> failed
# summing the counts each suite reports (a failing step that reports no failed
# test, e.g. the typecheck, counts as one failure).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1 CI="${CI:-1}"

LOG_DIR=.tmp/test-logs
mkdir -p "$LOG_DIR"
passed=0
failed=0

summary() {
  echo
  echo "tests: $passed passed, $failed failed"
}
trap summary EXIT

# Sums "N passed / M failed" from node:test (spec: "ℹ pass N", tap: "# pass N")
# and Playwright ("  N passed (…)", "  N failed", "  N flaky") output.
count() { # $1 = log file
  local p f
  p="$(sed -E 's/\x1b\[[0-9;]*m//g' "$1" | awk '
    /^(ℹ|#) pass [0-9]+$/ { n += $3 }
    /^ +[0-9]+ (passed|flaky)( |$)/ { n += $1 }
    END { print n + 0 }')"
  f="$(sed -E 's/\x1b\[[0-9;]*m//g' "$1" | awk '
    /^(ℹ|#) (fail|cancelled) [0-9]+$/ { n += $3 }
    /^ +[0-9]+ failed( |$)/ { n += $1 }
    END { print n + 0 }')"
  echo "$p $f"
}

# step NAME COMMAND... : runs, shows and logs the output, adds its counts.
step() {
  local name="$1" log="$LOG_DIR/$1.log" rc p f
  shift
  echo
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  read -r p f < <(count "$log")
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [[ $rc -ne 0 ]]; then
    echo "=== $name FAILED (exit $rc; log: $log)"
    exit 1
  fi
}

step system-deps bash scripts/ensure-system-deps.sh
step generate npm run -s db:generate
step typecheck node_modules/.bin/tsc --noEmit
step lint node_modules/.bin/eslint --max-warnings=0 .
step format node_modules/.bin/prettier --check .
step unit npm run -s test:unit
step emulator npm run -s test:emulator
step integration npm run -s test:integration
# The same suite configured as for real Stripe: nothing emulator-only may be called.
step drift-gating npm run -s test:drift-gating
if [[ -n "$(find e2e -type f \( -name '*.spec.ts' -o -name '*.test.ts' \) 2>/dev/null)" ]]; then
  step e2e npm run -s test:e2e
else
  echo
  echo "=== e2e: no specs under e2e/"
fi
exit 0
