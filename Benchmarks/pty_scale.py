#!/usr/bin/env python3
"""Resume and the last `a` on an item, measured from outside through a
pseudo-terminal (the same harness as pty_latency.py), on a big dataset with a
store in which the first DECIDED items are finished (scenelens-bench decide).

  resume   from starting `scenelens inspect` to the first byte after which the
           first unfinished item's id (item DECIDED) is on screen.
  last-a   once the background work (indexing, ids, counts) has ended: on that
           item, every negative but one accepted; then the last `a` until the
           last byte of its output (nothing more for 0.2 s): the decision saved,
           the next unfinished item looked up and drawn. A full redraw (Ctrl-L)
           then checks that the next item is on screen; `u` brings the item back
           and the pair is repeated.

The store is copied first (the run records and undoes in it).
Usage: pty_scale.py SCENELENS DATASET STORE DECIDED [--count N] [--json]
"""
import argparse
import json
import os
import re
import select
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_latency import Inspector  # noqa: E402


def item_id(i):
    return f"clevr-{i:07d}"


def wait_for(app, want, start, timeout=600.0):
    """Seconds from `start` to the first chunk after which `want` is on screen."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for t, d in app.read_frame(timeout=5.0):
            app.stream.feed(d)
            if want in app.text():
                return t - start
    sys.exit(f"pty_scale: '{want}' never appeared; screen:\n{app.text()}")


def redrawn(app):
    """The screen after a full redraw (Ctrl-L): the emulator is not trusted
    with ncurses' partial updates of a line (it misplaced characters)."""
    os.write(app.master, b"\x0c")
    app.settle("", quiet=0.3)
    return app.text()


def until_quiet(app, start, quiet):
    """Seconds from `start` to the last byte before `quiet` seconds without one."""
    last = start
    while True:
        r, _, _ = select.select([app.master], [], [], quiet if last > start else 60.0)
        if not r:
            break
        data = os.read(app.master, 65536)
        last = time.perf_counter()
        app.stream.feed(data)
    return last - start


def measure(binary, dataset, store, decided, count):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "review.sqlite")
        shutil.copyfile(store, copy)
        start = time.perf_counter()
        app = Inspector(binary, dataset, copy)
        here, nxt = item_id(decided), item_id(decided + 1)
        resume = wait_for(app, here, start)
        print(f"resumed {resume:.3f}", file=sys.stderr)
        # The background work done (indexing, ids, counts), so no progress frame falls into a timed one.
        deadline = time.perf_counter() + 1800
        while True:
            text = redrawn(app)
            # "reviewed K of N": the decisions counted and the negatives of the whole file too.
            if re.search(r"reviewed \d+ of \d+", text) and "of at least" not in text:
                break
            if time.perf_counter() > deadline:
                sys.exit(f"pty_scale: the background work never ended; screen:\n{text}")
            time.sleep(2)
        print("background done", file=sys.stderr)
        # Accept until the next item shows.
        pressed = 0
        while nxt not in redrawn(app):
            pressed += 1
            if pressed > 50:
                sys.exit(f"pty_scale: {here} never finished; screen:\n{app.text()}")
            os.write(app.master, b"a")
            app.settle("", quiet=0.5)
        last_a = []
        for _ in range(count):
            os.write(app.master, b"u")
            app.settle("", quiet=0.5)
            if here not in redrawn(app):
                sys.exit(f"pty_scale: undo did not bring {here} back; screen:\n{app.text()}")
            t0 = time.perf_counter()
            os.write(app.master, b"a")
            last_a.append(until_quiet(app, t0, 0.2))
            if nxt not in redrawn(app):
                sys.exit(f"pty_scale: the last a did not show {nxt}; screen:\n{app.text()}")
        app.quit()
    return {"resume": resume, "last_a": last_a, "negatives_accepted": pressed}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary"); ap.add_argument("dataset"); ap.add_argument("store"); ap.add_argument("decided", type=int)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    r = measure(a.binary, a.dataset, a.store, a.decided, a.count)
    r["load"] = os.getloadavg()
    if a.json:
        print(json.dumps(r))
    else:
        xs = sorted(r["last_a"])
        print(f"resume {r['resume']:.3f} s; last a median {xs[len(xs) // 2] * 1000:.1f} ms, max {xs[-1] * 1000:.1f} ms; "
              f"load {r['load'][0]:.2f}")


if __name__ == "__main__":
    main()
