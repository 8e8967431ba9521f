#!/usr/bin/env python3
"""Opening a large Parquet file with embedded JPEGs and going to item N,
SceneLens against pyarrow reading the same rows, measured in the same run.

  python3 Benchmarks/parquet_bench.py --bin .build/release [--size-mb 2048] [--out FILE]

Writes (once) Benchmarks/work/parquet-SIZE/rlaif.parquet as `datasets` writes
image datasets: rows of an RLAIF-V-like table (idx, question, chosen, rejected,
image {bytes, path}), 100 rows per row group, snappy. Prints a Markdown table
for BENCHMARKS.md. Needs pyarrow and Pillow (pip install pyarrow pillow).
"""
import argparse, io, os, random, resource, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))


def make(path, size_mb, distinct_rows=None):
    """Forty distinct JPEGs repeated over SIZE_MB of rows; with distinct_rows,
    that many rows, each with its own JPEG."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from PIL import Image
    rng = random.Random(7)
    # Distinct 640x480 JPEGs of noise (about 200 KB each: noise compresses badly, like photos).
    jpegs = []
    for k in range(distinct_rows or 40):
        img = Image.frombytes("RGB", (640, 480), rng.randbytes(640 * 480 * 3))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=80)
        jpegs.append(buf.getvalue())
    per_row = sum(map(len, jpegs)) / len(jpegs)
    rows = distinct_rows or int(size_mb * 1024 * 1024 / per_row)
    image_type = pa.struct([("bytes", pa.binary()), ("path", pa.string())])
    schema = pa.schema([("idx", pa.int64()), ("question", pa.string()), ("chosen", pa.string()),
                        ("rejected", pa.string()), ("image", image_type)])
    # Real photos differ: no dictionary for the image bytes, as pyarrow falls back to for unique values.
    with pq.ParquetWriter(path, schema, compression="snappy", use_dictionary=["question", "chosen", "rejected"]) as w:
        for start in range(0, rows, 100):
            n = min(100, rows - start)
            ids = list(range(start, start + n))
            w.write_table(pa.table({
                "idx": pa.array(ids, pa.int64()),
                "question": [f"What is in picture {i}?" for i in ids],
                "chosen": [f"A photo of noise number {i}, mostly grey." for i in ids],
                "rejected": [f"A photo of a red car number {i}." for i in ids],
                "image": pa.array([{"bytes": jpegs[i % len(jpegs)], "path": f"{i}.jpg"} for i in ids], image_type),
            }, schema=schema), row_group_size=100)
    return rows


def timed(cmd):
    """Wall time and peak RSS (KiB) of one child process. The RSS comes from
    /usr/bin/time, a small parent: a child forked from this Python (which
    holds gigabytes after read_table) reports Python's size as its peak."""
    out = os.path.join(HERE, "work", "rss.txt")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)} (status {p.returncode})")
    return dt, int(open(out).read().split()[-1])


