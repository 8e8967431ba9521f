#!/usr/bin/env bash
# Issue 14: the hardening audit's cases replayed against the built binary, as
# a user meets them. Each case prints PASS or FAIL with what it measured and
# the promise of docs/limits.md it checks; the script exits 1 on any FAIL.
# Usage: Tests/e2e/audit_replay.sh PATH/TO/scenelens [--full]
#   --full  (or AUDIT_FULL=1) also runs the 100,000-object graph and a 50 MB
#           step; without it the graphs are 10k and 30k objects and the step
#           AUDIT_STEP_MB megabytes (default 10): about a minute on a release
#           build; a debug build takes minutes on 10 MB, so .ci/run gives 2.
# Needs python3 (to write the inputs), /usr/bin/time (GNU time, for peak RSS),
# timeout, mkfifo and tmux (the inspector's item open).
set -u
BIN=${1:?usage: $0 SCENELENS_BINARY [--full]}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
FULL=${AUDIT_FULL:-0}
[ "${2:-}" = "--full" ] && FULL=1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
for tool in python3 /usr/bin/time timeout mkfifo tmux; do
    command -v "$tool" >/dev/null || { echo "audit_replay: $tool is not installed" >&2; exit 2; }
done
WORK=$(mktemp -d)
SOCK="$WORK/tmux.sock"
cleanup() { tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
FAILED=0; PASSED=0
pass() { echo "PASS: $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); }
verdict() {  # verdict CONDITION_STATUS TEXT: PASS when the status is 0
    if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2"; fi
}

# run SECONDS CMD...: runs CMD under timeout and GNU time; sets STATUS (124:
# timed out), RSS (peak, KB), CPU (user+sys seconds), WALL; stdout in
# $WORK/out, stderr in $WORK/err.
run() {
    local secs=$1; shift
    /usr/bin/time -o "$WORK/time" -f "%x %M %U %S %e" timeout "$secs" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
    read -r STATUS RSS user sys WALL < <(tail -1 "$WORK/time")
    # GNU time prints "Command exited with non-zero status N" before the line.
    CPU=$(python3 -c "print(round($user + $sys, 2))")
}
mb() { python3 -c "print(round($1 / 1024, 1))"; }
lt() { python3 -c "import sys; sys.exit(0 if $1 <= $2 else 1)"; }  # lt A B: A <= B

# The base: a sample dataset with real images (2 items).
"$BIN" sample --items 2 --out "$WORK/ds" >/dev/null 2>&1 || { echo "audit_replay: scenelens sample failed" >&2; exit 2; }
DS="$WORK/ds"
# item NAME PYTHON: writes $DS/NAME.jsonl, the first sample item changed by PYTHON (on `d`).
item() {
    python3 - "$DS" "$1" "$2" <<'EOF'
import json, sys
ds, name, code = sys.argv[1:4]
d = json.loads(open(ds + "/dataset.jsonl").readline())
exec(code)
text = json.dumps(d) if not isinstance(d, str) else d
open(f"{ds}/{name}.jsonl", "w").write(text + "\n")
EOF
}
echo "audit_replay: $BIN ($( "$BIN" --version 2>/dev/null | head -1 ))"

# 1. Box coordinates outside the Int range: no trap, the box dropped with the item and field named.
#    docs/limits.md, Numbers: "finite, within ±2^24 pixels; the box is dropped with an error naming the item and field".
item box19 'd["scene_graph"]["objects"][0]["x"] = 1e19'
item box400 'd = json.dumps(d).replace("\"x\": 37,", "\"x\": 1e400,", 1)'
for f in box19 box400; do
    run 60 "$BIN" render "$DS/$f.jsonl" --plain
    render=$STATUS
    run 60 "$BIN" validate "$DS/$f.jsonl"
    grep -q "^$DS/$f.jsonl:1: clevr-0000000: scene_graph.objects\[0\]: box x is .*must lie within ±16777216 pixels; box ignored" "$WORK/out"
    named=$?
    run 60 "$BIN" lint "$DS/$f.jsonl"
    lint=$STATUS
    [ "$render" -eq 0 ] && [ "$named" -eq 0 ] && [ "$lint" -le 1 ]
    verdict $? "box x=${f#box}: render exit $render, lint exit $lint, validate names item and field: $([ $named -eq 0 ] && echo yes || echo no) (limit: Numbers, box within ±2^24, dropped with item and field named)"
done

# 2. Special files as image or attention paths, and given to decode/view: refused at once, no hang.
#    docs/limits.md, Files: "Only regular files are read ... nothing blocks on a FIFO".
mkfifo "$DS/fifo"
for p in /dev/zero /dev/urandom fifo; do
    n=$(basename "$p")
    item "img_$n" "d['image'] = '$p'"
    item "attn_$n" "d['attention'] = [{'label': 'step', 'rationale': 'chosen', 'step': 0, 'path': '$p'}]"
    for kind in img attn; do
        worst=0; rss=0; why=""
        for cmd in validate render lint; do
            run 20 "$BIN" $cmd "$DS/${kind}_$n.jsonl" $([ $cmd = render ] && echo --plain)
            [ "$RSS" -gt "$rss" ] && rss=$RSS
            [ "$STATUS" -eq 124 ] && why="$why $cmd hung;"
            [ "$STATUS" -gt 2 ] && [ "$STATUS" -ne 124 ] && why="$why $cmd exit $STATUS;"
            if [ $cmd = validate ] && ! grep -q "not a regular file" "$WORK/out"; then why="$why validate does not say 'not a regular file';"; fi
        done
        lt "$rss" $((200 * 1024)) || why="$why peak $(mb $rss) MB;"
        [ -z "$why" ]
        verdict $? "$kind path $p: validate/render/lint each within 20 s, peak $(mb $rss) MB (limit: Files, only regular files read; 200 MB here)${why:+:$why}"
    done
done
for p in /dev/zero /dev/urandom "$DS/fifo"; do
    for cmd in "decode --info" "decode --out $WORK/x.pam" view; do
        run 20 "$BIN" $cmd "$p"
        [ "$STATUS" -eq 2 ] && grep -q "not a regular file" "$WORK/err" && lt "$RSS" $((200 * 1024))
        verdict $? "$cmd $(basename "$p"): exit $STATUS in ${WALL}s, peak $(mb "$RSS") MB, '$(head -1 "$WORK/err" | cut -c1-70)' (limit: Files, refused at once)"
    done
done

# 3. Scene graphs of 10k, 30k (and 100k) objects: render and lint in a few times validate's time,
#    and that ratio not growing with the graph (a quadratic scan would multiply it by ten).
#    docs/limits.md, Scene graphs: "linear in the graph".
sizes="10000 30000"; [ "$FULL" = 1 ] && sizes="10000 30000 100000"
first_render=""; first_lint=""
for n in $sizes; do
    python3 "$ROOT/Benchmarks/stress/big_graph.py" "$n" "$WORK/g$n" >/dev/null
    run 300 "$BIN" validate "$WORK/g$n/big.jsonl"; v=$CPU; vs=$STATUS
    run 300 "$BIN" render "$WORK/g$n/big.jsonl" --plain; r=$CPU; rs=$STATUS
    run 300 "$BIN" lint "$WORK/g$n/big.jsonl"; l=$CPU; ls=$STATUS
    rr=$(python3 -c "print(round($r / max($v, 0.05), 1))"); lr=$(python3 -c "print(round($l / max($v, 0.05), 1))")
    [ -z "$first_render" ] && first_render=$rr && first_lint=$lr
    grow=$(python3 -c "print(round(max($rr / $first_render, $lr / max($first_lint, 0.1)), 1))")
    [ "$rs" -eq 0 ] && [ "$ls" -le 1 ] && [ "$vs" -le 1 ] && lt "$rr" 10 && lt "$lr" 10 && lt "$grow" 3
    verdict $? "graph of $n objects: validate ${v}s, render ${r}s (${rr}x), lint ${l}s (${lr}x) of CPU; ratio ${grow}x that at 10k (limit: Scene graphs, linear: render and lint within 10x validate, the ratio within 3x of 10k's)"
done

# 4. A long rationale step: peak memory above a one-sentence item, per byte of input.
#    docs/limits.md, Memory per byte of text: within 8 bytes a byte for render, lint and the inspector.
steps="${AUDIT_STEP_MB:-10}"; [ "$FULL" = 1 ] && steps="$steps 50"
for m in 0 $steps; do
    python3 - "$DS" "$m" <<'EOF'
import json, random, sys
ds, mb = sys.argv[1], float(sys.argv[2])
random.seed(1)
words = "the a cube sphere red blue left of right small large metal rubber cylinder behind front is are there".split()
parts, n = [], 0
while n < mb * 1e6:
    w = random.choice(words); parts.append(w); n += len(w) + 1
d = json.loads(open(ds + "/dataset.jsonl").readline())
d["chosen"]["steps"] = [" ".join(parts) or "There is a cube."] + d["chosen"]["steps"]
open(f"{ds}/long{int(mb)}.jsonl", "w").write(json.dumps(d) + "\n")
EOF
done
inspector_rss() {  # inspector_rss FILE: peak RSS (KB) of the inspector opening FILE's first item, in tmux
    rm -f "$WORK/itime"
    tmux -S "$SOCK" new-session -d -s long -x 160 -y 48 \
        "LANG=C.UTF-8 /usr/bin/time -o '$WORK/itime' -f '%M' '$BIN' inspect '$1' --store '$WORK/long.review.sqlite' --annotator audit"
    local i
    for ((i = 0; i < 600; i++)); do tmux -S "$SOCK" capture-pane -t long -p 2>/dev/null | grep -q "CHOSEN" && break; sleep 0.2; done
    sleep 1
    tmux -S "$SOCK" send-keys -t long q
    for ((i = 0; i < 100; i++)); do [ -s "$WORK/itime" ] && break; sleep 0.2; done
    tmux -S "$SOCK" kill-session -t long 2>/dev/null
    tail -1 "$WORK/itime" 2>/dev/null || echo 0
}
run 60 "$BIN" render "$DS/long0.jsonl" --plain; base_render=$RSS
run 60 "$BIN" lint "$DS/long0.jsonl"; base_lint=$RSS
base_insp=$(inspector_rss "$DS/long0.jsonl")
for m in $steps; do
    size=$(stat -c %s "$DS/long$m.jsonl")
    run 600 "$BIN" render "$DS/long$m.jsonl" --plain; rs=$STATUS; r=$RSS; rw=$WALL
    run 600 "$BIN" lint "$DS/long$m.jsonl"; ls=$STATUS; l=$RSS; lw=$WALL
    i=$(inspector_rss "$DS/long$m.jsonl")
    rr=$(python3 -c "print(round(($r - $base_render) * 1024 / $size, 1))")
    lr=$(python3 -c "print(round(($l - $base_lint) * 1024 / $size, 1))")
    ir=$(python3 -c "print(round(($i - $base_insp) * 1024 / $size, 1) if $i > 0 else 999)")
    [ "$rs" -eq 0 ] && [ "$ls" -le 1 ] && lt "$rr" 8 && lt "$lr" 8 && lt "$ir" 8
    verdict $? "$m MB step: render $(mb $r) MB (${rr} B/B above a short step, ${rw}s), lint $(mb $l) MB (${lr} B/B, ${lw}s), inspector $(mb $i) MB (${ir} B/B) (limit: Memory per byte of text, 8 bytes a byte)"
done

# 5. A crafted .npy header whose line feed would forge a FILE:LINE: line.
#    docs/limits.md, Text: "A report is one line ... no input can forge a FILE:LINE: line".
python3 - "$DS" <<'EOF'
import struct, sys
h = "{'descr': '<f4\nforged.jsonl:7: clevr-0000000: forged line', 'fortran_order': False, 'shape': (2, 2), }"
h += " " * ((64 - (10 + len(h) + 1) % 64) % 64) + "\n"
open(sys.argv[1] + "/attn/forged.npy", "wb").write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h.encode() + b"\0" * 16)
EOF
item npy "d['attention'] = [{'label': 'step', 'rationale': 'chosen', 'step': 0, 'path': 'attn/forged.npy'}]"
forged=0
for cmd in validate lint; do
    run 60 "$BIN" $cmd "$DS/npy.jsonl"
    cat "$WORK/out" "$WORK/err" > "$WORK/both"
    grep -q "^forged.jsonl" "$WORK/both" && forged=$((forged + 1))
    grep -q "forged.npy.*\^J" "$WORK/both" || forged=$((forged + 1))
done
[ "$forged" -eq 0 ]
verdict $? ".npy header with a line feed: validate and lint show it as ^J, no forged line (limit: Text, a report is one line)"

# 6. U+009B (CSI) and U+202E (RLO) in --json output: escaped, values unchanged.
#    docs/limits.md, Text: "--json output escapes C0 and C1 controls, bidi overrides".
item ctl "d['id'] = 'a\u009b31mb\u202ec'; d['question'] = 'why \u009b[2J \u202e?'"
for cmd in "validate --json" "lint --json" "stats --json --no-lint"; do
    run 60 "$BIN" $cmd "$DS/ctl.jsonl"
    python3 - "$WORK/out" <<'EOF'
import json, sys
raw = open(sys.argv[1], "rb").read()
bad = [c for c in ("\u009b", "\u202e", "\x1b") if c.encode() in raw]
lines = [json.loads(l) for l in raw.decode().splitlines() if l.strip()]
sys.exit(0 if not bad and lines else 1)
EOF
    ok=$?
    verdict $ok "$cmd: U+009B and U+202E escaped as \\u009b / \\u202e, $(wc -l < "$WORK/out") JSON line(s) parse, exit $STATUS (limit: Text, --json escapes C1 and bidi)"
done
# the values come back unchanged
run 60 "$BIN" lint --json "$DS/ctl.jsonl"
python3 -c "
import json, sys
items = [json.loads(l).get('item') for l in open('$WORK/out') if l.strip()]
sys.exit(0 if 'a\u009b31mb\u202ec' in items else 1)"
verdict $? "lint --json: the item id reads back as written, U+009B and U+202E included (limit: Text, the values are unchanged)"

# 7. An escape in a file name given to decode and view: shown as a placeholder.
#    docs/limits.md, Text: "decode and view show escapes in file names as placeholders".
evil="$WORK/a$(printf '\033')[31mred$(printf '\033')]0;title$(printf '\007').png"
printf 'not an image' > "$evil"
for cmd in "decode --info" view "decode --out $WORK/e.pam"; do
    run 20 "$BIN" $cmd "$evil"
    ! grep -q $'\033\|\007' "$WORK/err" "$WORK/out" && grep -q '\^\[' "$WORK/err"
    verdict $? "$cmd with ESC and BEL in the file name: exit $STATUS, '$(head -1 "$WORK/err" | cut -c1-80)' (limit: Text, escapes in file names as placeholders)"
done

# 8. JPEG: a small file claiming 8000x7999, and a truncated progressive file.
#    docs/limits.md, Images: "JPEG pixels are never invented for missing data".
python3 - "$ROOT/Tests/ImagingTests/Fixtures/jpeg" "$WORK" <<'EOF'
import sys
src, out = sys.argv[1], sys.argv[2]
b = bytearray(open(src + "/colour_baseline.jpg", "rb").read())
i = 2
while i + 9 < len(b):
    if b[i] != 0xFF: i += 1; continue
    if 0xC0 <= b[i + 1] <= 0xC2:
        b[i + 5:i + 9] = bytes([7999 >> 8, 7999 & 255, 8000 >> 8, 8000 & 255]); break
    i += 2 + (b[i + 2] << 8) + b[i + 3]
open(out + "/huge.jpg", "wb").write(b)
p = open(src + "/colour_progressive.jpg", "rb").read()
open(out + "/cut.jpg", "wb").write(p[:len(p) * 2 // 3])
EOF
run 30 "$BIN" decode --info "$WORK/huge.jpg"; info=$(head -1 "$WORK/out")
run 30 "$BIN" decode "$WORK/huge.jpg" --out "$WORK/huge.pam"
[ "$STATUS" -eq 2 ] && [ ! -e "$WORK/huge.pam" ] && lt "$RSS" $((100 * 1024))
verdict $? "$(stat -c %s "$WORK/huge.jpg")-byte JPEG claiming 8000x7999: decode exit $STATUS, peak $(mb "$RSS") MB, no output, '$(head -1 "$WORK/err" | cut -c1-90)' (limit: Images, refused as truncated before allocating; 100 MB here)"
run 30 "$BIN" decode "$WORK/cut.jpg" --out "$WORK/cut.pam"
[ "$STATUS" -eq 2 ] && [ ! -e "$WORK/cut.pam" ] && lt "$RSS" $((100 * 1024))
verdict $? "truncated progressive JPEG ($(stat -c %s "$WORK/cut.jpg") bytes): decode exit $STATUS, peak $(mb "$RSS") MB, no output, '$(head -1 "$WORK/err" | cut -c1-80)' (limit: Images, never invented pixels)"

# 9. Stores: a zero-byte store is an empty one; a damaged one is refused and left unwritten.
#    docs/limits.md, What is never lost; Stores.
: > "$DS/dataset.review.sqlite"
run 60 "$BIN" stats "$DS/dataset.jsonl" --no-lint
[ "$STATUS" -eq 0 ] && grep -q "no review store at .* yet" "$WORK/err"
verdict $? "zero-byte store: stats exit $STATUS, '$(head -1 "$WORK/err" | cut -c1-80)' (limit: a zero-byte store means nothing decided yet)"
rm -f "$DS/dataset.review.sqlite"
python3 - "$WORK/damaged.sqlite" <<'EOF'
import sqlite3, sys
p = sys.argv[1]
db = sqlite3.connect(p)
db.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
db.executemany("INSERT INTO t VALUES (?, ?)", [(i, "x" * 200) for i in range(400)])
db.commit(); db.close()
b = bytearray(open(p, "rb").read())
for k in range(len(b) // 2, len(b)):
    if k % 7: b[k] = (k * 31) & 255
open(p, "wb").write(b)
EOF
before=$(md5sum < "$WORK/damaged.sqlite")
run 60 "$BIN" stats "$DS/dataset.jsonl" --no-lint --store "$WORK/damaged.sqlite"
[ "$STATUS" -eq 2 ] && grep -q "is damaged" "$WORK/err" && [ "$(md5sum < "$WORK/damaged.sqlite")" = "$before" ]
verdict $? "damaged store: stats exit $STATUS, file unchanged, '$(head -1 "$WORK/err" | cut -c1-90)' (limit: stores checked with quick_check, never written when damaged)"

# 10. Paths climbing out of the dataset folder: warned by validate, nothing read from them shown.
#     docs/limits.md, Paths outside the dataset folder.
ln -s /etc/passwd "$DS/images/link.png"
item outside "d['image'] = '../../../../../../etc/passwd'"
item outlink "d['image'] = 'images/link.png'"
for f in outside outlink; do
    run 60 "$BIN" validate "$DS/$f.jsonl"
    grep -q "warning: clevr-0000000: image: .* lies outside the dataset folder .* resolves to /etc/passwd" "$WORK/out" \
        && ! grep -q "root:" "$WORK/out" "$WORK/err"
    verdict $? "$f image path: validate warns it lies outside and shows none of its bytes, exit $STATUS (limit: Paths outside the dataset folder)"
    run 60 "$BIN" render "$DS/$f.jsonl" --plain
    ! grep -q "root:" "$WORK/out" "$WORK/err" && [ "$STATUS" -eq 0 ]
    verdict $? "$f image path: render exit $STATUS, none of its bytes on screen (limit: Paths outside the dataset folder)"
done

# 11. decode --out over a planted symbolic link: the link's target is left alone.
#     docs/limits.md, What is never lost: "created with O_CREAT|O_EXCL|O_NOFOLLOW".
printf 'P5\n1 1\n255\n\310' > "$WORK/dot.pgm"
printf 'precious' > "$WORK/victim"
ln -s "$WORK/victim" "$WORK/dot.pam"
for k in 1 2 3; do ln -s "$WORK/victim" "$WORK/.dot.pam.tmp-$((99999990 + k))-lnk"; done
run 30 "$BIN" decode "$WORK/dot.pgm" --out "$WORK/dot.pam"
[ "$STATUS" -eq 0 ] && [ "$(cat "$WORK/victim")" = precious ] && [ -f "$WORK/dot.pam" ] && [ ! -L "$WORK/dot.pam" ] \
    && [ "$(ls -A "$WORK" | grep -c '^\.dot\.pam\.tmp')" -eq 3 ]
verdict $? "decode --out onto a symbolic link, with links planted as temporaries: exit $STATUS, target unchanged, output a regular file, planted links untouched (limit: What is never lost, O_EXCL|O_NOFOLLOW temporaries)"

echo "audit_replay: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
