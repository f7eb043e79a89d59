#!/usr/bin/env bash
# log-flood.sh — how much CPU, memory and key latency does the deck's Logs pane cost
# under a high-rate Heroku log flood, next to tail -f, lnav and less +F measured in the
# same run the same way (the method of ../shared/bench/peer-bench.sh).
#
# For each viewer x rate, a fresh tmux server (own socket, -f /dev/null) with one
# detached 160x48 session runs the viewer:
#   * deck: `exec node bin/dynodeck.js` in a temp project whose "engine" is
#     log-flood/flood-server.mjs (it writes .dynodeck/engine/engine.json with its own pid
#     and port, answers the Platform API calls the deck makes, and streams the staging
#     app's log session as server-sent events). The deck selects staging at start and
#     tails it in its Logs pane. The flood starts (SIGUSR1) only after the deck has
#     connected and drawn the 500-line prefill, plus 2 s to settle.
#   * tail / lnav / less: the same lines appended to a file (flood-server.mjs --file,
#     which reproduces logflood.mjs line for line: same mix, same seed).
# Measured over "flood start -> flood end -> FLOOD-END sentinel visible on screen
# (capture-pane) -> +1 s settle":
#   * CPU s of the viewer process tree (utime+stime+cutime+cstime from /proc, so the
#     deck's git children count) and of the tmux server (utime+stime);
#   * max RSS (VmHWM) of the viewer's main process; bytes it wrote (/proc/PID/io wchar);
#   * catch-up: ms from flood end until the sentinel is on screen;
#   * deck only: "N dropped" and "N retained" read from the deck's own status line,
#     next to the lines the server sent (missing = sent - retained, within the 100k cap),
#     and the largest backlog the server had to buffer for the deck's socket.
# Passes:
#   cpu    — every viewer x rate, no keys sent (clean CPU numbers);
#   keys   — viewers that read keys (deck, lnav, less) x rate: every PB_PROBE_EVERY s send
#            keys with a visible effect and poll `capture-pane` every 5 ms until it shows.
#            deck: `?` (key list: title "Keys" on row 2), Esc (back: row 2 no longer shows the key list),
#            `3` (Logs pane focused: heavy border "┏━ 3 Logs"), `1` (Tickets focused again:
#            "╭─ 3 Logs"); lnav / less: the probes of peer-bench.sh;
#   idle   — every viewer with no lines (rate 0), no keys; then the key readers with keys;
#   memory — the deck alone: PB_MEM_RATE lines/s for PB_MEM_SECONDS s (default 20000 x 5 =
#            100k lines, the deck's retention cap), then its RSS; then `3`, `/`, type
#            PB_FILTER, Enter: ms until the filtered view shows.
#
# Env knobs: PB_SECONDS (20) PB_RATES ("1000 5000 20000") PB_VIEWERS ("deck tail lnav less")
# PB_PASSES ("cpu keys idle memory"); viewer deck-ink = the deck with DYNODECK_ROW_WRITER=0 (Ink draws the Logs rows) PB_PROBE_EVERY (2) PB_DIR (/tmp/peerbench)
# PB_RESULTS (<PB_DIR>/log-flood-results.md) PB_MEM_RATE (20000) PB_MEM_SECONDS (5)
# PB_FILTER ('H1[0-9]') PB_BUILD (1: `npm run build` first; 0: use dist/ as it is)
# PB_CATCHUP_TIMEOUT_MS (15000) PB_DECK_SNAPSHOT (1: run a copy of bin/ + dist/ taken at the start,
# so a rebuild by someone else during the run cannot mix two versions; 0: run bin/dynodeck.js in place)
# PB_DECK_ROOT (this checkout: the dynodeck folder whose bin/ + dist/ are measured, e.g. an exported commit)
# PB_KEY_GAP_MS (tmux's escape-time + 100: the pause after a key's effect shows, before the next key)
# PB_DECK_NODE_ARGS (none: node options for the deck, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
# PB_KEY_TRACE (0; 1: in the keys pass the deck also times each key itself: read → its frame
# written, and the CPU spent, via log-flood/key-trace.mjs; printed per run, raw in key-trace.csv)
#
# A missing tmux skips everything (and says so); a missing lnav/less/tail skips that peer.
# Every process started here is ended by its id (tmux server pid, viewer tree pids,
# flood server / writer pid) — never by name.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SERVER="$HERE/log-flood/flood-server.mjs"
ENGINE_FLOOD="$HERE/log-flood/engine-flood.mjs"
# engine: the deck reads the flood through the project's real local engine (engine-flood.mjs);
# standin: through flood-server.mjs, which buffers without limit (the method before 2026-12-02).
SOURCE=${PB_SOURCE:-engine}
REPORT="$HERE/log-flood/report.mjs"
PB_DIR=${PB_DIR:-/tmp/peerbench}
WORK="$PB_DIR/log-flood"
DUR=${PB_SECONDS:-20}
RATES=${PB_RATES:-"1000 5000 20000"}
VIEWERS=${PB_VIEWERS:-"deck tail lnav less"}
PROBE_EVERY=${PB_PROBE_EVERY:-2}
PASSES=${PB_PASSES:-"cpu keys idle memory"}
RESULTS_MD=${PB_RESULTS:-$PB_DIR/log-flood-results.md}
MEM_RATE=${PB_MEM_RATE:-20000}
MEM_SECONDS=${PB_MEM_SECONDS:-5}
FILTER=${PB_FILTER:-'H1[0-9]'}
BUILD=${PB_BUILD:-1}
KEY_TRACE=${PB_KEY_TRACE:-0}
COLS=160 ROWS=48
PREFILL=500
POLL_S=0.005
KEY_TIMEOUT_MS=5000
CATCHUP_TIMEOUT_MS=${PB_CATCHUP_TIMEOUT_MS:-15000}
CLK=$(getconf CLK_TCK)
# Box-drawing characters must survive capture-pane: tmux needs a UTF-8 locale for that.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;; *) export LC_ALL=C.UTF-8 ;; esac

