#!/usr/bin/env bash
# A reload of a big file, as a person meets it (#17: "a million-event reload keeps the UI
# responsive"). quipu is opened on a copy of FILE in a 120x40 tmux pane; once it has gone idle
# (the search index built), the copy is saved again the way an editor does (a new file renamed
# over the old one), and while the new version loads the script moves the selection with `j`
# and times how long each key takes to show on screen (the footer's counter `N/TOTAL`). The
# saved version differs in its title's first letter, so the header tells when it is on screen.
# It prints each key's latency, how long the reload took, and the session's peak memory.
#
# Usage: benches/reload_big.sh FILE [KEYS]      (KEYS default 200: at most this many keys, sent until the new version shows)
# Environment: QUIPU (default target/release/quipu). Needs tmux, python3 and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

FILE=${1:?usage: benches/reload_big.sh FILE [KEYS]}
KEYS=${2:-200}
QUIPU=${QUIPU:-target/release/quipu}
SCRIPT=reload_big.sh
# shellcheck source=benches/tmux_session.sh
. benches/tmux_session.sh
need tmux python3 /usr/bin/time
screen() { tmux capture-pane -p -t "$session" 2>/dev/null; }
counter() { screen | grep -Eo ' [0-9]+/[0-9]+ *$' | tail -1 | tr -d ' ' || true; }

dir=$(mktemp -d)
session="reload-big-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$dir"' EXIT
copy="$dir/$(basename "$FILE")"
cp "$FILE" "$copy"
# The same file with the chronology's title changed: `"title":"S…` becomes `"title":"Z…`
# (the first title in the file is the chronology's, whichever letter it starts with).
python3 - "$FILE" "$dir/next.json" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r'("title"\s*:\s*")', r'\1Reloaded ', text, count=1))
PY

tmux new-session -d -s "$session" -x 120 -y 40 "/usr/bin/time -f %M -o $dir/rss $QUIPU $copy"
until counter | grep -q .; do sleep 0.05; done
wait_idle "$(quipu_pid "$session")"

# Sends `j` and prints the milliseconds until the counter changed.
key_latency() {
  local before sent
  before=$(counter)
  sent=$(now)
  tmux send-keys -t "$session" j
  until [ "$(counter)" != "$before" ]; do
    if [ "$(ms_since "$sent")" -gt 10000 ]; then echo "no answer in 10 s" >&2; break; fi
    sleep 0.005
  done
  ms_since "$sent"
}

# The same measure with nothing loading, for what tmux and the polling add by themselves.
idle=0
for key in 1 2 3 4 5; do
  took=$(key_latency)
  [ "$took" -gt "$idle" ] && idle=$took
  sleep 0.2
done

start=$(now)
mv "$dir/next.json" "$copy"
worst=0
for key in $(seq "$KEYS"); do
  took=$(key_latency)
  [ "$took" -gt "$worst" ] && worst=$took
  echo "key $key at $(ms_since "$start") ms into the reload: shown after $took ms" >&2
  screen | grep -q 'Reloaded ' && break
  sleep 0.2
done
until screen | grep -q 'Reloaded '; do sleep 0.05; done
reload=$(ms_since "$start")
tmux send-keys -t "$session" q
while tmux has-session -t "$session" 2>/dev/null; do sleep 0.1; done
echo "$FILE: reload $(( reload / 1000 )).$(( reload % 1000 / 100 )) s; worst key during it ${worst} ms, with nothing loading ${idle} ms (the difference is the reload's; the rest is tmux and the polling); peak $(( $(tail -1 "$dir/rss") / 1024 )) MiB"
