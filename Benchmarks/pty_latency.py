#!/usr/bin/env python3
"""Key-to-frame latency of the real inspector, measured from outside.

Starts `scenelens inspect` in a pseudo-terminal of 160x48 (TERM=xterm-256color,
UTF-8), writes keys to it and times, for each key, from the write to the last
byte of the frame it causes: the bytes are read as they come (each chunk
timestamped), the frame has ended when nothing arrives for QUIET seconds, and
the chunks are then fed to a terminal emulator (pyte) to check that the
expected text is on screen. Two figures:

  nav    `n` / `p` between two items already visited (parsed, image decoded
         and cached): until the other item's header is drawn and the bytes stop.
  saved  `a` until "saved: accept" is on screen (the decision is durable:
         SQLite commit with synchronous=FULL), then `u` to undo it, repeated.

Usage: pty_latency.py SCENELENS DATASET [--count N] [--json]
"""
import argparse
import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time

import pyte

QUIET = 0.03       # no byte for this long: the frame has ended
COLS, ROWS = 160, 48


class Inspector:
    def __init__(self, binary, dataset, store):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        env.pop("COLORTERM", None)
        self.proc = subprocess.Popen([binary, "inspect", dataset, "--store", store, "--annotator", "bench"],
                                     stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)

    def text(self):
        return "\n".join(self.screen.display)

    def read_frame(self, quiet=QUIET, timeout=30.0):
        """Reads until no byte has come for `quiet` seconds; returns the
        timestamped chunks (feeding the emulator afterwards, off the clock)."""
        chunks = []
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            r, _, _ = select.select([self.master], [], [], quiet)
            if not r:
                if chunks:
                    break
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            chunks.append((time.perf_counter(), data))
        return chunks

    def settle(self, want, quiet=1.0, timeout=180.0):
        """Waits until `want` is on screen and nothing has arrived for `quiet`
        seconds since. (It used to wait for a frame to end before looking:
        with the screen already drawn and quiet, no frame came and each call
        sat out its whole timeout, 180 s, which looked like a hang.)"""
        deadline = time.perf_counter() + timeout
        last = time.perf_counter()
        while True:
            now = time.perf_counter()
            if now >= deadline:
                sys.exit(f"pty_latency: '{want}' never appeared (or the output never went quiet) "
                         f"within {timeout:.0f} s; screen:\n{self.text()}")
            if want in self.text() and now - last >= quiet:
                return
            r, _, _ = select.select([self.master], [], [], min(quiet, deadline - now))
            if not r:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                sys.exit(f"pty_latency: the inspector ended while waiting for '{want}'; screen:\n{self.text()}")
            self.stream.feed(data)
            last = time.perf_counter()

    def press(self, key, want):
        """Writes `key`; returns seconds from the write to the first chunk after
        which `want` is on screen, and to the last byte of the frame."""
        start = time.perf_counter()
        os.write(self.master, key.encode())
        seen = None
        last = None
        while seen is None:
            chunks = self.read_frame()
            if not chunks:
                sys.exit(f"pty_latency: no output after {key!r}; screen:\n{self.text()}")
            for t, d in chunks:
                self.stream.feed(d)
                if seen is None and want in self.text():
                    seen = t
            last = chunks[-1][0]
        return seen - start, last - start

    def quit(self):
        os.write(self.master, b"q")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.master)


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def measure(binary, dataset, count):
    with tempfile.TemporaryDirectory() as tmp:
        app = Inspector(binary, dataset, os.path.join(tmp, "review.sqlite"))
        # Indexing, counting and the first image all done: nothing else draws.
        app.settle("reviewed 0")
        app.settle("item 1 of")
        # Visit item 2 and back once, so both are parsed and their images cached.
        app.press("n", "item 2 of"); app.settle("item 2 of", quiet=0.5)
        app.press("p", "item 1 of"); app.settle("item 1 of", quiet=0.5)
        nav = []
        # Before each timed key the output has been quiet for a while, so no
        # late byte of the previous key's frames is taken for this one's.
        for i in range(count):
            key, want, there = ("n", "item 2 of", "item 1 of") if i % 2 == 0 else ("p", "item 1 of", "item 2 of")
            app.settle(there, quiet=0.05)
            nav.append(app.press(key, want)[1])
        saved = []
        for _ in range(count):
            app.settle("", quiet=0.05)
            saved.append(app.press("a", "saved: accept")[0])
            app.press("u", "undone:")
        app.quit()
    return {"nav": nav, "saved": saved}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("dataset")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    r = measure(a.binary, a.dataset, a.count)
    if a.json:
        print(json.dumps(r))
        return
    for name, v in r.items():
        print(f"{name}: median {percentile(v, 50) * 1e3:.2f} ms, p99 {percentile(v, 99) * 1e3:.2f} ms, "
              f"max {max(v) * 1e3:.2f} ms (n={len(v)})")


if __name__ == "__main__":
    main()