mkdir -p "$WORK"
RAW_CSV="$WORK/results.csv"
KEYS_CSV="$WORK/keys.csv"
KEY_TRACE_CSV="$WORK/key-trace.csv"
MEM_CSV="$WORK/memory.csv"
META="$WORK/meta.env"
LOGDIR="$WORK/runs"
rm -rf "$LOGDIR"
mkdir -p "$LOGDIR"

# --- which viewers can run ------------------------------------------------------
SKIPPED=()
if ! command -v tmux >/dev/null 2>&1; then
  echo "log-flood: tmux not found: nothing can be measured (apt-get install -y tmux). Skipping every viewer." >&2
  SKIPPED+=("every viewer: tmux not found")
  RUNNABLE=""
else
  RUNNABLE=""
  for v in $VIEWERS; do
    case "$v" in
      deck | deck-ink)
        if ! command -v node >/dev/null 2>&1; then echo "log-flood: node not found: skipping the deck" >&2; SKIPPED+=("deck: node not found"); continue; fi
        RUNNABLE+=" $v" ;;
      tail | lnav | less)
        if ! command -v "$v" >/dev/null 2>&1; then
          echo "log-flood: $v not found: skipping it (apt-get install -y $v)" >&2
          SKIPPED+=("$v: not installed")
          continue
        fi
        RUNNABLE+=" $v" ;;
      *) echo "log-flood: unknown viewer '$v' (deck, deck-ink, tail, lnav, less): skipping it" >&2; SKIPPED+=("$v: unknown viewer") ;;
    esac
  done
fi
if ! command -v node >/dev/null 2>&1; then
  echo "log-flood: node not found: the flood writer needs it. Nothing to measure." >&2
  RUNNABLE=""
fi
DECK_SRC=$(cd "${PB_DECK_ROOT:-$ROOT}" 2>/dev/null && pwd) || DECK_SRC=${PB_DECK_ROOT:-$ROOT}
if [[ " $RUNNABLE " == *" deck "* && "$BUILD" == 1 ]]; then
  echo "building the deck in $DECK_SRC (npm run build; PB_BUILD=0 skips)"
  if ! (cd "$DECK_SRC" && npm run build --silent >"$WORK/build.log" 2>&1); then
    echo "log-flood: npm run build failed (see $WORK/build.log): skipping the deck" >&2
    SKIPPED+=("deck: build failed")
    RUNNABLE=${RUNNABLE/ deck/}
  fi
fi
if [[ " $RUNNABLE " == *" deck "* && ! -f "$DECK_SRC/dist/dynodeck.js" ]]; then
  echo "log-flood: $DECK_SRC/dist/dynodeck.js missing (npm run build): skipping the deck" >&2
  SKIPPED+=("deck: not built")
  RUNNABLE=${RUNNABLE/ deck/}