def fmt(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True, help="folder holding the scenelens executable")
    ap.add_argument("--size-mb", type=int, default=2048)
    ap.add_argument("--jumps", type=int, default=15)
    ap.add_argument("--validate-runs", type=int, default=3)
    ap.add_argument("--distinct-rows", type=int, default=1000,
                    help="rows of a second file whose JPEGs are all different (validate checks each)")
    a = ap.parse_args()
    import pyarrow
    import pyarrow.parquet as pq

    work = os.path.join(HERE, "work", f"parquet-{a.size_mb}")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "rlaif.parquet")
    if not os.path.exists(path):
        print(f"writing {path} ...", file=sys.stderr)
        make(path, a.size_mb)
    meta = pq.ParquetFile(path).metadata
    rows, groups = meta.num_rows, meta.num_row_groups
    largest = max(meta.row_group(g).total_byte_size for g in range(groups))
    size = os.path.getsize(path)
    exe = os.path.join(a.bin, "scenelens")
    rng = random.Random(1)
    targets = [rng.randrange(rows) for _ in range(a.jumps)]
    subprocess.run(["cat", path], stdout=subprocess.DEVNULL)  # warm cache
    load_start = os.getloadavg()

    # 1. First frame vs cat.
    ours, cat = [], []
    for _ in range(7):
        ours.append(timed([exe, "render", path, "--item", "0"])[0])
        cat.append(timed(["sh", "-c", f"cat '{path}' > /dev/null"])[0])

    # 2. Item N: a whole process (open, read its row group's needed columns,
    #    decode the JPEG, draw the frame) vs pyarrow reading that row's row group
    #    (the same columns, in process: no interpreter start counted).
    jump, rss = [], []
    for n in targets:
        dt, peak = timed([exe, "render", path, "--item", str(n)])
        jump.append(dt); rss.append(peak)
    ref = []
    for n in targets:
        t0 = time.perf_counter()
        f = pq.ParquetFile(path)
        g, acc = 0, 0
        while acc + f.metadata.row_group(g).num_rows <= n:
            acc += f.metadata.row_group(g).num_rows; g += 1
        t = f.read_row_group(g, columns=["idx", "question", "chosen", "rejected", "image"])
        row = t.slice(n - acc, 1).to_pylist()[0]
        assert row["idx"] == n
        ref.append(time.perf_counter() - t0)

    # 3. Every id (the id column only) vs pyarrow reading that column.
    ids, ids_ref = [], []
    for _ in range(5):
        # No store beside the file: stats counts no decisions, after reading every id and text.
        ids.append(timed([exe, "stats", path, "--no-lint"])[0])
        t0 = time.perf_counter()
        pq.read_table(path, columns=["idx"])
        ids_ref.append(time.perf_counter() - t0)

    # 4. Full validate (images checked) vs pyarrow.parquet.read_table of the file.
    val, val_ref = [], []
    for _ in range(a.validate_runs):
        val.append(timed([exe, "validate", path])[0])
        t0 = time.perf_counter()
        pq.read_table(path)
        val_ref.append(time.perf_counter() - t0)

    # 5. The same on a file whose every JPEG differs: nothing is checked once for many rows.
    dpath = os.path.join(HERE, "work", f"parquet-distinct-{a.distinct_rows}", "rlaif.parquet")
    if not os.path.exists(dpath):
        os.makedirs(os.path.dirname(dpath), exist_ok=True)
        print(f"writing {dpath} ...", file=sys.stderr)
        make(dpath, 0, distinct_rows=a.distinct_rows)
    subprocess.run(["cat", dpath], stdout=subprocess.DEVNULL)
    dval, dval_ref = [], []
    for _ in range(3):
        dval.append(timed([exe, "validate", dpath])[0])
        t0 = time.perf_counter()
        pq.read_table(dpath)
        dval_ref.append(time.perf_counter() - t0)

    med = statistics.median
    print(f"File: {size / 1e6:.0f} MB, {rows} rows, {groups} row groups of 100 rows, snappy; "
          f"largest row group {largest / 1e6:.1f} MB uncompressed. pyarrow {pyarrow.__version__}.")
    print()
    print("| figure | SceneLens median (spread) | reference | reference median | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    def row(name, xs, refname, ys, target=None, unit=fmt):
        r = med(xs) / med(ys) if ys else None
        met = "–" if target is None else ("yes" if (r if ys else med(xs)) <= target else "no")
        tgt = "–" if target is None else (f"≤ {target}x" if ys else unit(target))
        print(f"| {name} | {unit(med(xs))} ({unit(min(xs))}–{unit(max(xs))}, n={len(xs)}) | {refname} | "
              f"{unit(med(ys)) if ys else '–'} | {f'{r:.3f}x' if r else '–'} | {tgt} | {met} |")
    row("first frame: `scenelens render --item 0` (process)", ours, "`cat FILE > /dev/null`, warm", cat, 0.05)
    row("random item N: `scenelens render --item N` (process: open, row group, JPEG decode, frame)", jump,
        "pyarrow: open + `read_row_group` + the row (in process)", ref)
    row("random item N, wall time", jump, "", [], 0.05)
    # The same binary rendering a one-row file: what the process needs before any Parquet data.
    base = timed([exe, "render", os.path.join(HERE, "..", "Tests", "SceneDataTests", "Fixtures", "layouts", "mapped.parquet"),
                  "--item", "0"])[1]
    above = [(k - base) * 1024 for k in rss]
    row("random item N, peak RSS above the baseline (%.0f MB, a one-row file)" % (base * 1024 / 1e6), above,
        "largest row group, uncompressed", [largest], 2.0, unit=lambda b: f"{b / 1e6:.1f} MB")
    row("`scenelens stats --no-lint`: every id (id column) and every row's texts, no image bytes", ids,
        "pyarrow `read_table(columns=['idx'])`", ids_ref)
    row("full `scenelens validate` (every row; every distinct JPEG checked, at 1/8 scale)", val, "pyarrow `read_table` (no decoding)", val_ref, 2.0)
    row(f"`scenelens validate` of {a.distinct_rows} rows whose JPEGs all differ ({os.path.getsize(dpath) / 1e6:.0f} MB)", dval,
        "pyarrow `read_table` (no decoding)", dval_ref)
    print()
    loads = lambda l: " ".join(f"{x:.2f}" for x in l)
    print(f"Load average (1, 5, 15 min): {loads(load_start)} at the start, {loads(os.getloadavg())} at the end (2 cores).")


if __name__ == "__main__":
    main()
