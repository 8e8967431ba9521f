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

Usage: pty_latency.py SCENELENS DATASET... [--count N] [--json]
                      [--update BENCHMARKS.md --build "what build SCENELENS is"]
With --update, the section between the pty markers of that file is replaced
by a table of these figures, with the machine and the build named
(Benchmarks/run.sh --pty; the full run writes the same section).
"""
import argparse, re
import datetime
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
    def __init__(self, binary, dataset, store, extra=()):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        # The user's config (a rebound `a`) and remembered display settings stay out of it.
        home = os.path.dirname(store)
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
                   XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_STATE_HOME=os.path.join(home, "state"))
        env.pop("COLORTERM", None)
        self.proc = subprocess.Popen([binary, "inspect", dataset, "--store", store, "--annotator", "bench", *extra],
                                     stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.carry = b""

    # kitty's graphics commands (APC) and sixel (DCS): pyte would print their
    # payload as text, so they are cut out before it reads the bytes (their
    # time still counts: the frame ends with its last byte, payload included).
    GRAPHICS = re.compile(rb"\x1b[_P].*?\x1b\\", re.S)

    def feed(self, data):
        buf = self.GRAPHICS.sub(b"", self.carry + data)
        start = max(buf.rfind(b"\x1b_"), buf.rfind(b"\x1bP"))
        if start < 0 and buf.endswith(b"\x1b"):
            start = len(buf) - 1
        self.carry, buf = (buf[start:], buf[:start]) if start >= 0 else (b"", buf)
        self.stream.feed(buf)

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
            self.feed(data)
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
                self.feed(d)
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


def measure(binary, dataset, count, extra=()):
    with tempfile.TemporaryDirectory() as tmp:
        app = Inspector(binary, dataset, os.path.join(tmp, "review.sqlite"), extra)
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


# What each figure is and its p99 target (issue 13, "Speed").
FIGURES = [("nav", "`n`/`p` between two cached items until the bytes of the frame stop", 0.010),
           ("saved", "`a` until \"saved: accept\" is on screen (durable write included), then `u`", 0.015)]
BEGIN, END = "<!-- pty_latency: begin -->", "<!-- pty_latency: end -->"


def label(dataset):
    """Samples/ for the bundled file, else the item count."""
    if os.path.abspath(dataset).endswith(os.path.join("Samples", "scenes.jsonl")):
        return "Samples/"
    with open(dataset, "rb") as f:
        return f"{sum(1 for _ in f)} items"


def section(results, build, machine, load):
    """The markdown section of `results` ({label: measure(...)})."""
    ms = lambda v: f"{v * 1e3:.1f} ms"
    lines = [BEGIN, "",
             "## Key to frame through a pseudo-terminal",
             "",
             f"`Benchmarks/pty_latency.py` on {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}: "
             "the inspector started in a 160x48 pseudo-terminal (TERM=xterm-256color, UTF-8), each key written and timed "
             "from the write, the bytes read as they come and fed to a terminal emulator (pyte) off the clock. Unlike the "
             "in-process keystroke figures above, this includes the run loop waking, drawing, curses and the terminal write.",
             f"Machine: {machine}; load average {load[0]:.1f} at the start, {load[1]:.1f} at the end.",
             f"Build: {build}.",
             "",
             "| figure | dataset | median | p99 | max | n | target (p99) | met |",
             "|---|---|---|---|---|---|---|---|"]
    for name, how, limit in FIGURES:
        for where, m in results.items():
            v = m[name]
            p99 = percentile(v, 99)
            lines.append(f"| {how} | {where} | {ms(percentile(v, 50))} | {ms(p99)} | {ms(max(v))} | {len(v)} | "
                         f"≤ {ms(limit)} | {'yes' if p99 <= limit else '**no**'} |")
    return lines + ["", END]


def update(path, lines):
    """Replaces the pty section of `path` (or adds it before the notes)."""
    text = open(path).read() if os.path.exists(path) else ""
    block = "\n".join(lines)
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    elif "\n## What was tried" in text:
        i = text.index("\n## What was tried")
        text = text[:i] + "\n" + block + "\n" + text[i:]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--update", help="a BENCHMARKS.md whose pty section to replace")
    ap.add_argument("--build", default="release", help="the build, as the section names it")
    ap.add_argument("--graphics", help="start the inspector with --graphics MODE (kitty, sixel: the pixel modes' "
                    "frames, their escape sequences read off the clock like the rest)")
    a = ap.parse_args()
    load_before = os.getloadavg()[0]
    results = {}
    for d in a.datasets:
        results[label(d)] = measure(a.binary, d, a.count, ["--graphics", a.graphics] if a.graphics else [])
        if not a.json:
            for name, v in results[label(d)].items():
                print(f"{label(d)}: {name}: median {percentile(v, 50) * 1e3:.2f} ms, p99 {percentile(v, 99) * 1e3:.2f} ms, "
                      f"max {max(v) * 1e3:.2f} ms (n={len(v)})", flush=True)
    if a.json:
        print(json.dumps(results))
    if a.update:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from bench import machine
        update(a.update, section(results, a.build, machine(), (load_before, os.getloadavg()[0])))
        print(f"updated {a.update}")


if __name__ == "__main__":
    main()
