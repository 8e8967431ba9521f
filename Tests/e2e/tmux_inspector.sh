#!/usr/bin/env bash
# End-to-end check of the inspector in a real terminal (tmux).
# Usage: Tests/e2e/tmux_inspector.sh PATH/TO/scenelens PATH/TO/dataset.jsonl
# Builds nothing. Needs tmux; python3 (if present) reads the question and checks the store.
set -u
BIN=${1:?usage: $0 SCENELENS_BINARY DATASET}
DATA=${2:?usage: $0 SCENELENS_BINARY DATASET}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DATA=$(cd "$(dirname "$DATA")" && pwd)/$(basename "$DATA")
command -v tmux >/dev/null || { echo "tmux_inspector: tmux is not installed" >&2; exit 2; }

WORK=$(mktemp -d)
SOCK="$WORK/tmux.sock"
STORE="$WORK/review.sqlite"
S=scenelens-e2e
FAIL=0
T() { tmux -S "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
# A session that outlives the test ones: killing the only session makes the
# server exit in the background, and a new-session sent meanwhile could reach
# the dying server and vanish with it ("no server running", seen once in CI).
T new-session -d -s keeper -x 20 -y 5 "tail -f /dev/null"

FAILED=0; PASSED=0
fail() { echo "FAIL: $*" >&2; FAIL=1; FAILED=$((FAILED + 1)); }
pass() { echo "ok: $*"; PASSED=$((PASSED + 1)); }
screen() { T capture-pane -t $S -p; }
# wait_for TEXT [SECONDS]: poll the screen until TEXT shows up.
wait_for() {
  local want=$1 secs=${2:-10} i
  for ((i = 0; i < secs * 10; i++)); do
    screen | grep -qF -- "$want" && return 0
    sleep 0.1
  done
  return 1
}
check() { if wait_for "$1" "${3:-10}"; then pass "$2"; else fail "$2 (no '$1' on screen)"; screen | head -60 >&2; fi; }

# Without a terminal the inspector refuses at once (exit 2) instead of spinning.
NOTTY_ERR=$(timeout 10 "$BIN" "$DATA" --store "$WORK/notty.sqlite" </dev/null 2>&1 >/dev/null); NOTTY_RC=$?
if [ "$NOTTY_RC" = 2 ] && echo "$NOTTY_ERR" | grep -qF "needs a terminal"; then pass "no terminal: refused with exit 2"
else fail "no terminal: exit $NOTTY_RC, said: $NOTTY_ERR"; fi

# A missing dataset is a data error like validate's: the message, exit 2, no usage text.
for CMD in render inspect; do
  MISS_ERR=$(timeout 10 "$BIN" $CMD "$WORK/missing.jsonl" </dev/null 2>&1 >/dev/null); MISS_RC=$?
  if [ "$MISS_RC" = 2 ] && echo "$MISS_ERR" | grep -qF "scenelens: $WORK/missing.jsonl: no such file" && ! echo "$MISS_ERR" | grep -q Usage; then
    pass "$CMD: missing dataset, exit 2"
  else fail "$CMD: missing dataset: exit $MISS_RC, said: $MISS_ERR"; fi
done

# The first item's question, from the dataset, to look for on screen.
QUESTION=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    l=l.strip()
    if l: print(json.loads(l)["question"][:40]); break' "$DATA" 2>/dev/null)

start() {  # start ENV... : a shell in tmux running the inspector with a fresh prompt
  T kill-session -t $S 2>/dev/null
  # The config and remembered display settings of this run only, never the user's.
  T new-session -d -s $S -x 160 -y 48 "env XDG_CONFIG_HOME='$WORK/config' XDG_STATE_HOME='$WORK/state' $* PS1='e2e\$ ' bash --norc --noprofile"
  sleep 0.3
  T send-keys -t $S "'$BIN' inspect '$DATA' --store '$STORE' --annotator e2e" Enter
}

# 1. UTF-8, 160x48.
start LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
check "SceneLens" "inspector starts"
[ -n "$QUESTION" ] && check "$QUESTION" "question shown"
check "CHOSEN" "chosen rationale pane"
check "NEGATIVE" "negative rationale pane"
check "op " "operator shown"
check "Objects (" "scene graph shown"
check "Relations (" "relations shown"
check "SG+ -> SG-" "graph difference shown"

# 2. Help overlay opens and closes.
T send-keys -t $S '?'
check "? or Esc closes)" "help opens"
T send-keys -t $S Escape
sleep 0.4
if screen | grep -qF "? or Esc closes)"; then fail "help closes with Esc"; else pass "help closes with Esc"; fi

# 3. Accept the selected negative: the status bar and the store both show it.
T send-keys -t $S a
check "saved: accept" "accept shows saved"
check "accepted 1" "status bar counts the accept"
T send-keys -t $S x
check "rejected 1" "reject counted"
T send-keys -t $S u
check "undone:" "undo"
check "rejected 0" "undo reverts the count"

# 3b. A query (w): Tab completes, the prompt counts what the command line's
# --where counts, Enter filters to it, an empty query ends it.
WANT=$("$BIN" render "$DATA" --where "operator=swap" 2>&1 >/dev/null | grep -o 'matches .*' | sed 's/^matches //')
T send-keys -t $S w
check "where: " "query prompt opens"
T send-keys -t $S -l "op"; T send-keys -t $S Tab; T send-keys -t $S -l "=sw"; T send-keys -t $S Tab
check "where: operator=swap" "Tab completes the field and its value"
if [ -n "$WANT" ]; then check "$WANT" "the prompt counts as render --where does ($WANT)"; else fail "render --where said no count"; fi
T send-keys -t $S Enter
check "filter where operator=swap (" "Enter filters, with the count in the status bar"
T send-keys -t $S w C-u Enter
check "filter all" "an empty query ends the filter"
# 3c. The mouse, as tmux passes it on to a program that asked for it (SGR
# encoding, which curses asks for under TERM=xterm-256color): the wheel over
# the rationales moves their steps, a click on the strip after the negative's
# title selects that negative.
mouse() {  # mouse press|down X Y (0-based cells)
  local b=0; [ "$1" = down ] && b=65
  T send-keys -t $S -l "$(printf '\033[<%d;%d;%dM' $b $(($2 + 1)) $(($3 + 1)))"
  [ "$1" = press ] && T send-keys -t $S -l "$(printf '\033[<0;%d;%dm' $(($2 + 1)) $(($3 + 1)))"
}
T send-keys -t $S g
check "item 1 of" "back at the first item"
sleep 1   # the item loaded: a click while one is on its way does nothing
mouse down 70 20
check "Rationales (chosen step 3/" "the wheel over the rationales moves their steps"
STRIP=$(screen | grep -n "NEGATIVE " | head -1)
ROW=$(( ${STRIP%%:*} - 1 )); COL=$(echo "${STRIP#*:}" | python3 -c 'import sys; print(sys.stdin.read().find("n3"))' 2>/dev/null)
if [ -n "$COL" ] && [ "$COL" -gt 0 ]; then
  mouse press "$COL" "$ROW"
  check "negative n3 (3/" "a click on the strip selects that negative"
else fail "no strip on screen for the mouse"; fi

T send-keys -t $S F
check "Negatives by operator" "F opens the frequency table"
if [ -n "$WANT" ]; then check "swap       " "the frequency table lists operators"; fi
T send-keys -t $S Escape
# 3d. The filter picker (f): every filter with its count, the operator's the
# same as render --where counts; j and Enter choose one.
T send-keys -t $S f
check "Filters" "f opens the filter picker"
check "filters with matches" "the picker finishes counting"
if [ -n "$WANT" ] && wait_for "op=swap" 5; then
  if screen | grep "op=swap" | grep -q "$WANT"; then pass "the picker counts op=swap as render --where does ($WANT)"
  else fail "the picker's op=swap row is not '$WANT': $(screen | grep 'op=swap')"; fi
else fail "no op=swap row in the picker"; fi
T send-keys -t $S g j Enter
check "filter: undecided" "Enter on the second row filters to undecided"
T send-keys -t $S f g Enter
check "filter: all" "choosing all ends the filter"

# 4. Resize redraws at once, to tabs on a small window.
T resize-window -t $S -x 100 -y 30
check "1 Image" "small window shows tabs" 5
T resize-window -t $S -x 160 -y 48
check "Scene graph" "large window shows panes again" 5

# 5. Quit leaves a usable shell.
T send-keys -t $S q
sleep 0.5
T send-keys -t $S "echo shell-ok-\$((6*7))" Enter
check "shell-ok-42" "shell usable after quit"
if screen | grep -qF "CHOSEN"; then fail "screen cleared after quit"; else pass "screen restored after quit"; fi

# The store holds the accept (undo removed the reject).
if command -v python3 >/dev/null; then
  N=$(python3 -c 'import sqlite3,sys
db=sqlite3.connect(sys.argv[1])
tables=[r[0] for r in db.execute("select name from sqlite_master where type=\"table\"")]
print(sum(db.execute("select count(*) from %s where verdict=\"accept\"" % t).fetchone()[0] for t in tables
          if "verdict" in [c[1] for c in db.execute("pragma table_info(%s)" % t)]))' "$STORE" 2>/dev/null)
  if [ "${N:-0}" -ge 1 ]; then pass "store has the accept ($N row(s))"; else fail "store has the accept (found '${N:-nothing}')"; fi
fi

# 6. Ctrl-Z and fg leave a clean screen and a working inspector.
start LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
check "CHOSEN" "restarted"
T send-keys -t $S C-z
check "Stopped" "Ctrl-Z suspends"
T send-keys -t $S "fg" Enter
check "CHOSEN" "fg redraws"

# Keys typed as one burst right after n apply to the next item, as typed slowly.
# Waits for the item, then for the screen to stay the same for half a second
# (a loaded machine takes longer than any fixed sleep).
rtitle() { screen | grep -o 'Rationales ([^)]*)' | head -1; }
settled() {
  wait_for "$1" 10 || return 1
  local last="" now i
  for ((i = 0; i < 50; i++)); do
    now=$(screen); [ "$now" = "$last" ] && return 0
    last=$now; sleep 0.5
  done
  return 1
}
T send-keys -t $S g; settled "item 1 of"; T send-keys -t $S 3; sleep 0.3
T send-keys -t $S n; settled "item 2 of"; AFTER_N=$(rtitle)
T send-keys -t $S j; sleep 0.3; T send-keys -t $S j; settled "item 2 of"; PACED=$(rtitle)
T send-keys -t $S g; settled "item 1 of"
T send-keys -t $S n j j; settled "item 2 of"; BURST=$(rtitle)
if [ -n "$BURST" ] && [ "$BURST" = "$PACED" ] && [ "$BURST" != "$AFTER_N" ] && screen | grep -qF "item 2 of"; then
  pass "n j j as one burst selects like slow typing ($BURST)"
else fail "n j j as one burst: '$BURST', typed slowly: '$PACED', after n alone: '$AFTER_N'"; fi
T send-keys -t $S q
sleep 0.5

# 7. TERM=vt100 LANG=C: nothing but ASCII on screen.
start LANG=C LC_ALL=C TERM=vt100
check "CHOSEN" "vt100 starts"
# What-if (issue 21): swap on the first item's cube, then d checks the selected
# negative against what its operator does; the panel is ASCII too (checked below).
T send-keys -t $S g
sleep 0.5
T send-keys -t $S 2 j j j r
check "What-if: swap on 2410035 cube" "vt100: r applies swap to the selected object"
check "J 0.60  in band [0.30, 0.70]" "vt100: the what-if's J against the band"
check "critical touched: cube left of sphere" "vt100: the critical elements the swap touches"
T send-keys -t $S d
check "'s change is what " "vt100: d says the negative matches what its operator does"
sleep 1
if screen | LC_ALL=C grep -q '[^ -~]'; then
  fail "vt100: only ASCII on screen"; screen | LC_ALL=C grep -n '[^ -~]' | head -5 >&2
else
  pass "vt100: only ASCII on screen"
fi
T send-keys -t $S C-z
check "Stopped" "vt100: Ctrl-Z suspends"
# No alternate screen on vt100: the frame must be cleared, not left under the prompt.
if screen | grep -qF "CHOSEN"; then fail "vt100: Ctrl-Z left the frame on screen"; else pass "vt100: Ctrl-Z clears the frame"; fi
T send-keys -t $S "fg" Enter
check "CHOSEN" "vt100: fg redraws"
T send-keys -t $S q
sleep 0.5
if screen | grep -qF "CHOSEN"; then fail "vt100: quit left the frame on screen"; else pass "vt100: quit clears the frame"; fi
T send-keys -t $S "echo vt-ok" Enter
check "vt-ok" "shell usable after vt100 run"

# 8. SIGTERM restores the terminal too.
start LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
check "CHOSEN" "restarted for SIGTERM" 30
SHELL_PID=$(T display-message -p -t $S '#{pane_pid}')
APP_PID=$(pgrep -P "$SHELL_PID" | head -1)
if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID"; else fail "found the inspector's pid"; fi
sleep 0.8
T send-keys -t $S "echo term-ok" Enter
check "term-ok" "shell usable after SIGTERM"

# 8b. Emoji sequences (ZWJ, flags, VS16, skin tones, keycaps, combining
# marks; Tests/e2e/emoji.jsonl): each line tmux shows holds what `render`
# draws, and moving to a plain item leaves nothing of them behind (issue 14:
# widths measured unlike the terminal's left stale characters for frames).
EMOJI="$(cd "$(dirname "$0")" && pwd)/emoji.jsonl"
# The image pane's column is left out: inside tmux it holds a pixel-image hint
# row that render (no terminal) does not, which moves its message down a row.
emoji_lines() { grep -F "$1" | sed 's/ *$//' | perl -Mutf8 -CSD -pe 's/^[│|][^│|]*[│|]//'; }
for ENVS in "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color" "LANG=C LC_ALL=C TERM=vt100"; do
  case $ENVS in LANG=C\ *) MODE="--mode ascii"; NAME="LANG=C";; *) MODE=""; NAME="UTF-8";; esac
  T kill-session -t $S 2>/dev/null
  T new-session -d -s $S -x 160 -y 48 "env $ENVS PS1='e2e\$ ' bash --norc --noprofile"
  sleep 0.3
  T send-keys -t $S "'$BIN' inspect '$EMOJI' --store '$WORK/emoji.sqlite' --annotator e2e" Enter
  check "zebrafish" "emoji item shown ($NAME)" 30
  sleep 0.5
  WANT=$("$BIN" render "$EMOJI" --item 0 --plain $MODE --size 160x48 --store "$WORK/emoji.sqlite" | emoji_lines zebrafish)
  if [ "$(screen | emoji_lines zebrafish)" = "$WANT" ]; then pass "emoji rows as render draws them ($NAME)"
  else fail "emoji rows differ from render ($NAME)"; diff <(screen | emoji_lines zebrafish) <(echo "$WANT") >&2; fi
  T send-keys -t $S n
  check "walrus" "plain item after the emoji one ($NAME)"
  sleep 0.5
  if screen | grep -qF zebrafish; then fail "debris of the emoji item ($NAME)"; screen | grep -F zebrafish >&2
  else pass "no debris after leaving the emoji item ($NAME)"; fi
  T send-keys -t $S p
  check "zebrafish" "back to the emoji item ($NAME)"
  sleep 0.5
  if [ "$(screen | emoji_lines zebrafish)" = "$WANT" ]; then pass "emoji rows unchanged after a round trip ($NAME)"
  else fail "emoji rows differ after a round trip ($NAME)"; diff <(screen | emoji_lines zebrafish) <(echo "$WANT") >&2; fi
  T send-keys -t $S q
  sleep 0.3
