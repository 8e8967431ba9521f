#!/usr/bin/env python3
"""The commands table of issue 17 (Benchmarks/run.sh --scale, through scale.py):
`validate`, `stats`, `export` and `lint` at 20k, 200k and 1M generated items
with a third of the items decided, each beside `wc -l`, `grep -c` and a
Python `json.loads` loop over the same file, run back to back (wall time and
maximum resident memory from GNU time, the load average when each started).
Writes the section between the scale-commands markers of BENCHMARKS.md.

The full lint (and `stats`, which lints every item) takes tens of minutes at
1M; they run at the sizes given to --lint-sizes (default 20k and 200k).

Usage: scale_commands.py BIN_DIR [--sizes 20000,200000,1000000] [--lint-sizes 20000,200000]
                         [--store N=PATH ...] [--update BENCHMARKS.md]
"""
import argparse
import datetime
import os
import subprocess
import sys
import tempfile

from sections import replace_section

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
BEGIN, END = "<!-- scale-commands: begin -->", "<!-- scale-commands: end -->"

PY_LOOP = "import json,sys\nn=0\nfor line in open(sys.argv[1],'rb'):\n    if line.strip():\n        json.loads(line); n+=1\nprint(n)\n"


def timed(cmd):
    """Wall seconds and max RSS (MB) of `cmd` by GNU time, and the load average when it started."""
    load = os.getloadavg()[0]
    # Output to a file, not /dev/null: GNU grep stops at the first match when it writes to /dev/null.
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t, tempfile.TemporaryFile() as sink:
        r = subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%e %M", *cmd], stdout=sink,
                           stderr=subprocess.DEVNULL)
        if r.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited {r.returncode}")
        fields = t.read().split()[-2:]
    return float(fields[0]), int(fields[1]) / 1024, load


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bins")
    ap.add_argument("--sizes", default="20000,200000,1000000")
    ap.add_argument("--lint-sizes", default="20000,200000")
    ap.add_argument("--store", action="append", default=[], help="N=PATH: the store for size N")
    ap.add_argument("--update")
    a = ap.parse_args()
    stores = dict(s.split("=", 1) for s in a.store)
    lint_sizes = set(a.lint_sizes.split(","))
    sl = os.path.join(a.bins, "scenelens")
    out = tempfile.mkdtemp(prefix="scale-commands-")
    rows = []
    for n in [int(x) for x in a.sizes.split(",") if x]:
        dataset = os.path.join(WORK, f"big-{n}", "dataset.jsonl")
        store = stores.get(str(n))
        if store is None or not os.path.exists(dataset):
            sys.path.insert(0, HERE)
            import scale
            dataset, _, store, _ = scale.inputs(a.bins, n)
        size = os.path.getsize(dataset)
        cmds = [("`wc -l`", ["wc", "-l", dataset]),
                ("`grep -c sphere`", ["grep", "-c", "sphere", dataset]),
                ("Python `json.loads` loop", [sys.executable, "-c", PY_LOOP, dataset]),
                ("`validate`", [sl, "validate", dataset]),
                ("`stats --no-lint`", [sl, "stats", "--no-lint", dataset, "--store", store]),
                ("`export`", [sl, "export", dataset, "--store", store, "--out", os.path.join(out, "pairs.jsonl")])]
        if str(n) in lint_sizes:
            cmds += [("`stats`", [sl, "stats", dataset, "--store", store]), ("`lint`", [sl, "lint", dataset])]
        results = {}
        for name, cmd in cmds:
            results[name] = timed(cmd)
            print(f"{n} {name}: {results[name][0]:.2f} s, {results[name][1]:.0f} MB, load {results[name][2]:.1f}", file=sys.stderr)
        rows.append((n, size, results))
    lines = [BEGIN, "",
             "## Scale: the commands (issue 17)", "",
             f"Made by `Benchmarks/run.sh --scale` (`Benchmarks/scale_commands.py`) on {datetime.date.today()}, "
             f"{os.cpu_count()} cores shared with other engineers' builds (the load average when each command started "
             "is beside it), on the release build of README (`swift build -c release`). Generated datasets "
             "(`scenelens sample --seed 42`), a third of the items decided (every decidable negative accepted). "
             "Each size's commands ran back to back, so the ratios to the Python `json.loads` loop over the same file "
             "compare like with like. Targets at 1M: `validate`, `stats` and `export` ≤ 0.5x the Python loop, "
             "`lint` ≤ 1.0x, `stats` ≤ 150 MB resident.", "",
             "| items | file | command | wall | / Python loop | max RSS | load |",
             "|---:|---:|---|---:|---:|---:|---:|"]
    for n, size, results in rows:
        py = results["Python `json.loads` loop"][0]
        for name, (wall, rss, load) in results.items():
            lines.append(f"| {n:,} | {size / 1e9:.2f} GB | {name} | {wall:.2f} s | {wall / py:.2f}x | {rss:.0f} MB | {load:.1f} |")
    lines += ["", END]
    text = "\n".join(lines)
    print(text)
    if a.update:
        replace_section(a.update, BEGIN, END, text)


if __name__ == "__main__":
    main()
