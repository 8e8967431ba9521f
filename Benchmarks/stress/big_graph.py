#!/usr/bin/env python3
"""Write a one-item dataset whose scene graph has N objects (issue 14).

Usage: big_graph.py N OUT_DIR

The item is the first of Samples/scenes.jsonl with its scene graph replaced:
N objects, half cubes and half spheres with shared attributes (so the text's
mentions tie across thousands of look-alikes), each related to the next. Used
to check that render, lint and the inspector stay linear in the graph:
`time scenelens render OUT/big.jsonl --plain` should take about as long as
`time scenelens validate OUT/big.jsonl`.
"""
import json, os, shutil, sys

n = int(sys.argv[1]); out = sys.argv[2]
root = os.path.join(os.path.dirname(__file__), "..", "..")
os.makedirs(os.path.join(out, "images"), exist_ok=True)
with open(os.path.join(root, "Samples", "scenes.jsonl")) as f:
    item = json.loads(f.readline())
shutil.copy(os.path.join(root, "Samples", item["image"]), os.path.join(out, item["image"]))
objects = {}
for i in range(n):
    oid = str(1000000 + i)
    rel = [{"name": "left of", "object": str(1000000 + (i + 1) % n)}]
    objects[oid] = {"name": "cube" if i % 2 else "sphere", "x": i % 300, "y": i % 200, "w": 10, "h": 10,
                    "attributes": ["small", "grey" if i % 3 else "yellow"], "relations": rel}
for k in ("2410049", "2410035"):
    objects[k] = item["scene_graph"]["objects"][k]
    objects[k]["relations"] = [r for r in objects[k]["relations"] if r["object"] in objects]
item["scene_graph"]["objects"] = objects
with open(os.path.join(out, "big.jsonl"), "w") as f:
    f.write(json.dumps(item) + "\n")