done

# 8c. A config rebinds a key (the status bar and the key follow it, a bad
# line is named), and the image mode chosen with i is there at the next start.
mkdir -p "$WORK/config/scenelens"
printf '[keys]\naccept = "y"\nacept = "w"\n' > "$WORK/config/scenelens/config.toml"
start COLORTERM= LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
check "config.toml:3: unknown action 'acept'" "config: a bad line is named with its line"
check "y accept" "config: the status bar shows the rebound key"
T send-keys -t $S y
check "saved: accept" "config: the rebound key accepts"
T send-keys -t $S u
check "undone:" "config: undo after the rebound accept"
T send-keys -t $S i
check "Image [16]" "config: i cycles the image mode"
T send-keys -t $S q
check "config.toml:3: unknown action 'acept'" "config: the problem is printed again at quit"
start COLORTERM= LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
check "Image [16]" "config: the image mode is remembered at the next start"
T send-keys -t $S q
sleep 0.5
rm -rf "$WORK/config" "$WORK/state"

# 9. A folder of Parquet shards as `datasets` writes them (embedded images, no
# graph, no operator): the panes say what is missing, a decision survives a restart.
SHARDS="$(cd "$(dirname "${BASH_SOURCE[0]}")/../SceneDataTests/Fixtures/layouts" && pwd)/hf_shards"
pq_start() {
  T kill-session -t $S 2>/dev/null
  T new-session -d -s $S -x 160 -y 48 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color PS1='e2e\$ ' bash --norc --noprofile"
  sleep 0.3
  T send-keys -t $S "'$BIN' inspect '$SHARDS' --store '$WORK/shards.sqlite' --annotator e2e" Enter
}
pq_start
check "item 1 of 7" "parquet shards: one dataset of 7 items"
check "What colour is shape 0?" "parquet shards: question without <image>"
check "no scene graph: this data has none" "parquet shards: graph pane says there is none"
check "n/a: operator-mismatch (no operator)" "parquet shards: lints pane says which lints are n/a"
T send-keys -t $S ':'
sleep 0.3
T send-keys -t $S '6' Enter
check "item 6 of 7" "parquet shards: jump into the third shard"
check "Shape 5 is green." "parquet shards: the third shard's row"
T send-keys -t $S x
check "rejected 1" "parquet shards: reject counted"
T send-keys -t $S q
sleep 1
pq_start
check "rejected 1" "parquet shards: the decision survives a restart"
T send-keys -t $S q
sleep 0.5

