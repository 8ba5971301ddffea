#!/usr/bin/env bash
# Runs the node:test files (*.test.ts) found under DIR with tsx.
#   scripts/run-node-tests.sh DIR [MAXDEPTH] [-- extra node args]
# Node 20's --test takes no globs, so the files are listed with find. No files:
# says so and succeeds (the test-all summary then counts 0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dir="${1:?usage: run-node-tests.sh DIR [MAXDEPTH] [-- node args]}"
shift
depth=()
if [[ $# -gt 0 && "$1" != "--" ]]; then depth=(-maxdepth "$1"); shift; fi
[[ "${1:-}" == "--" ]] && shift

files=()
if [[ -d "$dir" ]]; then
  mapfile -t files < <(find "$dir" "${depth[@]}" -type f -name '*.test.ts' \
    -not -path '*/node_modules/*' -not -path '*/generated/*' | sort)
fi
if [[ ${#files[@]} -eq 0 ]]; then
  echo "no test files (*.test.ts) under $dir"
  exit 0
fi
exec node --import tsx --test --test-reporter=spec --test-timeout=120000 "$@" "${files[@]}"
