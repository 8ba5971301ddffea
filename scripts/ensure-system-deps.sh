#!/usr/bin/env bash
# Installs the system packages the tests need, when they are missing:
#   chromium    (Playwright e2e; Playwright cannot download browsers offline)
#   postgresql  (throwaway PostgreSQL for the integration tests)
# As root: apt-get update && apt-get install -y <missing>. Otherwise, when
# something is missing: one line saying what and how, and exit 1.
set -euo pipefail

missing=()

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  if [[ -n "${CHROMIUM_PATH:-}" ]]; then
    echo "ensure-system-deps: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
    exit 1
  fi
  missing+=(chromium)
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [[ -z "${PG_BIN:-}" ]]; then
  missing+=(postgresql)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "ensure-system-deps: chromium and postgresql present"
  exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
  echo "ensure-system-deps: missing ${missing[*]}; install with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "ensure-system-deps: installing ${missing[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}" </dev/null

# Never report success for something that is still not there.
[[ -x "$chromium" ]] || { echo "ensure-system-deps: chromium installed but $chromium not found" >&2; exit 1; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [[ -n "${PG_BIN:-}" ]] ||
  { echo "ensure-system-deps: postgresql installed but no /usr/lib/postgresql/*/bin/initdb" >&2; exit 1; }
echo "ensure-system-deps: installed ${missing[*]}"
