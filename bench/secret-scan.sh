#!/usr/bin/env bash
# Side-by-side secret scanning benchmark: rampart, secretlint (npm, recommended preset) and
# git-secrets (Debian, AWS patterns) on the same generated inputs. Prints MB/s, peak memory and
# ratios. Inputs are generated into $WORK (not the repository):
#   tree     TREE_MB of source-like files (default 500) — rampart and git-secrets
#   subset   SUBSET_MB of the same kind (default 40)   — all three: secretlint's run time grows
#            roughly with the square of the file count, so it is compared on a smaller tree
#   history  a git repository of COMMITS commits (default 10000) — rampart and git-secrets; or, with
#            HISTORY_REPO=PATH, every ref of a real repository (copied with `git clone --mirror`)
#   SECRETLINT_FULL=1 also runs secretlint once on the full tree, the same input as rampart's main
#            figure (niced; it takes tens of minutes and is stopped after SECRETLINT_FULL_LIMIT seconds,
#            default 5400, in which case its ratio is a lower bound)
# usage: bench/secret-scan.sh        (environment: WORK, TREE_MB, SUBSET_MB, COMMITS, HISTORY_REPO, SKIP_SLOW=1, SECRETLINT_FULL=1)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${WORK:-/tmp/rampart-bench}
TREE_MB=${TREE_MB:-500}
SUBSET_MB=${SUBSET_MB:-40}
COMMITS=${COMMITS:-10000}
mkdir -p "$WORK"

echo "== building rampart (Release)"
dotnet build -c Release src/Rampart.Cli -v quiet -nologo >/dev/null
RAMPART=(dotnet "$ROOT/src/Rampart.Cli/bin/Release/net10.0/rampart.dll")

echo "== peer tools"
if ! command -v git-secrets >/dev/null; then
  apt-get install -y -qq --no-install-recommends git-secrets >/dev/null
fi
if [ ! -x "$WORK/tools/node_modules/.bin/secretlint" ]; then
  npm install --prefix "$WORK/tools" --no-audit --no-fund --loglevel=error --save-exact \
    secretlint@12.3.1 @secretlint/secretlint-rule-preset-recommend@12.3.1 >/dev/null
fi
echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$WORK/.secretlintrc.json"
# git-secrets keeps its patterns in git config: a private HOME keeps the user's config untouched.
export GS_HOME="$WORK/gs-home"
mkdir -p "$GS_HOME"
HOME="$GS_HOME" git config --global user.name bench
HOME="$GS_HOME" git secrets --register-aws --global >/dev/null 2>&1 || true

echo "== inputs"
[ -d "$WORK/tree" ] || python3 bench/secret-scan/gen_tree.py "$WORK/tree" "$TREE_MB" 42
[ -d "$WORK/subset" ] || python3 bench/secret-scan/gen_tree.py "$WORK/subset" "$SUBSET_MB" 43
if [ -n "${HISTORY_REPO:-}" ]; then
  # A work tree whose .git holds every ref of the given repository, so `--all` reads its whole history.
  rm -rf "$WORK/history-real"
  git clone -q --mirror "$HISTORY_REPO" "$WORK/history-real/.git"
  git -C "$WORK/history-real" config --bool core.bare false
  HISTORY="$WORK/history-real"
  COMMITS=$(git -C "$HISTORY" rev-list --all --count)
else
  HISTORY="$WORK/history"
  [ -d "$HISTORY/.git" ] || python3 bench/secret-scan/gen_history.py "$HISTORY" "$COMMITS"
fi
tree_mb=$(du -sb --exclude=.git "$WORK/tree" | awk '{print $1/1e6}')
subset_mb=$(du -sb "$WORK/subset" | awk '{print $1/1e6}')
history_mb=$(git -C "$HISTORY" log -p -U0 --all --full-history --no-color | wc -c | awk '{print $1/1e6}')
echo "tree $tree_mb MB ($(find "$WORK/tree" -type f | wc -l) files), subset $subset_mb MB ($(find "$WORK/subset" -type f | wc -l) files), history $COMMITS commits, $history_mb MB of diffs"

