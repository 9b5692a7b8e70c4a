#!/usr/bin/env bash
# Gate decision latency (p50/p99) and 1,000-rule throughput for the native Rego engine.
# No peer runs here: the opa binary is not available on these machines (see docs/policy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Rampart.Benchmarks >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
dotnet bench/Rampart.Benchmarks/bin/Release/net10.0/Rampart.Benchmarks.dll policy-latency "${1:-3000}"
