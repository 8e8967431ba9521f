#!/usr/bin/env bash
# Issue 19's check: a real PostgreSQL server (a cluster of its own), three
# inspectors in tmux on one team project with overlap 2, one killed with -9
# mid-batch. Its work reappears for the others after its lease runs out; the
# counts in `stats` are exact; adjudication settles a planted conflict and the
# export carries the settled verdict; the store copied to SQLite and back
# loses nothing. Every annotator's status bar shows the team's progress and
# their own.
#
# The conflicts are planted by who presses what: ann-a accepts everything,
# ann-b rejects everything, ann-c accepts its one decision before it is killed.
#
# Usage: Tests/e2e/pg_team.sh PATH/TO/scenelens PATH/TO/Samples/scenes.jsonl [CAPTURE_DIR]
# CAPTURE_DIR keeps the screens (text, and with -e colours) at the moments checked.
set -u
BIN=${1:?usage: $0 SCENELENS_BINARY DATASET [CAPTURE_DIR]}
SRC=${2:?usage: $0 SCENELENS_BINARY DATASET [CAPTURE_DIR]}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
SRC=$(cd "$(dirname "$SRC")" && pwd)/$(basename "$SRC")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
chmod 755 "$WORK"
CAPS=${3:-$WORK/captures}
mkdir -p "$CAPS"
LEASE=4
. "$ROOT/Tests/e2e/pg_lib.sh"
screen() { T capture-pane -t "$1" -p; }
status() { screen "$1" | grep -F "team " | tail -1; }
keep() { screen "$1" >"$CAPS/$2.txt"; T capture-pane -t "$1" -p -e >"$CAPS/$2.ansi"; }
wait_for() {  # wait_for SESSION TEXT SECONDS
  local i
  for ((i = 0; i < $3 * 10; i++)); do screen "$1" | grep -qF -- "$2" && return 0; sleep 0.1; done
  return 1
}
check() { if wait_for "$1" "$2" "${4:-10}"; then pass "$3"; else fail "$3 (no '$2' on $1's screen)"; screen "$1" | tail -3 >&2; fi; }
sql() { psql "$URL" -X -q -At -F ' ' -v ON_ERROR_STOP=1 -c "$1"; }
done_by() { status "$1" | sed -n 's/.*rev \([0-9]*\)\/.*/\1/p'; }
# decide SESSION KEY: one decision when the selected negative is claimed by this
# annotator; 0 once the count of its own decisions went up, 1 when it had nothing to do.
decide() {
  local before i
  status "$1" | grep -qF "claimed by you" || return 1
  before=$(done_by "$1")
  T send-keys -t "$1" "$2"
  for ((i = 0; i < 50; i++)); do
    [ "$(done_by "$1")" != "$before" ] && return 0
    sleep 0.1
  done
  fail "$1: '$2' did not add a decision in 5 s: $(status "$1")"
  return 1
}

URL=$(bash "$ROOT/.ci/pg_cluster.sh" start "$PG") || { echo "pg_team: no PostgreSQL cluster" >&2; exit 1; }
START=$(date +%s)
# Six items of the samples (18 negatives): small enough to finish in seconds.
DATA="$WORK/team.jsonl"
head -6 "$SRC" >"$DATA"
cp -r "$(dirname "$SRC")/images" "$(dirname "$SRC")/attn" "$WORK/"
T new-session -d -s keeper -x 20 -y 5 "tail -f /dev/null"
T set-option -g remain-on-exit on
open() {  # open NAME ENV [--overlap N]: an inspector as its own pane process (its pid is the pane's)
  T new-session -d -s "$1" -x 160 -y 48 \
    "env $2 '$BIN' inspect '$DATA' --store '$URL' --annotator ann-$1 --lease $LEASE --batch 3 ${3:-}"
}
# ann-b works in TERM=vt100 LANG=C (ASCII drawing), the others in UTF-8.
open a "LANG=C.UTF-8 TERM=xterm-256color" "--overlap 2"
check a "claimed by you" "ann-a opens the team project with overlap 2 and claims a batch" 30
open b "LANG=C TERM=vt100"
open c "LANG=C.UTF-8 TERM=xterm-256color"
check b "claimed by you" "ann-b joins and claims" 30
check c "claimed by you" "ann-c joins and claims" 30
NEG=$(sql "SELECT count(*) FROM project_negatives WHERE project = 'team'")
[ "$NEG" -gt 0 ] && pass "the project lists $NEG negatives" || fail "no negatives listed"
# The status bar: the team's progress and one's own.
check a "team 0/$NEG done, " "ann-a's status bar shows the team's progress"
check c "rev 0/$NEG acc 0 rej 0 skp 0 · team 0/$NEG done, 3 held by others; you 3 claimed" "ann-c's status bar shows its own work and the team's"
keep c c-before-kill

