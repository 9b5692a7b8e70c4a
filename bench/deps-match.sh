#!/usr/bin/env bash
# Matching a 10,000-component SBOM against 500,000 OSV records, end to end with the real CLI:
# generate the corpus (seeded), import it, then `rampart scan deps --sbom`. Prints import time, scan
# time (store open + match + report) and peak memory of each process.
# Usage: bench/deps-match.sh [RECORDS] [COMPONENTS]    (defaults 500000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-500000}
components=${2:-10000}
work=$(mktemp -d /tmp/rampart-deps-match.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release -v q --nologo src/Rampart.Cli >/dev/null
dotnet build -c Release -v q --nologo bench/Rampart.Benchmarks >/dev/null
rampart="dotnet src/Rampart.Cli/bin/Release/net10.0/rampart.dll"

echo "== generating $records records and a $components-component SBOM"
dotnet bench/Rampart.Benchmarks/bin/Release/net10.0/Rampart.Benchmarks.dll generate-osv "$work" "$records" "$components"
du -sh "$work/osv" | sed 's/^/corpus zips: /'

measure() { # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out" 2>"$work/err" || true
  end=$(date +%s.%N)
  printf '%-28s %8.2f s   peak RSS %6.0f MB\n' "$label" "$(echo "$end - $start" | bc)" "$(echo "$(cat "$work/rss") / 1024" | bc -l)"
}

measure "import ($records records)" $rampart db --db "$work/store" import $(find "$work/osv" -name all.zip | sort)
du -h "$work/store/osv.store" | sed 's/^/store file: /'
measure "scan deps ($components comps)" $rampart scan deps --db "$work/store" --sbom "$work/sbom.cdx.json" --format json --fail-on never -o "$work/report.json"
python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
hit = len({v["purl"] for v in r["vulnerabilities"]})
print(f'components {r["components"]}, store records {r["advisoryStore"]["records"]}, vulnerabilities {len(r["vulnerabilities"])} in {hit} components')
PY
measure "process start (--help)" $rampart scan deps --help
