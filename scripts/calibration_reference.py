#!/usr/bin/env python3
"""Independent reference for `scenelens stats --calibration`.

Reads pairs (judge confidence, whether the judge prefers the chosen
rationale, the annotators' accepts and rejects) from a JSON file, computes
the reliability bins, the expected calibration error and the overall
agreement the way docs/calibration.md defines them, and writes them back
into the file under "expected". CalibrationReferenceTests compares the
Swift figures with these.

    python3 scripts/calibration_reference.py Tests/ReviewTests/Calibration/pairs.json
"""
import json
import random
import sys


def make_pairs(seed=7, n=60):
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        conf = round(rng.random(), 3)
        prefers = rng.random() < 0.8
        # Humans agree with the judge more often when it is confident, but not as often as it claims.
        agree = rng.random() < 0.35 + 0.5 * conf
        humans_accept = prefers if agree else not prefers
        votes = rng.choice([(1, 0), (2, 0), (2, 1), (3, 1)])
        accepts, rejects = votes if humans_accept else votes[::-1]
        pairs.append({"confidence": conf, "judge_prefers_chosen": prefers, "accepts": accepts, "rejects": rejects})
    # A tie and an undecided pair, which calibration leaves out.
    pairs.append({"confidence": 0.9, "judge_prefers_chosen": True, "accepts": 1, "rejects": 1})
    pairs.append({"confidence": 0.2, "judge_prefers_chosen": True, "accepts": 0, "rejects": 0})
    return pairs


def expected(pairs, nbins=10):
    kept = [p for p in pairs if p["accepts"] != p["rejects"]]
    bins = [[] for _ in range(nbins)]
    for p in kept:
        k = min(nbins - 1, int(p["confidence"] * nbins + 1e-9))
        bins[k].append(p)
    def agrees(p):
        return p["judge_prefers_chosen"] == (p["accepts"] > p["rejects"])
    out_bins, ece = [], 0.0
    for b in bins:
        if not b:
            out_bins.append({"pairs": 0, "mean_confidence": None, "agreement": None})
            continue
        conf = sum(p["confidence"] for p in b) / len(b)
        acc = sum(1 for p in b if agrees(p)) / len(b)
        ece += len(b) / len(kept) * abs(acc - conf)
        out_bins.append({"pairs": len(b), "mean_confidence": conf, "agreement": acc})
    return {"pairs": len(kept), "ece": ece, "agreement": sum(1 for p in kept if agrees(p)) / len(kept), "bins": out_bins}


if __name__ == "__main__":
    path = sys.argv[1]
    try:
        with open(path) as f:
            data = json.load(f)
    except FileNotFoundError:
        data = {"pairs": make_pairs()}
    data["expected"] = expected(data["pairs"])
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"{path}: {data['expected']['pairs']} pairs, ece {data['expected']['ece']:.6f}")
