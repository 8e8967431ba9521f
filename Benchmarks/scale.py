#!/usr/bin/env python3
"""The scaling table of issue 17 (Benchmarks/run.sh --scale): at 20k, 200k and
1M generated items with a third of the items decided, resume and the last `a`
measured from outside through a pseudo-terminal (pty_scale.py), beside `wc -l`
of the same file in the same run. Writes the section between the scale
markers of BENCHMARKS.md.

Inputs are made once under Benchmarks/work: the dataset (`scenelens sample`,
seed 42), a store in which the first third of the items is decided
(`scenelens-bench decide`, through the store API in one transaction) and a
copy of it with the resume mark a session that decided them in order leaves
(`scenelens-bench mark`). Resume without a mark (the first one after
upgrading, or after an undo the mark cannot place) walks every finished item;
it is measured at the sizes given to --unmarked (default: 20k only, it takes
minutes beyond).

Usage: scale.py BIN_DIR [--sizes 20000,200000,1000000] [--unmarked 20000] [--count N] [--walk 200000] [--update BENCHMARKS.md]
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time

from sections import replace_section

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
BEGIN, END = "<!-- scale: begin -->", "<!-- scale: end -->"


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def inputs(bins, n):
    dataset = os.path.join(WORK, f"big-{n}", "dataset.jsonl")
    if not os.path.exists(dataset):
        print(f"generating {n} items...", file=sys.stderr)
        run([os.path.join(bins, "scenelens"), "sample", "--items", str(n), "--out", os.path.join(WORK, f"big-{n}"), "--seed", "42"])
    decided = n // 3
    stores = os.path.join(WORK, "stores")
    os.makedirs(stores, exist_ok=True)
    plain = os.path.join(stores, f"{n}-{decided}.review.sqlite")
    marked = os.path.join(stores, f"{n}-{decided}-marked.review.sqlite")
    placed = os.path.join(stores, f"{n}-{decided}-placed.review.sqlite")
    if not os.path.exists(plain):
        print(f"deciding {decided} items of {n}...", file=sys.stderr)
        run([os.path.join(bins, "scenelens-bench"), "decide", dataset, plain + ".part", "--items", str(decided), "--annotator", "bench"])
        os.rename(plain + ".part", plain)
    if not os.path.exists(marked):
        # A mark without its line's place: as a store written before places were kept leaves it.
        shutil.copyfile(plain, marked + ".part")
        run([os.path.join(bins, "scenelens-bench"), "mark", dataset, marked + ".part", "--position", str(decided),
             "--annotator", "bench", "--no-place"])
        os.rename(marked + ".part", marked)
    if not os.path.exists(placed):
        # The mark a session leaves now: with the offset, line, length and checksum of its item's line.
        shutil.copyfile(plain, placed + ".part")
        run([os.path.join(bins, "scenelens-bench"), "mark", dataset, placed + ".part", "--position", str(decided), "--annotator", "bench"])
        os.rename(placed + ".part", placed)
    return dataset, decided, plain, marked, placed


def timed(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def pty(bins, dataset, store, decided, count):
    out = run([sys.executable, os.path.join(HERE, "pty_scale.py"), os.path.join(bins, "scenelens"), dataset, store, str(decided),
               "--count", str(count), "--json"])
    return json.loads(out.strip().splitlines()[-1])


def bins_exe(bins):
    return os.path.join(bins, "scenelens")


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bins")
    ap.add_argument("--sizes", default="20000,200000,1000000")
    ap.add_argument("--unmarked", default="20000")
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--update")
    ap.add_argument("--walk", default="200000", help="the size whose dataset pty_walk.py searches (empty: none)")
    a = ap.parse_args()
    rows = []
    for n in [int(x) for x in a.sizes.split(",") if x]:
        dataset, decided, plain, marked, placed = inputs(a.bins, n)
        load0 = os.getloadavg()[0]
        wc = median([timed(["wc", "-l", dataset]) for _ in range(3)])
        # `render --item 0` with the store (decisions of a third of the items): the first frame, no keys.
        render = median([timed([os.path.join(bins_exe(a.bins)), "render", dataset, "--item", "0", "--store", placed,
                                "--annotator", "bench"]) for _ in range(3)])
        r = pty(a.bins, dataset, placed, decided, a.count)
        old = pty(a.bins, dataset, marked, decided, 1)["resume"]
        unmarked = pty(a.bins, dataset, plain, decided, 1)["resume"] if str(n) in a.unmarked.split(",") else None
        load = (load0, os.getloadavg()[0])
        rows.append((n, decided, wc, render, r, old, unmarked, load))
        print(json.dumps({"items": n, "decided": decided, "wc": wc, "render": render, **r, "old_mark_resume": old,
                          "unmarked_resume": unmarked, "load": load}), file=sys.stderr)
    lines = [BEGIN, "",
             "## Scale: resume and the last `a` (issue 17)", "",
             f"Made by `Benchmarks/run.sh --scale` on {datetime.date.today()} ({os.cpu_count()} cores; the load average "
             "beside each row: the machine is shared). Generated datasets (`scenelens sample --seed 42`), a third of the "
             "items decided by `bench` (`scenelens-bench decide`). *Resume*: from starting `scenelens inspect` to the first "
             "byte after which the first unfinished item is on screen, with the resume mark a session leaves "
             "(`scenelens-bench mark`: with its item's line place, so the line index starts there), with a mark "
             "from a store written before places were kept (`mark --no-place`: the lines up to it are indexed first), "
             "and without one (the first resume after upgrading: every finished item read). "
             "*Render*: `scenelens render DATASET --item 0 --store STORE` (median of 3) with that store. "
             f"*Last `a`*: the last negative of an item accepted until the last byte of the next item's frame "
             f"(0.2 s of quiet after it), median and max of {a.count}, after the background indexing and counting ended. "
             "Resume and last `a` through a pseudo-terminal (`Benchmarks/pty_scale.py`). "
             "Targets at 1M: resume ≤ 1 s, last `a` ≤ 20 ms, render ≤ 0.05x `wc -l`.", "",
             "| items | decided items | `wc -l` | render | render / `wc -l` | resume (mark) | resume (mark without place) "
             "| resume (no mark) | last `a` median | last `a` max | load (1 min, before/after) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for n, decided, wc, render, r, old, unmarked, load in rows:
        la = r["last_a"]
        lines.append(f"| {n:,} | {decided:,} | {wc:.2f} s | {render:.3f} s | {render / wc:.3f}x | {r['resume']:.2f} s | {old:.2f} s | "
                     f"{'%.1f s' % unmarked if unmarked is not None else 'not run'} | {median(la) * 1000:.0f} ms | "
                     f"{max(la) * 1000:.0f} ms | {load[0]:.1f} / {load[1]:.1f} |")
    walk_set = os.path.join(WORK, f"big-{a.walk}", "dataset.jsonl")
    if a.walk and os.path.exists(walk_set):
        # Keys during a long walk: `?` and one Esc while a `/` search walks every item (Benchmarks/pty_walk.py).
        w = json.loads(run([sys.executable, os.path.join(HERE, "pty_walk.py"), bins_exe(a.bins), walk_set, "--count", "5",
                            "--json"]).strip().splitlines()[-1])
        print(json.dumps({"walk": w}), file=sys.stderr)
        def ms(xs):
            xs = [x for x in xs if x is not None]
            return f"{median(xs) * 1000:.0f} ms (max {max(xs) * 1000:.0f} ms)" if xs else "never answered"
        lines += ["", f"*Keys during a walk* ({int(a.walk):,} items, `Benchmarks/pty_walk.py`, 5 times): while a `/` search for a "
                  f"word no item holds walks the file, `?` to the help's title written {ms(w['help'])}, and one Esc to "
                  f"\"cancelled\" {ms(w['esc'])}; the walk was still running at every Esc: {all(w['walk_running_after_keys'])}; "
                  f"load {w['load'][0]:.1f}."]
    lines += ["", END]
    text = "\n".join(lines)
    print(text)
    if a.update:
        replace_section(a.update, BEGIN, END, text)


if __name__ == "__main__":
    main()