fi
runnable() { [[ " $RUNNABLE " == *" $1 "* ]]; }
# The deck measured: a snapshot of the built CLI, so every run of this script measures one build.
DECK_ROOT=$DECK_SRC
if runnable deck && [[ ${PB_DECK_SNAPSHOT:-1} == 1 ]]; then
  DECK_ROOT="$WORK/deck"
  rm -rf "$DECK_ROOT"; mkdir -p "$DECK_ROOT/bin" "$DECK_ROOT/dist" "$DECK_ROOT/examples"
  cp "$DECK_SRC"/bin/*.js "$DECK_ROOT/bin/" && cp "$DECK_SRC/dist/dynodeck.js" "$DECK_ROOT/dist/" && cp "$DECK_SRC/package.json" "$DECK_ROOT/"
  # What the bundle resolves at run time (the engine's PostgreSQL package) comes from the checkout's node_modules.
  [[ -d "$DECK_SRC/node_modules" ]] && ln -s "$DECK_SRC/node_modules" "$DECK_ROOT/node_modules"
fi
CLI="$DECK_ROOT/bin/dynodeck.js"

# --- fork-free sleep: read with timeout on a fifo nobody writes to ---------
SLEEPFIFO="$WORK/.sleepfifo.$$"
mkfifo "$SLEEPFIFO"
exec {SLEEPFD}<>"$SLEEPFIFO"
rm -f "$SLEEPFIFO"
nap() { read -r -t "$1" -u "$SLEEPFD" _ || true; }

# now_us: sets NOW (microseconds since epoch) without forking
now_us() { local t=${EPOCHREALTIME/./}; NOW=$((10#$t)); }

# --- process bookkeeping ----------------------------------------------------
CUR_SOCK="" CUR_SERVER="" CUR_FLOOD="" CUR_TREE="" CUR_VPID=""

descendants() { # pid -> pid and all descendants (one per line)
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { kids[$2] = kids[$2] " " $1 }
    END { n = 1; q[1] = root; for (i = 1; i <= n; i++) { print q[i]; m = split(kids[q[i]], a, " "); for (j = 1; j <= m; j++) q[++n] = a[j] } }'
}

stat_fields() { # pid -> "utime stime cutime cstime" (ticks), or "0 0 0 0" if gone
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo "0 0 0 0"; return; }
  s=${s##*) }            # strip "pid (comm) " — comm may contain spaces
  # shellcheck disable=SC2086
  set -- $s              # now $1 = state (field 3) ... utime = field 14 -> $12
  echo "${12} ${13} ${14} ${15}"
}

tree_ticks() { # root pid -> total ticks of tree (utime+stime+cutime+cstime)
  local p t=0 f
  for p in $(descendants "$1"); do
    read -r -a f <<<"$(stat_fields "$p")"
    t=$((t + f[0] + f[1] + f[2] + f[3]))
  done
  echo "$t"
}

self_ticks() { # pid -> utime+stime only (for the tmux server: its cutime would
  local f      # include reaped pane processes)
  read -r -a f <<<"$(stat_fields "$1")"
  echo $((f[0] + f[1]))
}

wchar() { awk '/^wchar:/ {print $2}' "/proc/$1/io" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
anon_kb() { awk '/^RssAnon:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }   # private memory: RSS less the mapped node binary and libraries

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

end_run() { # end everything of the current run, by pid
  local p waited=0
  # the deck may have started children since the run began: collect them before tmux goes
  if alive "$CUR_VPID"; then CUR_TREE="$CUR_TREE $(descendants "$CUR_VPID" | tr '\n' ' ')"; fi
  if alive "$CUR_FLOOD"; then kill "$CUR_FLOOD" 2>/dev/null; wait "$CUR_FLOOD" 2>/dev/null; fi
  if [[ -n "$CUR_SOCK" && -S "$CUR_SOCK" ]]; then tmux -S "$CUR_SOCK" kill-server 2>/dev/null; fi
  # give the server and the viewer tree up to 5 s to go, then TERM, then KILL — by id
  while ((waited < 50)); do
    local any=0
    for p in $CUR_SERVER $CUR_TREE; do alive "$p" && any=1; done
    ((any == 0)) && break
    nap 0.1; waited=$((waited + 1))
  done
  for p in $CUR_TREE $CUR_SERVER; do alive "$p" && kill -TERM "$p" 2>/dev/null; done
  nap 0.3
  for p in $CUR_TREE $CUR_SERVER; do alive "$p" && kill -KILL "$p" 2>/dev/null; done
  [[ -n "$CUR_SOCK" ]] && rm -f "$CUR_SOCK"
  CUR_SOCK="" CUR_SERVER="" CUR_FLOOD="" CUR_TREE="" CUR_VPID=""
}
trap 'end_run; exec {SLEEPFD}<&-' EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# --- tmux helpers -------------------------------------------------------------
T() { tmux -S "$CUR_SOCK" "$@"; }
cap_line() { T capture-pane -p -t bench -S "$1" -E "$1" 2>/dev/null; }   # one screen row (0-based)
cap_all() { T capture-pane -p -t bench 2>/dev/null; }
CAPTURES=0

# wait_screen REGEX TIMEOUT_MS -> 0 when the whole screen matches (bash regex) in time
wait_screen() {
  local re=$1 limit=$2 t0 sc
  now_us; t0=$NOW
  while :; do
    sc=$(cap_all)
    [[ $sc =~ $re ]] && return 0
    now_us
    (((NOW - t0) / 1000 > limit)) && return 1
    nap 0.02
  done
}

# wait_file FILE REGEX TIMEOUT_MS -> 0 when a line of FILE matches (grep -E) in time
wait_file() {
  local t0; now_us; t0=$NOW
  while ! grep -qE "$2" "$1" 2>/dev/null; do
    now_us
    (((NOW - t0) / 1000 > $3)) && return 1
    nap 0.01
  done
}

# --- per-viewer definitions ---------------------------------------------------
# key_trace_args TRACE_FILE -> the deck's node command: with PB_KEY_TRACE=1 it loads key-trace.mjs,
# which writes each key's latency inside the deck to TRACE_FILE (see that file's header).
key_trace_args() {
  if [[ $KEY_TRACE == 1 && -n $1 ]]; then echo "KEY_TRACE_FILE='$1' node --import='$HERE/log-flood/key-trace.mjs' ${PB_DECK_NODE_ARGS:-}"
  else echo "node ${PB_DECK_NODE_ARGS:-}"; fi
}
# viewer_cmd NAME FILE HOMEDIR PROJECT [KEY_TRACE_FILE] -> shell command for the pane (exec so pane_pid = viewer)
viewer_cmd() {
  case "$1" in
    deck) echo "cd '$4' && exec env HOME='$3' CI=false $(key_trace_args "$5") '$CLI'" ;;
    deck-ink) echo "cd '$4' && exec env HOME='$3' CI=false DYNODECK_ROW_WRITER=0 $(key_trace_args "$5") '$CLI'" ;;
    tail) echo "exec env HOME='$3' tail -f '$2'" ;;
    lnav) echo "exec env HOME='$3' XDG_CONFIG_HOME='$3/.config' lnav '$2'" ;;
    less) echo "exec env HOME='$3' LESSHISTFILE=- less +F '$2'" ;;
  esac
}
# The deck's layout at 160x48: row 1 is the top pane's title, row 24 the Logs pane's
# title (its border is heavy while the pane has focus), rows 25-44 the Logs pane's
# content with its status line last.
DECK_LOGS_TITLE_ROW=24
DECK_LOGS_FIRST_ROW=25
DECK_LOGS_LAST_ROW=44
# The top row's height follows its content, so the Logs pane's rows are read off the screen
# once the deck has drawn (0-based rows, as capture-pane counts them).
deck_layout() {
  local sc n b
  sc=$(cap_all)
  n=$(grep -n "3 Logs" <<<"$sc" | head -1 | cut -d: -f1)
  [[ -n $n ]] || return 0
  b=$(awk -v from="$n" 'NR > from && /^(╰|┗)/ {print NR; exit}' <<<"$sc")
  DECK_LOGS_TITLE_ROW=$((n - 1)) DECK_LOGS_FIRST_ROW=$n
  [[ -n $b ]] && DECK_LOGS_LAST_ROW=$((b - 2))
  return 0
}
# probe keys: "key|row|regex" (regex may contain '|'); row -1 = last row.
#   deck: '?' opens the key list (row 2 becomes the "Keys" overlay's title), Escape
#         closes it (row 2 stops showing it: the overlay leaves the Logs pane's title
#         uncovered, so that row cannot tell), '3' focuses the Logs pane (its border turns
#         heavy), '1' focuses Tickets (light border again).
#   After each key's effect shows, the next waits PB_KEY_GAP_MS (tmux's escape-time + 100 ms):
#   a key sent right after Escape would be read with it as Alt+key.
#   lnav: '?' opens the help view (breadcrumb row 1 becomes " HELP ..."),
#         'q' returns to the log view (row 1 back to " LOG ..."),
#         ':' opens the command prompt (bottom row becomes ":"),
#         Ctrl-] aborts it (row -2 is the " L<line> <pct>%" status again).
#   less: Ctrl-C interrupts F (follow) mode: the bottom row stops saying
#         "Waiting for data..." and becomes the prompt: the file name the first
#         time, ':' or '(END)' later;
#         'F' re-enters follow mode: "Waiting for data..." comes back.
probe_keys() {
  case "$1" in
    deck | deck-ink) printf '%s\n' "?|2| Keys [0-9]" "Escape|2|! Keys [0-9]" "3|$DECK_LOGS_TITLE_ROW|^┏━ 3 Logs" "1|$DECK_LOGS_TITLE_ROW|^╭─ 3 Logs" ;;
    lnav) printf '%s\n' '?|1|^ HELP' 'q|1|^ LOG' ':|-1|^:' 'C-]|-2|^ L[0-9]' ;;
    less) printf '%s\n' 'C-c|-1|^:|\(END\)|flood\.log$' 'F|-1|Waiting for data' ;;
    *) ;;
  esac
}

# wait_key KEY ROW REGEX -> sets LAT to the latency in ms ("12.3") or "timeout".
# A REGEX starting with "!" waits until the row no longer matches the rest.
wait_key() {
  local key=$1 row=$2 re=$3 t0 line d want=1
  ((row < 0)) && row=$((ROWS + row))
  if [[ $re == '!'* ]]; then want=0; re=${re:1}; fi
  now_us; t0=$NOW
  T send-keys -t bench "$key"
  while :; do
    line=$(cap_line "$row"); CAPTURES=$((CAPTURES + 1))
    now_us; d=$((NOW - t0))
    local hit=0; [[ $line =~ $re ]] && hit=1
    if ((hit == want)); then
      printf -v LAT '%d.%d' $((d / 1000)) $((d % 1000 / 100)); return 0
    fi
    if ((d / 1000 > KEY_TIMEOUT_MS)); then LAT=timeout; return 1; fi
    nap "$POLL_S"
  done
}

# --- machine / tool info -------------------------------------------------------
{
  echo "T_START=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "CPU_MODEL=\"$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)\""
  echo "NPROC=$(nproc)"
  echo "MEM_GB=$(awk '/^MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)"
  echo "KERNEL=$(uname -r)"
  echo "CLK=$CLK"
  echo "V_TMUX=\"$(tmux -V 2>/dev/null || echo 'tmux: not installed')\""
  echo "V_LNAV=\"$(lnav -V 2>/dev/null | head -1 || true)\""
  echo "V_LESS=\"$(less --version 2>/dev/null | head -1 || true)\""
  echo "V_TAIL=\"$(tail --version 2>/dev/null | head -1 || true)\""
  echo "V_NODE=$(node --version 2>/dev/null || echo none)"
  echo "NODE_BASE_RSS_MB=$(node -e 'setTimeout(() => { const s = require("fs").readFileSync("/proc/self/status", "utf8"); const kb = (k) => Number(new RegExp(k + ":\\s+(\\d+)").exec(s)[1]); console.log((kb("VmRSS") / 1024).toFixed(1) + " (anon " + (kb("RssAnon") / 1024).toFixed(1) + ")"); }, 200)' 2>/dev/null)"
  newer=$(find "$DECK_SRC/src" -type f -newer "$DECK_SRC/dist/dynodeck.js" 2>/dev/null | wc -l)
  if git -C "$DECK_SRC" rev-parse --git-dir >/dev/null 2>&1; then
    where="HEAD $(git -C "$DECK_SRC" rev-parse --short HEAD 2>/dev/null) ($(git -C "$DECK_SRC" log -1 --format=%cI 2>/dev/null))$( [[ -n "$(git -C "$DECK_SRC" status --porcelain -- src 2>/dev/null)" ]] && echo ', working tree has uncommitted src changes')"
  else
    where="$DECK_SRC$( [[ -f "$DECK_SRC/.commit" ]] && echo " (commit $(cat "$DECK_SRC/.commit"))")"
  fi
  echo "V_DECK=\"$(cd "$DECK_SRC" && node -p 'require("./package.json").version' 2>/dev/null), $where$( ((newer > 0)) && echo ", $newer src files are newer than the build")\""
  echo "DECK_BUILD=\"dist/dynodeck.js built $(date -u -r "$DECK_SRC/dist/dynodeck.js" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null), sha256 $(sha256sum "$DECK_ROOT/dist/dynodeck.js" 2>/dev/null | cut -c1-12)$( [[ $DECK_ROOT != "$DECK_SRC" ]] && echo ", run from a copy")\""
  echo "DUR=$DUR"
  echo "SOURCE=$SOURCE"
  echo "RATES=\"$RATES\""
  echo "PROBE_EVERY=$PROBE_EVERY"
  echo "PREFILL=$PREFILL"
  echo "MEM_RATE=$MEM_RATE"
  echo "MEM_SECONDS=$MEM_SECONDS"
  echo "FILTER='$FILTER'"
  echo "COLS=$COLS"
  echo "ROWS=$ROWS"
  echo "KEY_TIMEOUT_MS=$KEY_TIMEOUT_MS"
  echo "CATCHUP_TIMEOUT_MS=$CATCHUP_TIMEOUT_MS"
  echo "SKIPPED=\"$(IFS=';'; echo "${SKIPPED[*]:-}")\""
} >"$META"

echo "group,probes,viewer,rate,lines,flood_s,viewer_cpu_flood,tmux_cpu_flood,viewer_cpu,tmux_cpu,window_s,catchup_ms,rss_mb,tty_mb,key_n,key_med_ms,key_max_ms,key_timeouts,captures,viewer_procs,sent,retained,dropped,missing,backlog_kb,reconnects,streams,rss_now_mb,anon_mb,received,notes" >"$RAW_CSV"
echo "group,viewer,rate,probe,key,latency_ms" >"$KEYS_CSV"
echo "group,viewer,rate,key,frame_ms,cpu_ms,bytes" >"$KEY_TRACE_CSV"
echo "rate,seconds,sent,retained,dropped,rss_now_mb,anon_mb,rss_max_mb,focus_ms,prompt_ms,typed_ms,filter_ms,filter_status_shown,shown,rss_after_filter_mb,anon_after_filter_mb,clear_ms,notes" >"$MEM_CSV"

# --- harness floor: key echo by the tty itself (cat in canonical mode) --------
FLOOR_MED="" FLOOR_MAX="" FLOOR_N=0
harness_floor() {
  CUR_SOCK="$WORK/tmux-floor.sock"; rm -f "$CUR_SOCK"
  tmux -S "$CUR_SOCK" -f /dev/null new-session -d -x $COLS -y $ROWS -s bench "exec cat"
  CUR_SERVER=$(T display -p '#{pid}'); CUR_TREE=$(T display -p -t bench '#{pane_pid}')
  nap 0.3
  local i all=() letters=(a b c d e f g h i j k l m n o p r s t u v w x y z)
  for i in $(seq 0 19); do
    local ch=${letters[i]}
    wait_key "$ch" 0 "^${ch}\$" && all+=("$LAT")
    T send-keys -t bench C-u   # erase the line (ldisc) so row 0 holds one char
    nap 0.05
  done
  end_run
  read -r FLOOR_MED FLOOR_MAX FLOOR_N < <(printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END{printf "%s %s %s\n", a[int((NR+1)/2)], a[NR], NR}')
}
if [[ -n "$RUNNABLE" ]]; then
  harness_floor
  echo "harness floor (tty echo of a key, idle): median ${FLOOR_MED} ms, max ${FLOOR_MAX} ms (n=${FLOOR_N})"
fi
{ echo "FLOOR_MED=$FLOOR_MED"; echo "FLOOR_MAX=$FLOOR_MAX"; echo "FLOOR_N=$FLOOR_N"; } >>"$META"

# --- the deck's status line ------------------------------------------------------
# deck_status -> sets ST_RETAINED ST_DROPPED ST_LINE from the Logs pane's status row
deck_status() {
  ST_LINE=$(cap_line "$DECK_LOGS_LAST_ROW")
  # the Logs pane's status line: from its left border to its right one
  ST_LINE=${ST_LINE:1}
  ST_LINE=${ST_LINE%%│*}
  ST_RETAINED="" ST_DROPPED="" ST_RECEIVED=""
  local re_r='([0-9,]+) retained' re_d='([0-9,]+) dropped' re_v='([0-9,]+) received'
  [[ $ST_LINE =~ $re_r ]] && ST_RETAINED=${BASH_REMATCH[1]//,/}
  [[ $ST_LINE =~ $re_d ]] && ST_DROPPED=${BASH_REMATCH[1]//,/}
  # "received" is shown once the ring let lines go; until then it equals "retained"
  if [[ $ST_LINE =~ $re_v ]]; then ST_RECEIVED=${BASH_REMATCH[1]//,/}; else ST_RECEIVED=$ST_RETAINED; fi
  return 0
}
# is_status_row TEXT: the Logs status line starts with the stream state's dot
is_status_row() { local t=${1#"${1%%[! ]*}"}; [[ $t == "●"* || $t == *" retained"* || $t == *" lines/s"* ]]; }

# The Logs pane shows the filtered view: the prompt is closed and either the status line
# says "filter:" (when it fits) or every log row shown matches the filter (case-insensitive,
# like the deck; rows are cut at the pane's width, so a match past the cut would be missed).
FILTER_STATUS_SHOWN=no
filtered_view_shown() {
  local rows row body n=0 re
  re=$(printf '%s' "$FILTER" | tr '[:upper:]' '[:lower:]')
  rows=$(T capture-pane -p -t bench -S "$DECK_LOGS_FIRST_ROW" -E "$DECK_LOGS_LAST_ROW" 2>/dev/null)
  FILTER_STATUS_SHOWN=no
  while IFS= read -r row; do
    body=${row:1:78}
    [[ $body == *"filter /"* ]] && return 1
    if is_status_row "$body"; then
      [[ $body == *"filter:"* ]] && { FILTER_STATUS_SHOWN=yes; return 0; }
      continue
    fi
    [[ $body =~ ^\ *$ ]] && continue
    body=${body,,}
    [[ $body =~ $re ]] || return 1
    n=$((n + 1))
  done <<<"$rows"
  ((n > 0))
}

# --- one run -------------------------------------------------------------------
run_one() { # viewer rate probes(0/1) group(cpu/keys/idle/memory) [seconds]
  local viewer=$1 rate=$2 probes=$3 group=$4 dur=${5:-$DUR}
  local tag="${group}-${viewer}-${rate}-p${probes}" dir="$LOGDIR/${group}-${viewer}-${rate}-p${probes}"
  rm -rf "$dir"; mkdir -p "$dir/home"
  local file="$dir/flood.log" proj="$dir/project" status="$dir/flood.out" notes=""

  CUR_SOCK="$WORK/tmux-$tag.sock"; rm -f "$CUR_SOCK"
  if [[ $viewer == deck* ]]; then
    : >"$status"
    if [[ $SOURCE == engine ]]; then
      node "$ENGINE_FLOOD" --project "$proj" --cli "$CLI" --rate "$rate" --seconds "$dur" --prefill $PREFILL --status "$status" >"$dir/flood.stdout" 2>&1 &
    else
      node "$SERVER" --project "$proj" --rate "$rate" --seconds "$dur" --prefill $PREFILL --start-on-signal --status "$status" >"$dir/flood.stdout" 2>&1 &
    fi
    CUR_FLOOD=$!
    if ! wait_file "$status" '^ready ' 90000; then
      echo "  flood server did not start: $(tail -3 "$dir/flood.stdout")" >&2; end_run; return 1
    fi
  else
    node "$SERVER" --file "$file" --rate 0 --seconds 0.01 --prefill $PREFILL --no-sentinel >/dev/null
  fi
  tmux -S "$CUR_SOCK" -f /dev/null new-session -d -x $COLS -y $ROWS -s bench "$(viewer_cmd "$viewer" "$file" "$dir/home" "$proj" "$( ((probes)) && echo "$dir/key-trace.csv")")"
  CUR_SERVER=$(T display -p '#{pid}')
  local vpid; vpid=$(T display -p -t bench '#{pane_pid}')
  CUR_VPID=$vpid
  if [[ $viewer == deck* && $SOURCE == engine ]]; then
    # the deck found the engine, opened staging's log session and drew the prefill
    wait_screen "FLOOD-READY" 30000 || {
      notes+="prefill not shown; "
      echo "  the deck did not show the flood dyno's prefill; screen:" >&2; cap_all | sed -n '1,5p;24,46p' >&2
    }
  elif [[ $viewer == deck* ]]; then
    # the deck found the server as its engine, opened staging's log session and drew the prefill
    if ! wait_file "$status" '^connected ' 30000; then
      notes+="no log stream; "
      echo "  the deck did not connect to the log session; screen:" >&2; cap_all | sed -n '1,5p;24,46p' >&2
    fi
    wait_screen "$PREFILL retained" 15000 || notes+="prefill not shown; "
  fi
  nap 2   # let the viewer start, index the prefill and settle
  [[ $viewer == deck* ]] && deck_layout
  local received0=""
  if [[ $viewer == deck* ]]; then deck_status; received0=$ST_RECEIVED; fi
  CUR_TREE=$(descendants "$vpid" | tr '\n' ' ')
  local vprocs; vprocs=$(for p in $CUR_TREE; do cat /proc/$p/comm 2>/dev/null; done | sort | uniq -c | awk '{printf "%s%sx%s", (NR>1?"+":""), $1, $2}')

  local v0 t0 w0 start
  v0=$(tree_ticks "$vpid"); t0=$(self_ticks "$CUR_SERVER"); w0=$(wchar "$vpid")
  CAPTURES=0
  now_us; start=$NOW
  if [[ $viewer == deck* ]]; then
    kill -USR1 "$CUR_FLOOD"
  else
    node "$SERVER" --file "$file" --rate "$rate" --seconds "$dur" >"$dir/flood.stdout" 2>&1 &
    CUR_FLOOD=$!
  fi

  # key probes every PROBE_EVERY s while the flood runs
  local lats=() probe=0 timeouts=0
  local keys=()
  ((probes)) && mapfile -t keys < <(probe_keys "$viewer")
  if ((${#keys[@]} > 0)); then
    # After a key's effect shows, wait longer than the terminal's escape timeout before the next
    # key, so a key sent after Escape is never read together with it as Alt+key.
    local gap_s esc_ms
    esc_ms=$(T show-options -sv escape-time 2>/dev/null); [[ $esc_ms =~ ^[0-9]+$ ]] || esc_ms=500
    gap_s=$(awk -v ms="${PB_KEY_GAP_MS:-$((esc_ms + 100))}" 'BEGIN { printf "%.3f", ms / 1000 }')
    local next=$((start + PROBE_EVERY * 1000000)) end_by=$((start + (${dur%.*} * 1000000) - 500000))
    while ((next <= end_by)); do
      while now_us; ((NOW < next)); do nap 0.02; done
      probe=$((probe + 1))
      local k key rest row re
      for k in "${keys[@]}"; do
        key=${k%%|*}; rest=${k#*|}; row=${rest%%|*}; re=${rest#*|}
        wait_key "$key" "$row" "$re"
        if [[ $LAT == timeout ]]; then timeouts=$((timeouts + 1)); LAT=$KEY_TIMEOUT_MS; fi
        lats+=("$LAT")
        echo "$group,$viewer,$rate,$probe,$key,$LAT" >>"$KEYS_CSV"
        nap "$gap_s"
      done
      # after each probe cycle note the status rows (is the viewer still at the tail?)
      if [[ $viewer == deck* ]]; then
        deck_status
        echo "probe $probe @$(((NOW - start) / 1000))ms: $ST_LINE" >>"$dir/probe-status.txt"
      else
        echo "probe $probe @$(((NOW - start) / 1000))ms: $(T capture-pane -p -t bench -S 1 -E 1 2>/dev/null | cut -c1-60) | $(cap_line $((ROWS - 1)) | cut -c1-60)" >>"$dir/probe-status.txt"
      fi
      next=$((next + PROBE_EVERY * 1000000))
      now_us; ((next < NOW)) && next=$NOW   # a cycle longer than PB_PROBE_EVERY: the next starts at once
    done
  fi

  local fend floodline=""
  if [[ $viewer == deck* ]]; then
    if wait_file "$status" '^lines=' $(((${dur%.*} + 60) * 1000)); then
      floodline=$(grep -E '^lines=' "$status" | tail -1)
      fend=$(sed -n 's/.*end_us=\([0-9]*\).*/\1/p' <<<"$floodline")
    fi
    [[ -z "${fend:-}" ]] && { now_us; fend=$NOW; notes+="flood end not reported; "; }
  else
    wait "$CUR_FLOOD"; CUR_FLOOD=""
    now_us; fend=$NOW
    floodline=$(cat "$dir/flood.stdout")
  fi
  local v1 t1; v1=$(tree_ticks "$vpid"); t1=$(self_ticks "$CUR_SERVER")

  # drain: wait until the sentinel is on screen (viewer caught up), then settle 1 s
  local catchup=timeout sc
  while :; do
    sc=$(cap_all); CAPTURES=$((CAPTURES + 1))
    now_us
    if [[ $sc == *FLOOD-END* ]]; then catchup=$(((NOW - fend) / 1000)); break; fi
    if (((NOW - fend) / 1000 > CATCHUP_TIMEOUT_MS)); then break; fi
    nap 0.02
  done
  nap 1
  local wend v2 t2 w2 rss rssnow anon
  now_us; wend=$NOW
  v2=$(tree_ticks "$vpid"); t2=$(self_ticks "$CUR_SERVER"); w2=$(wchar "$vpid")
  rss=$(hwm_kb "$vpid"); rssnow=$(rss_kb "$vpid"); anon=$(anon_kb "$vpid")
  cap_all >"$dir/final-screen.txt"

  local lines; lines=$(sed -n 's/^lines=\([0-9]*\).*/\1/p' <<<"$floodline")
  lines=${lines:-0}
  local sent="" retained="" dropped="" missing="" backlog="" reconnects="" streams="" received=""
  if [[ $viewer == deck* && $SOURCE == engine ]]; then
    # through the engine: sent = what the flood dyno printed (flood + sentinel); received = what
    # the deck's status line counted since just before the flood; missing = sent - received - dropped
    # (a few lines more received than sent are the engine's own: its L10 notices, dyno samples)
    deck_status
    retained=$ST_RETAINED dropped=$ST_DROPPED sent=$lines
    [[ -n "$ST_RECEIVED" && -n "$received0" ]] && received=$((ST_RECEIVED - received0))
    [[ -n "$received" && -n "$dropped" ]] && missing=$((sent - received - dropped))
    [[ -z "$retained" ]] && notes+="retained not on the status line; "
    [[ -z "$dropped" ]] && notes+="dropped not on the status line; "
    local owner; owner=$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p' "$proj/.dynodeck/engine/engine.json" 2>/dev/null)
    local started; started=$(sed -n 's/^ready pid=\([0-9]*\).*/\1/p' "$status")
    if [[ -z "$owner" || "$owner" != "$started" ]]; then
      notes+="engine.json pid $owner is not the engine engine-flood started ($started); "
    fi
  elif [[ $viewer == deck* ]]; then
    deck_status
    retained=$ST_RETAINED dropped=$ST_DROPPED
    sent=$((PREFILL + lines))
    local cap=100000 expect
    expect=$((sent < cap ? sent : cap))
    [[ -n "$retained" ]] && missing=$((expect - retained))
    backlog=$(sed -n 's/.*backlog_max_kb=\([0-9]*\).*/\1/p' <<<"$floodline")
    reconnects=$(grep -c '^reconnect ' "$status")
    streams=$(sed -n 's/.*subscribers=\([0-9]*\).*/\1/p' <<<"$floodline")
    [[ -z "$retained" ]] && notes+="retained not on the status line; "
    [[ -z "$dropped" ]] && notes+="dropped not on the status line; "
    # the deck must have used the flood server, not started an engine of its own
    local owner; owner=$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p' "$proj/.dynodeck/engine/engine.json" 2>/dev/null)
    if [[ "$owner" != "$CUR_FLOOD" ]]; then
      notes+="engine.json pid $owner is not the flood server's; "
      echo "  WARNING: $proj/.dynodeck/engine/engine.json names pid '$owner', not the flood server ($CUR_FLOOD)" >&2
    fi
    grep -q '^unknown ' "$status" && notes+="unanswered API calls (see flood.out); "
  fi

  # memory pass: the filter on the retained lines
  if [[ $group == memory ]]; then
    mem_filter "$rate" "$dur" "$sent" "$retained" "$dropped" "$rssnow" "$rss" "$dir" "$anon"
  fi

  local stats="- - 0"
  if ((${#lats[@]} > 0)); then
    stats=$(printf '%s\n' "${lats[@]}" | sort -n | awk '{a[NR]=$1} END{m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f %.1f %d", m, a[NR], NR}')
  fi
  local kmed kmax kn; read -r kmed kmax kn <<<"$stats"
  [[ $kn == 0 ]] && kmed="" kmax=""

  awk -v OFS=, -v group="$group" -v probes="$probes" -v viewer="$viewer" -v rate="$rate" -v lines="$lines" -v clk="$CLK" \
      -v fs="$(((fend - start) / 1000))" -v ws="$(((wend - start) / 1000))" \
      -v v0="$v0" -v v1="$v1" -v v2="$v2" -v t0="$t0" -v t1="$t1" -v t2="$t2" \
      -v w="$((w2 - w0))" -v rss="$rss" -v cu="$catchup" -v kn="$kn" -v kmed="$kmed" -v kmax="$kmax" \
      -v kto="$timeouts" -v caps="$CAPTURES" -v vp="$vprocs" \
      -v sent="$sent" -v ret="$retained" -v drop="$dropped" -v miss="$missing" -v bl="$backlog" -v rc="$reconnects" -v sn="$streams" -v rn="$rssnow" -v an="$anon" -v rcv="$received" -v notes="${notes%; }" 'BEGIN{
        print group, probes, viewer, rate, lines, sprintf("%.2f", fs/1000), sprintf("%.2f",(v1-v0)/clk), sprintf("%.2f",(t1-t0)/clk),
              sprintf("%.2f",(v2-v0)/clk), sprintf("%.2f",(t2-t0)/clk), sprintf("%.2f", ws/1000), cu,
              sprintf("%.1f", rss/1024), sprintf("%.1f", w/1048576), kn, kmed, kmax, kto, caps, vp,
              sent, ret, drop, miss, bl, rc, sn, sprintf("%.1f", rn/1024), sprintf("%.1f", an/1024), rcv, notes }' >>"$RAW_CSV"
  echo "  $(tail -1 "$RAW_CSV")"
  end_run
  # the deck's own account of its keys (PB_KEY_TRACE=1), written when it exited
  if [[ -s "$dir/key-trace.csv" ]]; then
    local k fm cm by
    while IFS=, read -r k fm cm by; do echo "$group,$viewer,$rate,$k,$fm,$cm,$by" >>"$KEY_TRACE_CSV"; done <"$dir/key-trace.csv"
    echo "  inside the deck, key read → its frame written: $(awk -F, '$2 != "" {print $2}' "$dir/key-trace.csv" | sort -n | awk '{a[NR]=$1} END{if (NR) printf "median %.1f ms, max %.1f ms (n=%d)", (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2, a[NR], NR}'); CPU per key $(awk -F, '$3 != "" {print $3}' "$dir/key-trace.csv" | sort -n | awk '{a[NR]=$1} END{if (NR) printf "median %.1f ms", (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')"
  fi
}

# mem_filter RATE SECONDS SENT RETAINED DROPPED RSS_NOW_KB RSS_MAX_KB DIR ANON_KB: after the memory flood,
# focus the Logs pane, open the filter prompt, type the filter, Enter: time each step.
mem_filter() {
  local rate=$1 dur=$2 sent=$3 retained=$4 dropped=$5 rssnow=$6 rssmax=$7 dir=$8 anon=$9 notes=""
  local t0 focus_ms="" prompt_ms="" typed_ms="" filter_ms="" clear_ms="" shown="" after="" after_anon="" status_shown=no
  wait_key 3 "$DECK_LOGS_TITLE_ROW" '^┏━ 3 Logs' && focus_ms=$LAT || notes+="Logs pane did not take focus; "
  wait_key / $((DECK_LOGS_LAST_ROW - 1)) 'filter /' && prompt_ms=$LAT || notes+="filter prompt did not open; "
  # type the pattern in one go (literal), then wait for the prompt to show it
  local shown_re; shown_re="filter /$(printf '%s' "$FILTER" | sed 's/[][\.*^$(){}+?|/]/\\&/g')"
  now_us; t0=$NOW
  T send-keys -t bench -l "$FILTER"
  while :; do
    local line; line=$(cap_line $((DECK_LOGS_LAST_ROW - 1)))
    now_us
    if [[ $line =~ $shown_re ]]; then typed_ms=$(((NOW - t0) / 1000)); break; fi
    (((NOW - t0) / 1000 > KEY_TIMEOUT_MS)) && { notes+="typed filter not shown; "; break; }
    nap "$POLL_S"
  done
  cap_all >"$dir/filter-typed-screen.txt"
  now_us; t0=$NOW
  T send-keys -t bench Enter
  while :; do
    if filtered_view_shown; then now_us; filter_ms=$(((NOW - t0) / 1000)); status_shown=$FILTER_STATUS_SHOWN; break; fi
    now_us
    (((NOW - t0) / 1000 > 30000)) && { notes+="filtered view not seen within 30 s; "; break; }
    nap "$POLL_S"
  done
  cap_all >"$dir/filtered-screen.txt"
  nap 1
  after=$(rss_kb "$CUR_VPID"); after_anon=$(anon_kb "$CUR_VPID")
  local st; st=$(cap_line "$DECK_LOGS_LAST_ROW")
  local re_s='filter: /.*/ ([0-9,]+) shown'
  [[ $st =~ $re_s ]] && shown=${BASH_REMATCH[1]//,/}
  [[ $status_shown == no ]] && notes+="the status line's filter part is cut off at ${COLS} columns (filtered view recognised by its rows); "
  # Esc clears the filter: time until an unfiltered row is back (a row not matching)
  now_us; t0=$NOW
  T send-keys -t bench Escape
  while :; do
    if ! filtered_view_shown; then now_us; clear_ms=$(((NOW - t0) / 1000)); break; fi
    now_us
    (((NOW - t0) / 1000 > 30000)) && { notes+="filter not cleared within 30 s; "; break; }
    nap "$POLL_S"
  done
  cap_all >"$dir/cleared-screen.txt"
  mb() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
  echo "$rate,$dur,$sent,$retained,$dropped,$(mb "$rssnow"),$(mb "$anon"),$(mb "$rssmax"),$focus_ms,$prompt_ms,$typed_ms,$filter_ms,$status_shown,$shown,$(mb "$after"),$(mb "$after_anon"),$clear_ms,${notes%; }" >>"$MEM_CSV"
  echo "  memory: $(tail -1 "$MEM_CSV")"
}

has_probes() { [[ -n "$(probe_keys "$1")" ]] && echo 1 || echo 0; }
for viewer in $VIEWERS; do
  [[ " $PASSES " == *" cpu "* ]] || break
  runnable "$viewer" || continue
  for rate in $RATES; do
    echo "== cpu: $viewer @ $rate lines/s for ${DUR}s"
    run_one "$viewer" "$rate" 0 cpu
  done
done
for viewer in $VIEWERS; do
  [[ " $PASSES " == *" keys "* ]] || break
  runnable "$viewer" || continue
  (($(has_probes "$viewer"))) || continue
  for rate in $RATES; do
    echo "== keys: $viewer @ $rate lines/s for ${DUR}s, probes every ${PROBE_EVERY}s"
    run_one "$viewer" "$rate" 1 keys
  done
done
if [[ " $PASSES " == *" idle "* ]]; then
  for viewer in $VIEWERS; do
    runnable "$viewer" || continue
    echo "== idle: $viewer, no lines for ${DUR}s"
    run_one "$viewer" 0 0 idle
  done
  for viewer in $VIEWERS; do
    runnable "$viewer" || continue
    (($(has_probes "$viewer"))) || continue
    echo "== idle: $viewer, no lines for ${DUR}s, probes every ${PROBE_EVERY}s"
    run_one "$viewer" 0 1 idle
  done
fi
if [[ " $PASSES " == *" memory "* ]] && runnable deck; then
  echo "== memory: deck @ $MEM_RATE lines/s for ${MEM_SECONDS}s, then the filter /$FILTER/"
  run_one deck "$MEM_RATE" 0 memory "$MEM_SECONDS"
fi
echo "T_END=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$META"

# --- tables -----------------------------------------------------------------------
echo
node "$REPORT" --dir "$WORK" --out "$RESULTS_MD"
echo
echo "wrote $RESULTS_MD, raw: $RAW_CSV $KEYS_CSV $MEM_CSV, per-run folders: $LOGDIR"
