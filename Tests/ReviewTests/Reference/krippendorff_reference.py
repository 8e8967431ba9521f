#!/usr/bin/env python3
"""Expected values for KrippendorffTests, computed independently of SceneLens
by the `krippendorff` PyPI package (Santiago Castro's implementation).

Run once (python3 -m venv v && v/bin/pip install krippendorff numpy &&
v/bin/python Tests/ReviewTests/Reference/krippendorff_reference.py); it
prints the Swift cases that KrippendorffTests.swift holds. Each case is the
reliability data (one row per annotator, one column per negative, None =
not judged) and alpha at the nominal level.
"""
import random
import krippendorff
import numpy as np

def case(name, rows):
    data = np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    swift_rows = ", ".join("[" + ", ".join("nil" if v is None else str(v) for v in r) + "]" for r in rows)
    print(f'        ("{name}", [{swift_rows}], {float(alpha)!r}),')

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers, 12 units, values 1-5, missing data; nominal alpha = 0.743.
case("krippendorff-2011-C", [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
])
# Accept (0) / reject (1) by several annotators with gaps, as SceneLens counts them.
rng = random.Random(19)
for n, (annotators, negatives, agree, missing) in enumerate([(2, 30, 0.8, 0.0), (3, 40, 0.7, 0.3), (5, 25, 0.9, 0.5), (4, 60, 0.55, 0.2)]):
    truth = [rng.randrange(2) for _ in range(negatives)]
    rows = [[None if rng.random() < missing else (t if rng.random() < agree else 1 - t) for t in truth] for _ in range(annotators)]
    case(f"binary-{n}", rows)