results="$WORK/results.tsv"
: > "$results"
# measure NAME INPUT_NAME MB COMMAND...: wall and CPU seconds (user+sys, children included) and peak
# RSS via GNU time. Exit codes 0/1 both mean "scanned"; a run over LIMIT seconds is stopped and marked.
# On a shared machine wall time depends on the load, so MB per CPU-second is printed as well.
LIMIT=${LIMIT:-900}
measure() {
  local name=$1 input=$2 mb=$3; shift 3
  local out="$WORK/$name-$input.out"
  /usr/bin/time -f "%e %U %S %M %x" -o "$WORK/time.txt" timeout "$LIMIT" "$@" >"$out" 2>&1 || true
  read -r secs user sys kb code < <(tail -1 "$WORK/time.txt")
  local cpu; cpu=$(echo "$user + $sys" | bc -l)
  local note=""; [ "$code" = 124 ] && note=" (stopped after ${LIMIT}s)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$input" "$mb" "$secs" "$cpu" "$kb" "$code" >> "$results"
  printf '  %-20s %-8s %7.1f MB %8.2f s wall %8.2f s cpu %8.1f MB/s %8.1f MB/cpu-s %6.0f MB peak%s\n' "$name" "$input" "$mb" "$secs" "$cpu" \
    "$(echo "$mb / $secs" | bc -l)" "$(echo "$mb / ($cpu + 0.001)" | bc -l)" "$(echo "$kb / 1024" | bc -l)" "$note"
}

echo "== directory scans"
measure rampart-1-core tree "$tree_mb" taskset -c 0 "${RAMPART[@]}" scan secrets "$WORK/tree" --threads 1 --format json
measure rampart-all-cores tree "$tree_mb" "${RAMPART[@]}" scan secrets "$WORK/tree" --format json
measure git-secrets tree "$tree_mb" env HOME="$GS_HOME" git secrets --scan -r "$WORK/tree"
measure rampart-1-core subset "$subset_mb" taskset -c 0 "${RAMPART[@]}" scan secrets "$WORK/subset" --threads 1 --format json
measure git-secrets subset "$subset_mb" env HOME="$GS_HOME" git secrets --scan -r "$WORK/subset"
if [ "${SKIP_SLOW:-0}" != 1 ]; then
  measure secretlint subset "$subset_mb" bash -c "cd '$WORK/subset' && '$WORK/tools/node_modules/.bin/secretlint' --secretlintrc '$WORK/.secretlintrc.json' --format json '**/*'"
fi
if [ "${SECRETLINT_FULL:-0}" = 1 ]; then
  echo "   secretlint on the full tree: long (tens of minutes), niced, stopped after ${SECRETLINT_FULL_LIMIT:-5400} s"
  LIMIT=${SECRETLINT_FULL_LIMIT:-5400} measure secretlint tree "$tree_mb" nice -n 10 bash -c "cd '$WORK/tree' && '$WORK/tools/node_modules/.bin/secretlint' --secretlintrc '$WORK/.secretlintrc.json' --format json '**/*'"
fi

echo "== history scans"
measure rampart-1-core history "$history_mb" taskset -c 0 "${RAMPART[@]}" scan secrets "$HISTORY" --history --threads 1 --format json
measure rampart-all-cores history "$history_mb" "${RAMPART[@]}" scan secrets "$HISTORY" --history --format json
measure git-log-only history "$history_mb" bash -c "git -C '$HISTORY' log -p -U0 --all --full-history --no-color > /dev/null"
measure git-secrets history "$history_mb" bash -c "cd '$HISTORY' && HOME='$GS_HOME' git secrets --scan-history"

echo "== ratios (rampart on one core vs the other tool; by CPU time, which the machine's load does not distort)"
echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
awk -F'\t' '
  { rate[$1 "/" $2] = $3 / ($5 + 0.001); stopped[$1 "/" $2] = ($7 == 124) }
  END {
    printf "  tree:    rampart 1 core %.0f MB/cpu-s; %.1fx git-secrets\n", rate["rampart-1-core/tree"], rate["rampart-1-core/tree"] / rate["git-secrets/tree"]
    if ("secretlint/tree" in rate)
      printf "  tree:    %s%.1fx secretlint on the same 500 MB tree%s\n", stopped["secretlint/tree"] ? "at least " : "", rate["rampart-1-core/tree"] / rate["secretlint/tree"], stopped["secretlint/tree"] ? " (secretlint was stopped before it finished)" : ""
    if ("secretlint/subset" in rate)
      printf "  subset:  rampart 1 core %.0f MB/cpu-s; %.1fx secretlint; %.1fx git-secrets\n", rate["rampart-1-core/subset"], rate["rampart-1-core/subset"] / rate["secretlint/subset"], rate["rampart-1-core/subset"] / rate["git-secrets/subset"]
    printf "  history: rampart 1 core %.1f MB/cpu-s of diffs (git log included); %.1fx git-secrets; git log -p alone %.1f MB/cpu-s\n", rate["rampart-1-core/history"], rate["rampart-1-core/history"] / rate["git-secrets/history"], rate["git-log-only/history"]
  }' "$results"
echo "findings: rampart tree $(grep -c '"ruleId"' "$WORK/rampart-1-core-tree.out" || true), git-secrets tree $(grep -c '\[ERROR\]\|:[0-9]*:' "$WORK/git-secrets-tree.out" || true), rampart history $(grep -c '"ruleId"' "$WORK/rampart-1-core-history.out" || true)"
