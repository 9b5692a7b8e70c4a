#!/usr/bin/env bash
# The service under load on this machine: dispatch latency (webhook -> job start, p50/p99), jobs per
# minute, webhook intake per second, first with one server on SQLite, then with two replicas on a
# throwaway PostgreSQL; 4 runner processes each time. Figures and their reading: docs/scaling.md.
#
# Usage: bench/service-dispatch.sh [sqlite|postgres|both] [extra service_load.py flags…]
#   BENCH_RUNS=2000      runs (one trivial job each) for the throughput figure
#   BENCH_LATENCY=200    webhooks sent one at a time for the latency figure
#   BENCH_INTAKE=2000    deliveries for the intake figure
#   BENCH_RUNNERS=4      runner processes
#   e.g. BENCH_RUNS=200 bench/service-dispatch.sh sqlite --unsafe-no-sandbox
# Every process it starts is bound to 127.0.0.1 and stopped by its PID at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=${1:-both}
shift || true
WORK=$(mktemp -d /tmp/rampart-service-bench.XXXXXX)
pg_dir="" pg_bin="" status=0
cleanup() {
  if [ -n "$pg_dir" ]; then
    su postgres -c "$pg_bin/pg_ctl -D $pg_dir/data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building rampart (Release)"
dotnet build -c Release "$ROOT/src/Rampart.Cli" -v q -nologo >/dev/null
RAMPART="dotnet $ROOT/src/Rampart.Cli/bin/Release/net10.0/rampart.dll"
FLAGS=(--runs "${BENCH_RUNS:-2000}" --latency "${BENCH_LATENCY:-200}" --intake "${BENCH_INTAKE:-2000}" --runners "${BENCH_RUNNERS:-4}")
echo "== $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"

if [ "$MODE" = sqlite ] || [ "$MODE" = both ]; then
  python3 "$ROOT/bench/service_load.py" --rampart "$RAMPART" --work "$WORK/sqlite" --database sqlite "${FLAGS[@]}" "$@" || status=1
fi

if [ "$MODE" = postgres ] || [ "$MODE" = both ]; then
  # A throwaway cluster, as .ci/run starts one: socket in its own folder, fsync off (nothing outlives the bench).
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_dir=$(mktemp -d)
  chown postgres "$pg_dir"
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  su postgres -c "$pg_bin/initdb -D $pg_dir/data -U postgres --auth=trust -E UTF8" >/dev/null
  su postgres -c "$pg_bin/pg_ctl -D $pg_dir/data -l $pg_dir/server.log -w \
    -o '-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c full_page_writes=off -c max_connections=300' start" >/dev/null
  connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  python3 "$ROOT/bench/service_load.py" --rampart "$RAMPART" --work "$WORK/postgres" --database "postgres:$connection" --replicas 2 "${FLAGS[@]}" "$@" || status=1
fi
exit "$status"
