#!/usr/bin/env python3
"""The dataset summary (docs/query.md, "The summary") at several sizes.

For each dataset: `grep -c` and `wc -l` over the file (the references), the
first `stats --by operator` (which makes the summary), then with the summary
kept: a frequency table, a query's full count, text searches, an appended
line (the update), and the same table by walking the items (`--no-summary`,
skipped above --walk-limit items). Every figure is process wall time with the
load average beside it; the summary's size on disk and the peak resident
memory of a command using it are recorded. Writes a Markdown section, and
with --update replaces the "Summary" section of BENCHMARKS.md.

    Benchmarks/summary.py BIN DATASET [DATASET...] [--update BENCHMARKS.md]
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def load():
    return os.getloadavg()[0]


def run(cmd, env=None, stdin=None):
    """Wall seconds, load average at the start, peak RSS (MB) of this child, output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    l = load()
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd}: exit {p.returncode}\n{p.stderr}")
    return wall, l, (after / 1024 if after > before else None), p.stdout + p.stderr


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def summary_path(dataset, folder):
    """Where SummaryFile keeps the summary of `dataset` (NAME-HASH.summary, HASH of the absolute path)."""
    absolute = os.path.abspath(dataset)
    return os.path.join(folder, f"{os.path.basename(absolute)}-{fnv1a64(absolute.encode()):x}.summary")


def row(name, wall, l, ref=None, note=""):
    ratio = f"{wall / ref:.2f}x" if ref else ""
    return f"| {name} | {wall:.3f} s | {ratio} | {l:.2f} | {note} |"


