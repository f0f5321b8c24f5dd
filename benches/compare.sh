#!/usr/bin/env bash
# Side-by-side timings of quipu against the everyday tools people would otherwise reach for:
#   quipu check FILE          vs  jq empty FILE                                  (parse + validate)
#   quipu search QUERY FILE   vs  jq -r '.actors[].name' FILE | fzf --filter QUERY  (fuzzy search)
#   quipu search --events EQUERY FILE
#                             vs  jq -r '.events[].title' FILE | fzf --filter EQUERY (events)
# on generated chronologies of 1,000 / 100,000 / 1,000,000 events. Both sides read and parse
# the whole file: the ratio is of the whole command, as a reader would run it.
#
# Usage: benches/compare.sh [EVENTS...]          (default: 1000 100000 1000000)
# Environment: RUNS (timed runs per command, default 5), QUERY (default "perez"),
#              EQUERY (events, default "asunc"), DIR (where the generated files go, default
#              target/compare).
# Needs jq; fzf for the search comparisons (not installed on the build machine by default:
# `apt-get install -y fzf`, 0.38 from Debian was used for docs/PERFORMANCE.md); uses hyperfine
# when installed, else a date-based loop.
# On Debian/Ubuntu: apt-get install -y hyperfine jq fzf time
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
QUERY=${QUERY:-perez}
EQUERY=${EQUERY:-asunc}
DIR=${DIR:-target/compare}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 100000 1000000)

command -v jq >/dev/null || { echo "compare.sh: jq is needed (apt-get install -y jq)" >&2; exit 2; }

echo "building release binaries…" >&2
cargo build --release --quiet -p quipu-gen -p quipu --bins
QUIPU=target/release/quipu
GEN=target/release/quipu-gen
mkdir -p "$DIR"

# `quipu search` may not exist yet in this build: clap then refuses the arguments (exit 2).
search_works() {
  local status=0
  "$QUIPU" search "$QUERY" "$1" >/dev/null 2>&1 || status=$?
  [ "$status" -ne 2 ]
}

# "MEDIAN CPU": median wall-clock seconds of a shell command over RUNS runs after one warm-up run,
# and its mean user+system CPU seconds ("?" without hyperfine). CPU time is the steadier figure
# on a busy machine; wall time is what a user waits.
median_seconds() {
  local cmd=$1
  if command -v hyperfine >/dev/null; then
    local json
    json=$(mktemp)
    hyperfine --style none --warmup 1 --runs "$RUNS" --ignore-failure --export-json "$json" "$cmd" >/dev/null
    jq -r '.results[0] | "\(.median) \((.user + .system) * 1000 | round / 1000)s"' "$json"
    rm -f "$json"
  else
    bash -c "$cmd" >/dev/null 2>&1 || true
    local times=() start end
    for _ in $(seq "$RUNS"); do
      start=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>&1 || true
      end=$(date +%s%N)
      times+=("$(( end - start ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.6f ?\n", m / 1e9 }'
  fi
}

# Peak resident memory in KiB, when GNU time is available.
peak_kib() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' bash -c "$1 >/dev/null 2>&1" 2>&1 | tail -1
  else
    echo "?"
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)" >&2
echo "timer: $(command -v hyperfine >/dev/null && echo "hyperfine, median of $RUNS runs" || echo "date loop, median of $RUNS runs")" >&2
printf '\n%-9s %9s | %9s %9s %9s %9s %7s %10s | %9s %9s %7s | %9s %9s %7s\n' \
  events "file MB" check "(cpu)" "jq empty" "(cpu)" ratio "check RSS" search "jq|fzf" ratio \
  "#search" "jq|fzf" ratio
for events in "${SIZES[@]}"; do
  file="$DIR/gen-$events.json"
  # Deterministic: regenerate only when the generator changed.
  if [ ! -s "$file" ] || [ "$GEN" -nt "$file" ]; then
    "$GEN" --events "$events" --seed 1 >"$file"
  fi
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')

  read -r check check_cpu < <(median_seconds "$QUIPU check $file")
  read -r jq_empty jq_cpu < <(median_seconds "jq empty $file")
  rss=$(peak_kib "$QUIPU check $file")

  if search_works "$file" && command -v fzf >/dev/null; then
    read -r search _ < <(median_seconds "$QUIPU search $QUERY $file")
    read -r fzf _ < <(median_seconds "jq -r '.actors[].name' $file | fzf --filter $QUERY")
    search_ratio=$(ratio "$search" "$fzf")
    search=$(printf '%.3fs' "$search") fzf=$(printf '%.3fs' "$fzf")
    read -r esearch _ < <(median_seconds "$QUIPU search --events $EQUERY $file")
    read -r efzf _ < <(median_seconds "jq -r '.events[].title' $file | fzf --filter $EQUERY")
    esearch_ratio=$(ratio "$esearch" "$efzf")
    esearch=$(printf '%.3fs' "$esearch") efzf=$(printf '%.3fs' "$efzf")
  else
    search="skipped" fzf="-" search_ratio="-" esearch="skipped" efzf="-" esearch_ratio="-"
  fi
  printf '%-9s %9s | %8.3fs %9s %8.3fs %9s %7s %6s MiB | %9s %9s %7s | %9s %9s %7s\n' \
    "$events" "$mb" "$check" "$check_cpu" "$jq_empty" "$jq_cpu" "$(ratio "$check" "$jq_empty")" \
    "$(( ${rss/\?/0} / 1024 ))" "$search" "$fzf" "$search_ratio" "$esearch" "$efzf" "$esearch_ratio"
done
if ! search_works "${DIR}/gen-${SIZES[0]}.json"; then
  echo "note: search skipped: this build's \`quipu search\` does not take QUERY FILE yet" >&2
elif ! command -v fzf >/dev/null; then
  echo "note: search skipped: fzf is not installed" >&2
fi
echo "ratio = quipu / the other tool, wall-clock medians (below 1: quipu is faster); (cpu) = mean user+system s." >&2
