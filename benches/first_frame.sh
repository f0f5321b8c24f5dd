#!/usr/bin/env bash
# The explorer on a big file, as a person meets it, side by side with `jq empty` on the same file:
#   - time to the first interactive frame: from starting `quipu FILE` in tmux until the timeline's
#     footer shows the event counter ("1/1000000"), which the loading screen never shows;
#   - peak memory (GNU time's maximum RSS) over the whole session: the explorer is left running
#     until it has gone idle (the search index is built on its own thread after the first frame),
#     then quit with `q`.
# Runs alternate quipu and jq, RUNS times each; medians and their ratio are printed.
#
# Usage: benches/first_frame.sh FILE [RUNS]      (RUNS default 3)
# Environment: QUIPU (default target/release/quipu). Needs tmux, jq and /usr/bin/time
# (apt-get install -y tmux jq time); it refuses to run without them.
set -euo pipefail
cd "$(dirname "$0")/.."

FILE=${1:?usage: benches/first_frame.sh FILE [RUNS]}
RUNS=${2:-3}
QUIPU=${QUIPU:-target/release/quipu}
SCRIPT=first_frame.sh
# shellcheck source=benches/tmux_session.sh
. benches/tmux_session.sh
need tmux jq /usr/bin/time

# One explorer session: prints "SECONDS_TO_FIRST_FRAME PEAK_KIB".
explore_once() {
  local session="load-ff-$$" rss tmp start first pid
  tmp=$(mktemp)
  start=$(now)
  tmux new-session -d -s "$session" -x 120 -y 40 \
    "/usr/bin/time -f %M -o $tmp $QUIPU $FILE"
  until tmux capture-pane -p -t "$session" 2>/dev/null | grep -Eq ' 1/[0-9]+ *$'; do
    sleep 0.02
  done
  first=$(now)
  pid=$(quipu_pid "$session")
  wait_idle "$pid"
  tmux send-keys -t "$session" q
  while tmux has-session -t "$session" 2>/dev/null; do sleep 0.1; done
  rss=$(tail -1 "$tmp")
  rm -f "$tmp"
  echo "$(( (first - start) / 1000000 )) $rss"
}

jq_once() {
  local start
  start=$(now)
  jq empty "$FILE"
  echo $(( ($(now) - start) / 1000000 ))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

frames=() peaks=() jqs=()
for run in $(seq "$RUNS"); do
  read -r ms kib < <(explore_once)
  frames+=("$ms") peaks+=("$kib")
  jqs+=("$(jq_once)")
  echo "run $run: first frame ${ms} ms, peak ${kib} KiB; jq empty ${jqs[-1]} ms" >&2
done
bytes=$(stat -c %s "$FILE")
frame=$(printf '%s\n' "${frames[@]}" | median)
peak=$(printf '%s\n' "${peaks[@]}" | median)
jq_ms=$(printf '%s\n' "${jqs[@]}" | median)
awk -v f="$frame" -v j="$jq_ms" -v p="$peak" -v b="$bytes" -v file="$FILE" 'BEGIN {
  printf "%s (%.0f MB): first frame %.2f s, jq empty %.2f s, ratio %.2f; peak %.0f MiB, %.2fx the file\n",
    file, b / 1e6, f / 1000, j / 1000, f / j, p / 1024, p * 1024 / b
}'
