#!/usr/bin/env python3
"""Peak memory of `render` on one very long rationale step (issue 14).

Usage: long_text.py SCENELENS MEGABYTES [MAX_RATIO] [--both]

Writes a one-item dataset whose chosen rationale is one step of MEGABYTES MB
of words (with --both the negative repeats it with one word changed, so both
sides are long and diffed), runs `SCENELENS render` on it under
`/usr/bin/time -v`, and prints the peak resident set size, the time, and the
ratio of the peak RSS above that of the same item with a one-sentence step
(the process's own start-up memory) to the dataset's size. Exits 1 when the ratio exceeds
MAX_RATIO (default 8, the bound docs/limits.md states). Opt-in: it takes
seconds to minutes and hundreds of megabytes, so no test runs it; run it on
the release build (`swift build -c release`) before changing the text path.
"""
import json, os, random, re, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if a != "--both"]
both = "--both" in sys.argv
exe, mb = args[0], float(args[1])
limit = float(args[2]) if len(args) > 2 else 8.0
def dataset(mb):
    random.seed(1)
    parts, n = [], 0
    while n < mb * 1e6:
        w = random.choice(words); parts.append(w); n += len(w) + 1
    text = " ".join(parts)
    neg = text.replace("cube", "ball", 1) if both else "The sphere is left of the cube."
    return {"id": "long", "image": "img.png", "question": "What is left of the cube?", "answer": "a sphere",
            "scene_graph": {"entities": [{"id": "o1", "name": "cube"}, {"id": "o2", "name": "sphere"}],
                            "relations": [["o2", "left of", "o1"]]},
            "chosen": {"steps": [text], "answer": "a sphere"},
            "negatives": [{"id": "n1", "operator": "swap", "rationale": {"steps": [neg], "answer": "a cube"}}]}

def peak(d, item):
    path = os.path.join(d, "long.jsonl")
    with open(path, "w") as f:
        f.write(json.dumps(item) + "\n")
    r = subprocess.run(["/usr/bin/time", "-v", exe, "render", path, "--plain", "--size", "160x48"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) * 1024
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", r.stderr).group(1)
    return os.path.getsize(path), rss, wall, r.returncode

words = "the a cube sphere red blue left of right small large metal rubber cylinder behind front is are there".split()
with tempfile.TemporaryDirectory() as d:
    _, base, _, _ = peak(d, dataset(0.00001))
    size, rss, wall, rc = peak(d, dataset(mb))
    ratio = (rss - base) / size
    print(f"{size / 1e6:.1f} MB dataset ({'both sides long' if both else 'chosen side long'}): "
          f"peak RSS {rss / 1e6:.0f} MB ({base / 1e6:.0f} MB for a short step), {ratio:.1f} x the input above that, "
          f"{wall} wall, exit {rc}")
    sys.exit(0 if rc == 0 and ratio <= limit else 1)