# ann-c decides one of its three and is killed with -9 holding the other two.
decide c a && pass "ann-c decided one of its batch"
C_HELD=$(sql "SELECT item_id || '/' || negative_id FROM claims k WHERE project = 'team' AND annotator = 'ann-c'
              AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.project = k.project AND d.item_id = k.item_id
                              AND d.negative_id = k.negative_id AND d.annotator = 'ann-c') ORDER BY 1")
CPID=$(T display-message -p -t c '#{pane_pid}')
kill -9 "$CPID"
KILL_MS=$(date +%s%3N)
[ "$(echo "$C_HELD" | grep -c /)" -eq 2 ] && pass "ann-c killed with -9 holding 2 undecided: $(echo $C_HELD)" \
  || fail "ann-c held '$C_HELD' when killed"
sleep 0.5
[ "$(T display-message -p -t c '#{pane_dead}')" = 1 ] && pass "ann-c's inspector is gone" || fail "ann-c still runs"

# ann-a accepts and ann-b rejects until the team is done (the heartbeat brings
# ann-c's negatives to whoever has no work once the lease runs out).
for ((round = 0; round < 400; round++)); do
  [ "$(sql "SELECT count(*) FROM (SELECT 1 FROM decisions WHERE project = 'team' GROUP BY item_id, negative_id
            HAVING count(*) >= 2) AS c")" -eq "$NEG" ] && break
  busy=0
  decide a a && busy=1
  decide b x && busy=1
  # The moment ann-c's work shows on a screen after its lease ran out: kept for a person to look at.
  if [ -z "${SEEN:-}" ] && [ "$(date +%s%3N)" -ge $((KILL_MS + LEASE * 1000 * 2 / 3)) ]; then
    for s in a b; do
      for k in $C_HELD; do
        if screen $s | grep -qF "${k%/*}" && status $s | grep -qF "${k#*/} claimed by you"; then
          SEEN=$s; keep $s reappeared; pass "ann-c's $k is on ann-$s's screen, claimed by ann-$s"; break 2
        fi
      done
    done
  fi
  [ $busy = 0 ] && sleep 0.3
  [ $(( $(date +%s) - START )) -gt 50 ] && break
done
[ -n "${SEEN:-}" ] || fail "ann-c's work never showed on ann-a's or ann-b's screen"
check a "team $NEG/$NEG done" "ann-a's status bar: the team is done" 8
check b "team $NEG/$NEG done" "ann-b's status bar: the team is done" 8
keep a a-done
keep b b-done

