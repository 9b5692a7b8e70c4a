#!/usr/bin/env bash
# Times the web UI's runs pages with 10,000 runs in a real server's SQLite database: the first page,
# a page deep in the history (keyset), one repository, and one run. Prints milliseconds per page
# (median of 20 requests after 3 warm-ups) measured by curl. Needs python3 and curl.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rampart=${RAMPART_DLL:-$root/src/Rampart.Cli/bin/Debug/net10.0/rampart.dll}
runs=${RUNS:-10000}
work=$(mktemp -d)
dotnet "$rampart" --home "$work/state" server --listen http://127.0.0.1:0 >"$work/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do grep -q "listening on http://" "$work/server.log" && break; sleep 0.2; done
url=$(grep -o "listening on http://[0-9.:]*" "$work/server.log" | head -1 | sed 's/listening on //')
token=$(grep -o "admin token: [^ ]*" "$work/server.log" | head -1 | sed 's/admin token: //')
admin=$(curl -sf -H "Authorization: Bearer $token" "$url/api/v1/users/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])')
curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"password":"benchmark password 1"}' "$url/api/v1/users/$admin/password"

python3 - "$work/state/service.db" "$runs" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2])
db.executemany("INSERT INTO runs (pipeline, repository, ref, commit_sha, event, status, started_at, finished_at) VALUES (?,?,?,?,?,?,?,?)",
  ((("ci" if i % 3 else "nightly"), f"acme/r{i % 20}", "refs/heads/main", f"{i:040x}", "push", "Succeeded",
    "2026-01-01T00:00:00.0000000Z", "2026-01-01T00:01:00.0000000Z") for i in range(1, n + 1)))
db.commit()
PY

jar="$work/cookies"
login=$(curl -sf -c "$jar" "$url/login")
csrf=$(printf '%s' "$login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -sf -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$csrf" \
  --data-urlencode "username=$admin" --data-urlencode "password=benchmark password 1" --data-urlencode "return=/runs" "$url/login"

time_page() {
  for _ in 1 2 3; do curl -sf -b "$jar" -o /dev/null "$url$1"; done
  for _ in $(seq 1 20); do curl -sf -b "$jar" -o /dev/null -w '%{time_total}\n' "$url$1"; done \
    | sort -n | awk '{a[NR]=$1} END {printf "%8.1f ms  %s\n", a[int((NR+1)/2)]*1000, page}' page="$1"
}
echo "$runs runs in SQLite; median of 20 requests"
time_page "/runs"
time_page "/runs?before=$((runs / 2))"
time_page "/runs?before=60"
time_page "/runs?repository=acme/r7"
time_page "/runs?repository=acme/r7&pipeline=nightly&before=$((runs / 3))"
time_page "/runs/$((runs / 2))"
time_page "/insights"
