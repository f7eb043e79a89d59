#!/usr/bin/env bash
# How long `dynodeck demo` takes to show staging and production live (both at v1 with their
# two dynos up), in a real terminal (tmux, 170x48): the first run (creates the demo,
# initialises PostgreSQL, deploys and promotes), then runs with the engine still running,
# then runs after `dynodeck engine stop` (the engine, its databases and every dyno start
# again). Prints each run, the medians, the load average before and after, and for each
# engine start the engine's own account of where its start went (engine.log).
# Usage: bash bench/demo-start.sh [runs]   (needs tmux and a build: npm run build)
#        DYNODECK_BENCH_CLI=/other/checkout/bin/dynodeck.js bash bench/demo-start.sh   (another build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
root=$(mktemp -d)
cli=${DYNODECK_BENCH_CLI:-$PWD/bin/dynodeck.js}
trap 'cd "$root/demo" 2>/dev/null && node "$cli" engine stop >/dev/null 2>&1; tmux kill-session -t demo-start 2>/dev/null; rm -rf "$root"' EXIT
declare -A times

live() {
  grep -qE 'staging +v1 [0-9a-f]{7} .* 2 up' <<<"$1" && grep -qE 'production v1 [0-9a-f]{7} .* 2 up' <<<"$1"
}

once() {
  tmux kill-session -t demo-start 2>/dev/null || true
  local start end screen seconds
  start=$(date +%s%N)
  tmux new-session -d -s demo-start -x 170 -y 48 \
    "cd '$root' && DYNODECK_ENGINE_TRACE=1 node '$cli' demo --dir '$root/demo'"
  for _ in $(seq 1 1200); do
    screen=$(tmux capture-pane -p -t demo-start 2>/dev/null || true)
    if live "$screen"; then break; fi
    sleep 0.05
  done
  end=$(date +%s%N)
  seconds=$(echo "($end - $start) / 1000000000" | bc -l)
  printf '%-28s %6.2f s\n' "$1" "$seconds"
  times[$2]="${times[$2]:-} $seconds"
  tmux send-keys -t demo-start q
  sleep 1
  tmux kill-session -t demo-start 2>/dev/null || true
}

median() {
  tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
once 'first run' first
for i in $(seq 1 "$runs"); do once "engine running ($i)" running; done
for i in $(seq 1 "$runs"); do
  (cd "$root/demo" && node "$cli" engine stop >/dev/null)
  once "engine stopped before ($i)" stopped
  grep -o 'started in .*' "$root/demo/.dynodeck/engine/engine.log" | tail -1 | sed 's/^/    engine /' || true
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'medians: engine running %s s, engine stopped before %s s\n' \
  "$(median "${times[running]}")" "$(median "${times[stopped]}")"
