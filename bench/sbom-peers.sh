#!/usr/bin/env bash
# Side-by-side SBOM generation: rampart vs Microsoft.Sbom.DotNetTool (sbom-tool), the CycloneDX dotnet
# tool and @cyclonedx/cdxgen, on (1) this repository and (2) a generated solution of N .NET projects
# (default 200) that reference packages from the local NuGet cache (restored once, before timing).
# Prints wall time, components found, the NuGet components each peer found that rampart did not (and
# the reverse), and time ratios. Peers are installed into $RAMPART_BENCH_TOOLS (default /tmp/rampart-bench-tools).
# Usage: bench/sbom-peers.sh [PROJECTS]
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
repo=$(pwd)
projects=${1:-200}
tools=${RAMPART_BENCH_TOOLS:-/tmp/rampart-bench-tools}
work=$(mktemp -d /tmp/rampart-sbom-peers.XXXXXX)
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 FETCH_LICENSE=false CDXGEN_DEBUG_MODE=none

[ -x "$tools/dn/sbom-tool" ] || dotnet tool install --tool-path "$tools/dn" Microsoft.Sbom.DotNetTool >/dev/null
[ -x "$tools/dn/dotnet-CycloneDX" ] || dotnet tool install --tool-path "$tools/dn" CycloneDX >/dev/null
[ -x "$tools/npm/node_modules/.bin/cdxgen" ] || npm install --prefix "$tools/npm" --no-audit --no-fund @cyclonedx/cdxgen >/dev/null
dotnet build -c Release -v q --nologo src/Rampart.Cli >/dev/null
rampart="dotnet $repo/src/Rampart.Cli/bin/Release/net10.0/rampart.dll"

echo "== generating a $projects-project solution"
gen="$work/gen"
python3 - "$gen" "$projects" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
# Packages this repository restores, so the generated solution restores from the local cache alone.
pool = [("YamlDotNet", "18.1.0"), ("Spectre.Console", "0.57.2"), ("System.CommandLine", "2.0.15"),
        ("Microsoft.Data.Sqlite", "11.0.0"), ("NuGet.Versioning", "8.0.0"), ("Microsoft.Extensions.FileSystemGlobbing", "11.0.0"),
        ("BenchmarkDotNet", "0.15.8"), ("xunit.v3", "4.0.2")]
os.makedirs(root, exist_ok=True)
for i in range(n):
    name = f"Project{i:03}"
    d = os.path.join(root, "src", name)
    os.makedirs(d, exist_ok=True)
    refs = [pool[(i + k * 3) % len(pool)] for k in range(2 + i % 3)]
    proj_refs = "".join(f'<ProjectReference Include="../Project{j:03}/Project{j:03}.csproj" />' for j in range(max(0, i - 2), i) if i % 4 == 0)
    items = "".join(f'<PackageReference Include="{p}" Version="{v}" />' for p, v in dict(refs).items())
    out = "Exe" if "xunit.v3" in dict(refs) else "Library"
    open(os.path.join(d, name + ".csproj"), "w").write(
        f'<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>{out}</OutputType></PropertyGroup>'
        f'<ItemGroup>{items}</ItemGroup><ItemGroup>{proj_refs}</ItemGroup></Project>\n')
    open(os.path.join(d, "Class1.cs"), "w").write(f"namespace {name}; public static class C {{ }}\n")
PY
(cd "$gen" && dotnet new sln -n Generated --format sln >/dev/null && dotnet sln Generated.sln add src/*/*.csproj >/dev/null \
  && dotnet restore Generated.sln -v q --nologo >/dev/null)
echo "restored: $(find "$gen" -name project.assets.json | wc -l) projects"

run() { # label, output file, command...
  local label=$1 out=$2; shift 2
  local start end
  start=$(date +%s.%N)
  if "$@" >"$work/log" 2>&1; then :; else echo "   ($label failed; last lines:)"; tail -3 "$work/log" | sed 's/^/     /'; fi
  end=$(date +%s.%N)
  echo "$label $(echo "$end - $start" | bc) $out" >>"$work/results"
}

count() { # prints "nuget-name@version" per line from a CycloneDX or SPDX file
  python3 - "$1" <<'PY'
import json, sys, urllib.parse
try:
    doc = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(0)
purls = []
def walk(cs):
    for c in cs or []:
        if c.get("purl"): purls.append(c["purl"])
        walk(c.get("components"))
walk(doc.get("components"))
for p in doc.get("packages", []):
    for r in p.get("externalRefs", []):
        if r.get("referenceType") == "purl": purls.append(r["referenceLocator"])
for p in sorted(set(purls)):
    if p.startswith("pkg:nuget/"):
        body = urllib.parse.unquote(p[len("pkg:nuget/"):].split("?")[0].split("#")[0])
        print(body.lower())
PY
}

bench_input() { # name, folder, solution-or-project
  local name=$1 dir=$2 entry=$3
  rm -f "$work/results"
  echo
  echo "== $name ($dir)"
  run rampart "$work/$name-rampart.json" $rampart sbom "$dir" -o "$work/$name-rampart.json"
  rm -rf "$work/$name-sbomtool"; mkdir -p "$work/$name-sbomtool"
  run sbom-tool "$work/$name-sbomtool/_manifest/spdx_2.2/manifest.spdx.json" env DOTNET_ROLL_FORWARD=Major "$tools/dn/sbom-tool" generate \
      -b "$work/$name-sbomtool" -bc "$dir" -pn "$name" -pv 1.0.0 -ps Example -nsb https://sbom.example -V Error
  run cyclonedx-dotnet "$work/$name-cdxnet/bom.json" env DOTNET_ROLL_FORWARD=Major "$tools/dn/dotnet-CycloneDX" "$entry" -o "$work/$name-cdxnet" -F Json -dpr
  run cdxgen "$work/$name-cdxgen.json" "$tools/npm/node_modules/.bin/cdxgen" -t dotnet -o "$work/$name-cdxgen.json" "$dir"
  count "$work/$name-rampart.json" | sort -u >"$work/rampart.set"
  local base
  base=$(awk '$1=="rampart"{print $2}' "$work/results")
  printf '%-18s %9s %8s %11s %s\n' tool seconds nuget "vs rampart" "missing-from-rampart / missing-from-tool"
  while read -r tool secs out; do
    count "$out" | sort -u >"$work/tool.set" || true
    local n extra missing
    n=$(wc -l <"$work/tool.set")
    extra=$(comm -13 "$work/rampart.set" "$work/tool.set" | wc -l)
    missing=$(comm -23 "$work/rampart.set" "$work/tool.set" | wc -l)
    printf '%-18s %9.2f %8d %10.1fx %s / %s\n' "$tool" "$secs" "$n" "$(echo "$secs / $base" | bc -l)" "$extra" "$missing"
    if [ "$tool" != rampart ]; then
      comm -13 "$work/rampart.set" "$work/tool.set" | head -5 | sed 's/^/    only in '"$tool"': /'
      comm -23 "$work/rampart.set" "$work/tool.set" | head -5 | sed 's/^/    only in rampart: /'
    fi
  done <"$work/results"
}

bench_input repository "$repo" "$repo/Rampart.slnx"
bench_input generated "$gen" "$gen/Generated.sln"
