#!/usr/bin/env python3
"""Writes the seed corpora of Tests/Fuzz/Corpus from Samples/ and the test
fixtures (run from the repository root; the result is committed). Seeds are
small on purpose: libFuzzer grows its own corpus in .build-fuzz/corpus."""
import glob, hashlib, json, os, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests/Fuzz/Corpus")

def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def files(target, patterns, limit=4096):
    for p in patterns:
        for path in sorted(glob.glob(os.path.join(ROOT, p))):
            if path.endswith((".rgba", ".rgb", ".py", ".json")) or os.path.getsize(path) > limit:
                continue
            put(target, os.path.basename(path), open(path, "rb").read())

shutil.rmtree(OUT, ignore_errors=True)
img = "Tests/ImagingTests/Fixtures/"
files("png", [img + "png/c[0-6]d8n.png", img + "png/c3d1i.png", img + "png/c0d16i.png", img + "png/trns_*8*.png",
              img + "png/size1x1n.png", img + "png/many_idat_ancillary.png", img + "fidelity/*.png",
              img + "broken/*.png", "Samples/images/corrupt.png"], limit=8192)
files("pnm", [img + "pnm/*", img + "broken/*.p[gpa]m"])
files("jpeg", [img + "jpeg/*.jpg", img + "fidelity/orient6.jpg", img + "fidelity/cmyk.jpg", img + "broken/*.jpg"])
files("webp", [img + "fidelity/*.webp"])
files("gif", [img + "fidelity/*.gif"])
files("tiff", [img + "fidelity/*.tiff"])
files("bmp", [img + "fidelity/*.bmp"])
files("npy", ["Tests/SceneDataTests/Fixtures/npy/*.npy", "Samples/attn/clevr-show-01_c0.npy"])
files("parquet", ["Tests/ParquetTests/Fixtures/*.parquet"], limit=17000)

# Items: lines of the samples and fixtures (valid and broken), one seed each.
lines = []
for p in ["Samples/scenes.jsonl", "Samples/broken.jsonl", "Tests/InspectorTests/Fixtures/*.jsonl"]:
    for path in sorted(glob.glob(os.path.join(ROOT, p))):
        lines += [l for l in open(path, "rb").read().split(b"\n") if l.strip()]
lines = [l for l in lines if len(l) <= 12000]
seen = set()
graphs = []
for l in lines:
    h = hashlib.sha1(l).hexdigest()[:12]
    if h in seen:
        continue
    seen.add(h)
    put("item", h, l)
    try:
        v = json.loads(l)
    except Exception:
        continue
    if isinstance(v, dict):
        if "scene_graph" in v:
            graphs.append(v["scene_graph"])
        for n in v.get("negatives", []) if isinstance(v.get("negatives"), list) else []:
            if isinstance(n, dict) and "scene_graph" in n:
                graphs.append(n["scene_graph"])
for l in lines[:8]:
    put("json", hashlib.sha1(l).hexdigest()[:12], l)
for j in [b'{"a":[1,-0,2.5e-308,1e400,-1e400,9007199254740993,"\\u00e9\\ud83d\\ude00"],"b":{"c":null,"d":true}}',
          b'[[[[[]]]]]', b'"\\u202e\\u001b[31m"', b'-0.0e-0']:
    put("json", hashlib.sha1(j).hexdigest()[:12], j)

# Scene graphs: the three forms, from the samples plus a triple and a Visual Genome one.
graphs.append({"entities": [{"id": "e1", "name": "cube", "box": [1, 2, 3, 4]}, {"id": "e2", "name": "ball"}],
               "relations": [["e1", "left of", "e2"]], "width": 10, "height": 10})
graphs.append({"objects": [{"object_id": 1, "names": ["cube"], "x": 1, "y": 2, "w": 3, "h": 4, "attributes": ["red"]},
                           {"object_id": 2, "name": "ball", "x": 5, "y": 5, "w": 2, "h": 2}],
               "relationships": [{"subject_id": 1, "predicate": "near", "object_id": 2}], "width": 10, "height": 10})
seen = set()
for g in graphs:
    data = json.dumps(g, separators=(",", ":")).encode()
    h = hashlib.sha1(data).hexdigest()[:12]
    if h not in seen and len(data) <= 8000:
        seen.add(h)
        put("scene-graph", h, data)

# Text: the first byte is the wrap width.
texts = ["Is there a grey cube left of the small yellow sphere?", "漢字とかなの混じった文章です。", "e\u0301 a\u0308",
         "👩‍👩‍👧‍👦 🇫🇷 ❤️ 1️⃣ ☺︎", "evil\u202eetxt.exe", "\x1b[31mred\x1b[0m\r\nnext\u2028line\x7f\u009b",
         "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a\u035b\u035c\u035d\u035e\u035f\u0360\u0361\u0362",
         "a\tb  c   d\n\n  indented", "ｆｕｌｌｗｉｄｔｈ ﾊﾝｶｸ", "\u200b\u200d\ufe0f\u20e3"]
for k, t in enumerate(texts):
    put("text", "t%02d" % k, bytes([[1, 2, 5, 12, 40, 63, 3, 8, 20, 7][k]]) + t.encode())
for target in sorted(os.listdir(OUT)):
    print(target, len(os.listdir(os.path.join(OUT, target))))