# ann-c's two negatives went to the others. While ann-c's lease ran, only one
# more annotator could hold each (overlap 2), so the later of the two
# decisions came after the lease ran out.
for k in $C_HELD; do
  item=${k%/*}; neg=${k#*/}
  who=$(sql "SELECT annotator FROM decisions WHERE project = 'team' AND item_id = '$item' AND negative_id = '$neg' ORDER BY 1" | tr '\n' ' ')
  [ "$who" = "ann-a ann-b " ] && pass "$k (ann-c's) decided by ann-a and ann-b" || fail "$k decided by '$who'"
  last=$(sql "SELECT annotator || ' ' || time FROM decisions WHERE project = 'team' AND item_id = '$item' AND negative_id = '$neg'
              ORDER BY time DESC LIMIT 1")
  t=${last#* }
  # The lease had at least two thirds of its time left at the kill (the heartbeat renews it every third).
  if [ -n "$t" ] && [ "$t" -ge $((KILL_MS + LEASE * 1000 * 2 / 3 - 200)) ]; then
    pass "$k reached ${last% *} $((t - KILL_MS)) ms after the kill, once the lease (${LEASE} s) ran out"
  else fail "$k's second annotator decided at '$t', kill at $KILL_MS: before ann-c's lease ran out"; fi
done
OVER=$(sql "SELECT count(*) FROM (SELECT 1 FROM decisions WHERE project = 'team' GROUP BY item_id, negative_id HAVING count(*) > 2) AS o")
[ "$OVER" -eq 0 ] && pass "no negative decided by more than 2" || fail "$OVER negatives above the overlap"

# stats: exact counts. The store (psql) and stats --unblind agree annotator by
# annotator; blind, ann-a sees its own only.
T send-keys -t a q; T send-keys -t b q
sleep 1
python3 - "$BIN" "$DATA" "$URL" "$NEG" <<'EOF' && pass "stats counts are exact: every annotator's verdicts, the total, the conflicts" || fail "stats counts"
import json, subprocess, sys
bin, data, url, neg = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def q(s):
    out = subprocess.run(["psql", url, "-X", "-At", "-F", " ", "-c", s], capture_output=True, text=True, check=True).stdout
    return [l.split() for l in out.splitlines() if l]
store = {}
for a, v, n in q("SELECT annotator, verdict, count(*) FROM decisions WHERE project = 'team' GROUP BY 1, 2"):
    store.setdefault(a, {"accept": 0, "reject": 0, "skip": 0})[v] = int(n)
both = int(q("""SELECT count(*) FROM (SELECT 1 FROM decisions WHERE project = 'team' AND annotator IN ('ann-a', 'ann-b')
                GROUP BY item_id, negative_id HAVING count(*) = 2) AS c""")[0][0])
out = subprocess.run([bin, "stats", data, "--store", url, "--unblind", "--no-lint", "--json"], capture_output=True, text=True)
assert out.returncode == 0, out.stderr
report = json.loads(out.stdout)
total = sum(sum(v.values()) for v in store.values())
# Every negative twice; ann-a only accepted, ann-b only rejected, ann-c one accept before the kill.
assert total == 2 * neg, (total, neg)
assert store["ann-c"] == {"accept": 1, "reject": 0, "skip": 0}, store
assert store["ann-a"]["reject"] == 0 and store["ann-b"]["accept"] == 0, store
for a, verdicts in store.items():
    got = report["by_annotator"][a]
    assert {v: got[v] for v in verdicts} == verdicts, (a, got, verdicts)
    assert got["decided"] == sum(verdicts.values()), (a, got)
assert report["decisions"]["accept"] + report["decisions"]["reject"] == total, report["decisions"]
# Every negative ann-a and ann-b both decided is a conflict (one accept, one reject).
assert len(report["conflicts"]) == both, (len(report["conflicts"]), both)
print("stats:", store, "total", total, "conflicts", both)
EOF
BLIND=$("$BIN" stats "$DATA" --store "$URL" --annotator ann-a --no-lint 2>&1)
if echo "$BLIND" | grep -qF "blind team project" && ! echo "$BLIND" | grep -qF "ann-b"; then
  pass "blind: ann-a's stats show ann-a only"; else fail "blind stats: $(echo "$BLIND" | head -5)"; fi

# Adjudication: without --unblind it is refused; the lead settles one planted conflict as accept.
"$BIN" review "$DATA" --store "$URL" --list >/dev/null 2>"$WORK/refused.txt"
[ $? -eq 2 ] && grep -qF -- "--unblind" "$WORK/refused.txt" && pass "review refuses without --unblind" || fail "review ran blind"
CONFLICT=$("$BIN" review "$DATA" --store "$URL" --unblind --list --json | python3 -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    if not c.get("settled"):
        print(c["id"] + "/" + c["negative_id"]); break')
[ -n "$CONFLICT" ] && pass "a planted conflict to settle: $CONFLICT" || fail "no conflict listed"
"$BIN" review "$DATA" --store "$URL" --unblind --annotator lead --settle "$CONFLICT=accept" --note "e2e lead" >/dev/null 2>&1 \
  && pass "the lead settled $CONFLICT as accept" || fail "settling $CONFLICT"
"$BIN" export "$DATA" --store "$URL" --unblind --format decisions --out "$WORK/export.jsonl" 2>"$WORK/export.err" >/dev/null
"$BIN" export "$DATA" --store "$URL" --unblind --format pairs --out "$WORK/pairs.jsonl" 2>>"$WORK/export.err" >/dev/null
python3 - "$WORK/pairs.jsonl" "$CONFLICT" <<'EOF' && pass "the export carries the settled verdict (accepted: $CONFLICT is in the pairs)" || fail "export: $(cat "$WORK/export.err")"
import json, sys
item, neg = sys.argv[2].split("/")
rows = [json.loads(l) for l in open(sys.argv[1])]
def key(r):
    return (r["id"], r["negative_id"])
keys = {key(r) for r in rows}
assert (item, neg) in keys, (item, neg, sorted(keys)[:5])
EOF
OPEN=$("$BIN" review "$DATA" --store "$URL" --unblind --list --json | python3 -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    if not c.get("settled"):
        print(c["id"] + "/" + c["negative_id"]); break')
python3 - "$WORK/pairs.jsonl" "$OPEN" <<'EOF' && pass "an unsettled conflict (one accept, one reject: $OPEN) is not exported" || fail "$OPEN exported unsettled"
import json, sys
item, neg = sys.argv[2].split("/")
assert (item, neg) not in {(r["id"], r["negative_id"]) for r in map(json.loads, open(sys.argv[1]))}
EOF
grep -qF "1 verdict settled by adjudication" "$WORK/export.err" && pass "the export summary counts the settlement" \
  || fail "export summary: $(cat "$WORK/export.err")"

# The same store copied to SQLite and back (into another project) loses nothing.
"$BIN" store copy "$URL" "$WORK/copy.review.sqlite" --project team >"$WORK/copy1.txt" 2>&1 && pass "copied to SQLite" \
  || fail "copy to SQLite: $(cat "$WORK/copy1.txt")"
"$BIN" store copy "$WORK/copy.review.sqlite" "$URL" --to-project back >"$WORK/copy2.txt" 2>&1 && pass "copied back to the server" \
  || fail "copy back: $(cat "$WORK/copy2.txt")"
for table in decisions history settlements; do
  cols=$(case $table in decisions) echo "item_id, negative_id, annotator, verdict, coalesce(note, ''), tags, time, content_hash";;
         history) echo "annotator, item_id, negative_id, action, coalesce(before, ''), coalesce(after, ''), time, undone_by IS NULL";;
         settlements) echo "item_id, negative_id, verdict, adjudicator, coalesce(note, ''), time, content_hash";; esac)
  a=$(sql "SELECT $cols FROM $table WHERE project = 'team' ORDER BY 1, 2, 3, 4, 5, 6, 7" | md5sum)
  b=$(sql "SELECT $cols FROM $table WHERE project = 'back' ORDER BY 1, 2, 3, 4, 5, 6, 7" | md5sum)
  n=$(sql "SELECT count(*) FROM $table WHERE project = 'back'")
  [ "$a" = "$b" ] && [ "$n" -gt 0 ] && pass "$table: all $n rows the same after the round trip" || fail "$table differs after the round trip"
done
"$BIN" export "$DATA" --store "$URL" --project back --format decisions --out "$WORK/export-back.jsonl" 2>/dev/null >/dev/null
cmp -s "$WORK/export.jsonl" "$WORK/export-back.jsonl" && pass "the export from the copy is byte for byte the same" \
  || fail "the export from the copy differs: $(diff "$WORK/export.jsonl" "$WORK/export-back.jsonl" | head -4)"

echo "pg_team: $PASSED passed, $FAILED failed in $(( $(date +%s) - START )) s (screens in $CAPS)"
[ "$FAILED" -eq 0 ]
