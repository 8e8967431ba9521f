#!/usr/bin/env python3
"""Keys during a long walk (issue 17, deliverable 3), measured from outside
through a pseudo-terminal: a `/` search for a word no item holds walks the
whole dataset; while it runs, `?` (the help) is
pressed and timed from the write to the output chunk in which its answer
is written (the help's title; the help is then closed by `?` again), then ONE
Esc, timed to the search's cancellation on screen ("cancelled" on the prompt line). Reported with the load average; a key answered only
after the walk ended shows as the walk's whole length.

Usage: pty_walk.py SCENELENS DATASET [--count N] [--json]
"""
import argparse
import json
import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_latency import Inspector  # noqa: E402

WORD = "zqxjvwalkprobe"


def until(app, test, start, timeout=600.0):
    """Seconds from `start` to the first chunk after which `test(screen)` holds; None on timeout."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for t, d in app.read_frame(quiet=0.05, timeout=1.0):
            app.feed(d)
            if test(app.text()):
                return t - start
        if test(app.text()):
            return time.perf_counter() - start
    return None


def until_bytes(app, needle, start, timeout=120.0):
    """Seconds from `start` to the chunk in which the bytes `needle` are written
    (the raw output, not the emulator's screen: pyte misplaces some of
    ncurses' partial updates, and a word left over from an earlier frame must
    not count); None on timeout."""
    deadline = time.perf_counter() + timeout
    seen = b""
    while time.perf_counter() < deadline:
        for t, d in app.read_frame(quiet=0.05, timeout=1.0):
            app.feed(d)
            seen = seen[-len(needle):] + d
            if needle in seen:
                return t - start
    return None


def walking(text):
    """The walk's progress is on screen (the prompt line says "searching")."""
    return re.search(r"^ ?searching", text, re.M) is not None


def helping(text):
    return "Keys (" in text


def measure(binary, dataset, count):
    out = {"help": [], "esc": []}
    with tempfile.TemporaryDirectory() as tmp:
        app = Inspector(binary, dataset, os.path.join(tmp, "review.sqlite"))
        if until(app, lambda t: "item 1 of" in t, time.perf_counter(), 120) is None:
            sys.exit(f"pty_walk: no first frame; screen:\n{app.text()}")
        app.settle("item 1 of", quiet=0.5)
        for _ in range(count):
            os.write(app.master, f"/{WORD}\r".encode())
            if until(app, walking, time.perf_counter(), 60) is None:
                sys.exit(f"pty_walk: the search never showed its progress; screen:\n{app.text()}")
            time.sleep(0.3)
            t0 = time.perf_counter()
            os.write(app.master, b"?")
            out["help"].append(until_bytes(app, b"Keys (", t0))
            app.read_frame(quiet=0.2, timeout=2.0)
            t0 = time.perf_counter()
            os.write(app.master, b"?")
            # The help closed (its answer is the panes under it drawn again: not timed, no one word to wait for).
            app.read_frame(quiet=0.2, timeout=2.0)
            still = walking(app.text())
            t0 = time.perf_counter()
            os.write(app.master, b"\x1b")
            out["esc"].append(until_bytes(app, b"cancelled", t0))
            out.setdefault("walk_running_after_keys", []).append(still)
            app.settle("", quiet=0.5)
        app.quit()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary"); ap.add_argument("dataset")
    ap.add_argument("--count", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    r = measure(a.binary, a.dataset, a.count)
    r["load"] = os.getloadavg()
    if a.json:
        print(json.dumps(r))
    else:
        for k in ("help", "esc"):
            xs = sorted(x for x in r[k] if x is not None)
            missing = len(r[k]) - len(xs)
            print(f"{k}: median {xs[len(xs) // 2] * 1000:.1f} ms, max {xs[-1] * 1000:.1f} ms" if xs else f"{k}: none", 
                  f"({missing} never answered)" if missing else "")
        print(f"walk still running when Esc was pressed: {r['walk_running_after_keys']}; load {r['load'][0]:.2f}")


if __name__ == "__main__":
    main()
