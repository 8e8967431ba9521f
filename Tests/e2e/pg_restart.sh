#!/usr/bin/env bash
# Issue 19: the team's PostgreSQL server stops and starts again while an
# annotator works. Runs the real inspector in tmux against a cluster of its
# own (.ci/pg_cluster.sh), stops the server, decides, sees NOT SAVED, starts
# the server again and sees the decision saved, then reads the store back.
# Usage: Tests/e2e/pg_restart.sh PATH/TO/scenelens PATH/TO/dataset.jsonl
set -u
BIN=${1:?usage: $0 SCENELENS_BINARY DATASET}
DATA=${2:?usage: $0 SCENELENS_BINARY DATASET}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DATA=$(cd "$(dirname "$DATA")" && pwd)/$(basename "$DATA")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
chmod 755 "$WORK"
S=pg-restart
. "$ROOT/Tests/e2e/pg_lib.sh"
screen() { T capture-pane -t $S -p; }
wait_for() {
  local want=$1 secs=${2:-10} i
  for ((i = 0; i < secs * 10; i++)); do screen | grep -qF -- "$want" && return 0; sleep 0.1; done
  return 1
}
check() { if wait_for "$1" "${3:-10}"; then pass "$2"; else fail "$2 (no '$1' on screen)"; screen | tail -5 >&2; fi; }
gone() {  # gone TEXT SECONDS LABEL: wait until TEXT is no longer on screen
  local i
  for ((i = 0; i < $2 * 10; i++)); do screen | grep -qF -- "$1" || { pass "$3"; return; }; sleep 0.1; done
  fail "$3 ('$1' still on screen)"; screen | tail -5 >&2
}

URL=$(bash "$ROOT/.ci/pg_cluster.sh" start "$PG") || { echo "pg_restart: no PostgreSQL cluster" >&2; exit 1; }
T new-session -d -s keeper -x 20 -y 5 "tail -f /dev/null"
T new-session -d -s $S -x 160 -y 48
T send-keys -t $S "LANG=C.UTF-8 '$BIN' inspect '$DATA' --store '$URL' --annotator e2e" Enter
check "CHOSEN" "inspector open on the PostgreSQL store" 30
T send-keys -t $S a
check "saved: accept" "a decision saved while the server runs"

bash "$ROOT/.ci/pg_cluster.sh" pause "$PG"
pass "server stopped"
T send-keys -t $S x
check "NOT SAVED" "a decision while the server is down says NOT SAVED" 15
# Quitting now would lose it: the inspector asks first, and stays.
T send-keys -t $S q
check "q again quits without it" "q with a decision unsent asks before quitting"
T send-keys -t $S 3
sleep 1
bash "$ROOT/.ci/pg_cluster.sh" resume "$PG"
pass "server started again"
check "(the server is back)" "the held decision is sent once the server is back" 20
gone "NOT SAVED" 10 "NOT SAVED is gone"
T send-keys -t $S q
sleep 1

# What the store holds: both decisions, read by another process.
STATS=$("$BIN" stats "$DATA" --store "$URL" --annotator e2e 2>&1)
if echo "$STATS" | grep -qF "Decisions  2: 1 accept, 1 reject"; then pass "the store holds the accept and the reject"
else fail "the store after the restart: $(echo "$STATS" | head -6)"; fi

echo "pg_restart: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
