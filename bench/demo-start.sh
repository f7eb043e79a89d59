#!/usr/bin/env bash
# How long `dynodeck demo` takes to show staging and production live (both at v1), in a
# real terminal (tmux, 170x48): the first run (creates the demo, initialises PostgreSQL,
# deploys and promotes), then runs with the engine still running, then runs after
# `dynodeck engine stop` (the engine, its databases and every dyno start again).
# Usage: bash bench/demo-start.sh [runs]   (needs tmux and a build: npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
root=$(mktemp -d)
cli="$PWD/bin/dynodeck.js"
trap 'cd "$root/demo" 2>/dev/null && node "$cli" engine stop >/dev/null 2>&1; tmux kill-session -t demo-start 2>/dev/null; rm -rf "$root"' EXIT

once() {
  tmux kill-session -t demo-start 2>/dev/null || true
  local start end screen
  start=$(date +%s%N)
  tmux new-session -d -s demo-start -x 170 -y 48 "cd '$root' && node '$cli' demo --dir '$root/demo'"
  for _ in $(seq 1 1200); do
    screen=$(tmux capture-pane -p -t demo-start 2>/dev/null || true)
    if grep -q 'staging  *v1 ' <<<"$screen" && grep -q 'production v1 ' <<<"$screen"; then break; fi
    sleep 0.05
  done
  end=$(date +%s%N)
  printf '%-28s %6.2f s\n' "$1" "$(echo "($end - $start) / 1000000000" | bc -l)"
  tmux send-keys -t demo-start q
  sleep 1
  tmux kill-session -t demo-start 2>/dev/null || true
}

once 'first run'
for i in $(seq 1 "$runs"); do once "engine running ($i)"; done
for i in $(seq 1 "$runs"); do
  (cd "$root/demo" && node "$cli" engine stop >/dev/null)
  once "engine stopped before ($i)"
done
