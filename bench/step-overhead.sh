#!/usr/bin/env bash
# Per-step overhead of `rampart run` against plain `bash -c`, on the same N trivial steps.
# Usage: bench/step-overhead.sh [N] [--unsafe-no-sandbox]
# Prints milliseconds per step for both, the overhead and the ratio.
set -euo pipefail
N=${1:-100}
EXTRA=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dotnet build -c Release "$ROOT/src/Rampart.Cli" -o "$WORK/bin" -v q -nologo >/dev/null
RAMPART=("dotnet" "$WORK/bin/rampart.dll")

make_repo() { # $1 = dir, $2 = steps
  mkdir -p "$1/.rampart"
  {
    echo "name: overhead"
    echo "jobs:"
    echo "  steps:"
    echo "    timeout: 1h"
    echo "    steps:"
    for i in $(seq "$2"); do echo "      - run: \"true\""; done
  } > "$1/.rampart/pipeline.yml"
  git -C "$1" init -q && git -C "$1" add -A && git -C "$1" -c user.email=b@rampart.example -c user.name=bench commit -qm bench
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

make_repo "$WORK/one" 1
make_repo "$WORK/many" "$N"
"${RAMPART[@]}" run "$WORK/one" --home "$WORK/state" $EXTRA >/dev/null   # warm-up

t0=$(now_ms); "${RAMPART[@]}" run "$WORK/one" --home "$WORK/state" $EXTRA >/dev/null; t1=$(now_ms)
"${RAMPART[@]}" run "$WORK/many" --home "$WORK/state" $EXTRA >/dev/null; t2=$(now_ms)
for i in $(seq "$N"); do bash -c true; done; t3=$(now_ms)

one=$((t1 - t0)); many=$((t2 - t1)); plain=$((t3 - t2))
awk -v n="$N" -v one="$one" -v many="$many" -v plain="$plain" 'BEGIN {
  rampart = (many - one) / (n - 1); bash = plain / n;
  printf "steps: %d\n", n;
  printf "rampart run: %.1f ms per step (run of 1 step: %d ms, of %d steps: %d ms)\n", rampart, one, n, many;
  printf "bash -c:     %.1f ms per step\n", bash;
  printf "overhead:    %.1f ms per step; ratio %.1fx\n", rampart - bash, (bash > 0 ? rampart / bash : 0);
}'
