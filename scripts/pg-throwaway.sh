#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (Debian's postgresql package).
#
#   scripts/pg-throwaway.sh [start] [PORT]   start a fresh cluster on 127.0.0.1:PORT
#                                            (default $PG_THROWAWAY_PORT or 54329; the next
#                                            free port is used when it is taken) and print
#                                            DATABASE_URL=postgresql://... on stdout
#   scripts/pg-throwaway.sh stop [PORT|URL]  stop that cluster and delete its files;
#                                            without an argument: every cluster this
#                                            checkout started (.tmp/pg-throwaway/)
#
# Data lives in a temp dir owned by the `postgres` user (as root the server runs
# as `postgres` via runuser; as another user it runs as that user). fsync is off:
# the data is disposable. Startup takes ~2 s.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.tmp/pg-throwaway"
DB_NAME="${PG_THROWAWAY_DB:-app_test}"
DB_USER=postgres

die() { echo "pg-throwaway: $*" >&2; exit 1; }

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$d" && -x "$d/initdb" ]] || die "PostgreSQL server binaries not found (apt-get install -y postgresql, or run scripts/ensure-system-deps.sh)"
  echo "$d"
}

# Run a command as the cluster owner, from a directory it can read.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local bin port dir tries
  bin="$(find_bin)"
  port="${1:-${PG_THROWAWAY_PORT:-54329}}"
  [[ "$port" =~ ^[0-9]+$ ]] || die "bad port: $port"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user (it comes with the postgresql package)"
  fi

  dir="$(mktemp -d "${TMPDIR:-/tmp}/pg-throwaway.XXXXXX")"
  chmod 700 "$dir"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$dir"

  if ! as_owner "$bin/initdb" -D "$dir/data" -U "$DB_USER" -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed"
  fi

  for tries in $(seq 1 20); do
    while port_in_use "$port"; do port=$((port + 1)); done
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1; then
      break
    fi
    if grep -qiE "could not (bind|create listen)|already in use" "$dir/server.log" 2>/dev/null && ((tries < 20)); then
      port=$((port + 1)) # lost a race for the port: try the next one
      continue
    fi
    tail -n 20 "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "server did not start"
  done

  if ! as_owner "$bin/createdb" -h "$dir" -p "$port" -U "$DB_USER" "$DB_NAME" 2>"$dir/createdb.log"; then
    cat "$dir/createdb.log" >&2
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    die "createdb failed"
  fi

  mkdir -p "$STATE_DIR"
  echo "$dir" >"$STATE_DIR/$port"
  echo "DATABASE_URL=postgresql://$DB_USER@127.0.0.1:$port/$DB_NAME"
}

stop_port() {
  local port="$1" dir bin
  [[ -f "$STATE_DIR/$port" ]] || die "no throwaway cluster recorded for port $port"
  dir="$(cat "$STATE_DIR/$port")"
  bin="$(find_bin)"
  if [[ -d "$dir/data" ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$dir" in */pg-throwaway.*) rm -rf "$dir" ;; esac
  rm -f "$STATE_DIR/$port"
  echo "pg-throwaway: stopped cluster on port $port" >&2
}

stop() {
  local arg="${1:-}" f
  if [[ -z "$arg" ]]; then
    shopt -s nullglob
    for f in "$STATE_DIR"/*; do stop_port "$(basename "$f")"; done
    return 0
  fi
  arg="${arg#DATABASE_URL=}"
  if [[ "$arg" =~ ^postgres(ql)?:// ]]; then
    arg="$(sed -E 's#^[^/]*//[^/]*:([0-9]+)/.*#\1#' <<<"$arg")"
  fi
  [[ "$arg" =~ ^[0-9]+$ ]] || die "stop needs a port or a postgresql:// URL"
  stop_port "$arg"
}

case "${1:-start}" in
  start) shift || true; start "$@" ;;
  stop) shift; stop "$@" ;;
  [0-9]*) start "$1" ;;
  *) die "usage: $0 [start [PORT] | stop [PORT|URL]]" ;;
esac