# 10. `scenelens doctor` inside tmux, as a user runs it there: passthrough off
# then on (read from this tmux server), vt100 with LANG=C, NO_COLOR.
doctor() {  # doctor ENV... : a shell in tmux running `scenelens doctor`, then printing its exit status
  T kill-session -t $S 2>/dev/null
  T new-session -d -s $S -x 220 -y 40 "env $* PS1='e2e\$ ' bash --norc --noprofile"
  sleep 0.3
  T send-keys -t $S "clear; '$BIN' doctor; echo doctor-exit=\$?" Enter
}
T set -g allow-passthrough off
doctor LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color COLORTERM=truecolor
check "allow-passthrough is off, so pixel images" "doctor in tmux: passthrough off named"
check "change:    set -g allow-passthrough on" "doctor in tmux: the line to change"
check "doctor-exit=1" "doctor in tmux: a shortfall exits 1"
T set -g allow-passthrough on
doctor LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color COLORTERM=truecolor
check "allow-passthrough is on, so pixel images can reach" "doctor in tmux: passthrough on"
doctor LANG=C LC_ALL=C TERM=vt100
check "not UTF-8" "doctor vt100/C: locale named"
check "change:    export LC_ALL=C.UTF-8" "doctor vt100/C: locale fix"
check "no colour (terminfo vt100" "doctor vt100/C: no colour"
doctor LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color NO_COLOR=1
check "off, because NO_COLOR is set" "doctor NO_COLOR: colour off named"
T set -g allow-passthrough off

# The plain closing line CI reads: checks passed and failed.
echo "tmux_inspector: $PASSED passed, $FAILED failed"
if [ $FAIL -ne 0 ]; then exit 1; fi
