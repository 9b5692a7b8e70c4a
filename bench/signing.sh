#!/usr/bin/env bash
# Sign and verify a file with `rampart` against peers on the same file and the same kind of key
# (ECDSA P-256, SHA-256): signing against `openssl dgst -sign`, verifying against sigstore-js
# (@sigstore/verify via tests/tools/verify-bundle.mjs). Whole processes, so start-up counts.
# Usage: bench/signing.sh [SIZE_MB] [RUNS]   (needs: npm ci --prefix tests/tools, openssl)
set -euo pipefail
SIZE_MB=${1:-100}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dotnet build -c Release "$ROOT/src/Rampart.Cli" -o "$WORK/bin" -v q -nologo >/dev/null
RAMPART=("dotnet" "$WORK/bin/rampart.dll")
export RAMPART_KEY_PASSPHRASE=bench-passphrase

head -c $((SIZE_MB * 1024 * 1024)) /dev/urandom > "$WORK/artifact.bin"
"${RAMPART[@]}" keys generate --out "$WORK/keys" >/dev/null 2>&1
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/peer.pem" 2>/dev/null
openssl ec -in "$WORK/peer.pem" -pubout -out "$WORK/peer.pub" 2>/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
time_runs() { # prints mean ms of RUNS runs of the command
  local t0 t1; t0=$(now_ms)
  for _ in $(seq "$RUNS"); do "$@" >/dev/null 2>&1; done
  t1=$(now_ms); echo $(( (t1 - t0) / RUNS ))
}

rampart_sign=$(time_runs "${RAMPART[@]}" sign "$WORK/artifact.bin" --key "$WORK/keys/signing.key" --bundle "$WORK/artifact.sigstore.json")
openssl_sign=$(time_runs openssl dgst -sha256 -sign "$WORK/peer.pem" -out "$WORK/artifact.sig" "$WORK/artifact.bin")
rampart_verify=$(time_runs "${RAMPART[@]}" verify "$WORK/artifact.bin" --bundle "$WORK/artifact.sigstore.json" --key "$WORK/keys/signing.pub")
node "$ROOT/tests/tools/verify-bundle.mjs" "$WORK/artifact.sigstore.json" "$WORK/keys/signing.pub" "$WORK/artifact.bin" | grep -q verified
sigstore_verify=$(time_runs node "$ROOT/tests/tools/verify-bundle.mjs" "$WORK/artifact.sigstore.json" "$WORK/keys/signing.pub" "$WORK/artifact.bin")

awk -v mb="$SIZE_MB" -v runs="$RUNS" -v rs="$rampart_sign" -v os="$openssl_sign" -v rv="$rampart_verify" -v sv="$sigstore_verify" 'BEGIN {
  printf "file: %d MB, mean of %d runs (whole processes)\n", mb, runs;
  printf "sign:   rampart sign %d ms   openssl dgst -sign %d ms   ratio %.2fx\n", rs, os, (os > 0 ? rs / os : 0);
  printf "verify: rampart verify %d ms   sigstore-js %d ms   ratio %.2fx\n", rv, sv, (sv > 0 ? rv / sv : 0);
}'