def bench(binary, dataset, walk_limit, bench_bin=None, kept_cache=None):
    cache = kept_cache or tempfile.mkdtemp(prefix="scenelens-summary-bench-")
    made_before = bool(kept_cache) and any(f.endswith(".summary") for _, _, fs in os.walk(cache) for f in fs)
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    work = tempfile.mkdtemp(prefix="scenelens-summary-data-")
    try:
        lines = []
        g, gl, _, out = run(["grep", "-c", '"id"', dataset])
        items = int(out.split()[0])
        w, wl, _, _ = run(["wc", "-l", dataset])
        size = os.path.getsize(dataset)
        lines.append(f"\n**{items:,} items** ({size / 1e9:.2f} GB, `{os.path.basename(os.path.dirname(dataset))}`); "
                     f"reference `grep -c` {g:.2f} s (load {gl:.2f}), `wc -l` {w:.2f} s (load {wl:.2f})\n")
        lines.append("| operation | wall | vs `grep -c` | load | note |")
        lines.append("|---|---|---|---|---|")
        s = [binary, "stats", dataset]
        t, l, _, _ = run(s + ["--by", "operator"], env)
        lines.append(row("first `stats --by operator` (makes the summary, both cores)" if not made_before
                         else "`stats --by operator`, the summary made before (--cache)", t, l, g))
        summary = [os.path.join(dp, f) for dp, _, fs in os.walk(cache) for f in fs if f.endswith(".summary")]
        disk = sum(os.path.getsize(f) for f in summary)
        if bench_bin:
            # In memory, as the inspector holds the summary once made: no process start, no file read.
            l = load()
            p = subprocess.run([bench_bin, "summary", summary[0]], stdout=subprocess.PIPE, text=True, check=True)
            m = json.loads(p.stdout)
            med = lambda xs: sorted(xs)[len(xs) // 2]
            lines.append(row("in memory: reading the summary file", m["read"], l, g))
            lines.append(row("in memory: indexing its words and ids", m["index"], l, g))
            lines.append(row("in memory: full count of `operator=swap and lint=same-answer` (median of 3)", med(m["count"]), l, g))
            lines.append(row("in memory: full count of `j<0.5 and confidence>0.7`", med(m["count_numbers"]), l, g))
            lines.append(row("in memory: frequency table operator × lint", med(m["table"]), l, g))
            lines.append(row("in memory: `text~zzzqqq`", med(m["text_none"]), l, g))
            lines.append(row("in memory: word index candidates for `cylinder` (a later `/`'s prefilter)", med(m["search_candidates"]), l, g))
        t, l, rss, _ = run(s + ["--by", "operator"], env)
        lines.append(row("`stats --by operator` (frequency table from the summary)", t, l, g,
                         f"{rss:.0f} MB resident" if rss else ""))
        t, l, _, _ = run(s + ["--by", "operator,lint"], env)
        lines.append(row("`stats --by operator,lint`", t, l, g))
        t, l, _, out = run(s + ["--where", "operator=swap and lint=same-answer", "--by", "verdict"], env)
        lines.append(row("full count of `operator=swap and lint=same-answer`", t, l, g))
        t, l, _, _ = run(s + ["--where", "j<0.5 and confidence>0.7", "--by", "operator"], env)
        lines.append(row("full count of `j<0.5 and confidence>0.7`", t, l, g))
        t, l, _, _ = run(s + ["--where", "text~zzzqqq", "--by", "operator"], env)
        lines.append(row("`text~zzzqqq` (no item has it: the word index rules all out)", t, l, g))
        if items <= walk_limit:
            t, l, _, _ = run(s + ["--where", "question~cylinder", "--by", "operator"], env)
            lines.append(row("`question~cylinder` (a common word: candidates read and checked)", t, l, g))
        # Appending a line: only it is summarised; the rest of the file is hashed again.
        copy = os.path.join(work, "d.jsonl")
        os.symlink(os.path.join(os.path.dirname(dataset), "images"), os.path.join(work, "images"))
        os.symlink(os.path.join(os.path.dirname(dataset), "attn"), os.path.join(work, "attn"))
        shutil.copyfile(dataset, copy)
        # The copy starts with the original's summary (under the copy's name), as if it had been summarised.
        shutil.copyfile(summary[0], summary_path(copy, os.path.dirname(summary[0])))
        with open(dataset, "rb") as f:
            first = f.readline()
        with open(copy, "ab") as f:
            f.write(first.replace(b'"id":"', b'"id":"appended-', 1))
        t, l, _, _ = run([binary, "stats", copy, "--by", "operator"], env)
        lines.append(row("`stats --by operator` after one line was appended (every line hashed, one summarised)", t, l, g))
        if items <= walk_limit:
            t, l, _, _ = run(s + ["--by", "operator", "--no-summary"], env)
            lines.append(row("`stats --by operator --no-summary` (walking the items, as before)", t, l, g))
        lines.append(f"\nSummary on disk: {disk / 1e6:.1f} MB ({disk / max(items, 1):.0f} B per item).\n")
        return "\n".join(lines)
    finally:
        if not kept_cache:
            shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--update")
    ap.add_argument("--walk-limit", type=int, default=200_000,
                    help="above this many items, skip the figures that read every item (a common word, --no-summary)")
    ap.add_argument("--cache", help="keep summaries in this XDG_CACHE_HOME (one made before is used as it is)")
    ap.add_argument("--bench", help="scenelens-bench, for the in-memory figures (summary FILE)")
    a = ap.parse_args()
    body = ["## Summary", "",
            "Made by `Benchmarks/run.sh --summary` (Benchmarks/summary.py): the dataset summary of docs/query.md. "
            "Each command is one process, timed from start to exit (loading the summary file included); the load "
            "average (1 min) is the machine's when the command started, on a shared 2-core machine, so compare "
            "ratios within one table. Release build as README's first command makes it."]
    for d in a.datasets:
        body.append(bench(a.binary, d, a.walk_limit, a.bench, a.cache))
        print(body[-1], flush=True)
    text = "\n".join(body) + "\n"
    if a.update:
        old = open(a.update).read() if os.path.exists(a.update) else ""
        start = old.find("\n## Summary\n")
        if start >= 0:
            end = old.find("\n## ", start + 1)
            old = old[:start + 1] + text + (old[end + 1:] if end >= 0 else "")
        else:
            old = old.rstrip("\n") + "\n\n" + text
        open(a.update, "w").write(old)


if __name__ == "__main__":
    main()
