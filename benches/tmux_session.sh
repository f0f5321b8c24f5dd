# Shared by the scripts that drive the explorer in tmux (first_frame.sh, reload_big.sh); sourced,
# not run. The caller sets SCRIPT (its name, for messages) and QUIPU before sourcing.

# Exits with a message unless each tool named is on the PATH, and unless $QUIPU is built.
need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$SCRIPT: $tool is needed" >&2; exit 2; }
  done
  [ -x "$QUIPU" ] || { echo "$SCRIPT: no $QUIPU (cargo build --release)" >&2; exit 2; }
}

now() { date +%s%N; }
ms_since() { echo $(( ($(now) - $1) / 1000000 )); }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo gone; }

# The pid of quipu in tmux session $1, started there as the child of GNU time (the pane's
# process).
quipu_pid() { pgrep -P "$(tmux list-panes -t "$1" -F '#{pane_pid}')" | head -1; }

# Waits until process $1 has used no CPU for a second (the explorer builds its search index on
# a thread of its own after the first frame), or has gone.
wait_idle() {
  local last=-1 ticks
  while ticks=$(cpu_ticks "$1") && [ "$ticks" != gone ] && [ "$ticks" != "$last" ]; do
    last=$ticks
    sleep 1
  done
}
