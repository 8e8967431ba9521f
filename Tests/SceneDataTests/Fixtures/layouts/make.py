#!/usr/bin/env python3
"""Writes the layout fixtures of SceneDataTests with real pyarrow and Hugging Face
`datasets` (pip install pyarrow datasets), so the shapes are what those tools write.

The outputs are committed, so `swift test` needs no Python; run this again only
to change them: python3 Tests/SceneDataTests/Fixtures/layouts/make.py
(rlaif.parquet and bad_page.parquet come from Tests/ParquetTests/Fixtures/make.py.)
"""
import gzip, json, os, shutil, struct, sys
import pyarrow as pa
import pyarrow.parquet as pq
import datasets

HERE = os.path.dirname(os.path.abspath(__file__))


sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "ParquetTests", "Fixtures"))
from pngs import png  # noqa: E402


# 1. An RLAIF-V-like dataset as `datasets` shards it: data/train-0000K-of-00003.parquet,
#    image an Image() feature ({bytes, path} struct), no id column (ids are row hashes).
ROWS = 7
hf = datasets.Dataset.from_dict(
    {
        "ds_name": ["vg"] * ROWS,
        "image": [{"bytes": png(3 + i, 2, (20 * i, 100, 200)), "path": f"pic{i}.png"} for i in range(ROWS)],
        "question": [f"<image>\nWhat colour is shape {i}?" for i in range(ROWS)],
        "chosen": [f"Shape {i} is blue." for i in range(ROWS)],
        "rejected": [f"Shape {i} is green." for i in range(ROWS)],
    },
    features=datasets.Features({
        "ds_name": datasets.Value("string"),
        "image": datasets.Image(),
        "question": datasets.Value("string"),
        "chosen": datasets.Value("string"),
        "rejected": datasets.Value("string"),
    }),
)
shards = os.path.join(HERE, "hf_shards")
shutil.rmtree(shards, ignore_errors=True)
os.makedirs(shards)
for k in range(3):
    hf.shard(num_shards=3, index=k, contiguous=True).to_parquet(os.path.join(shards, f"train-{k:05d}-of-00003.parquet"))

# 2. The user's own column names, for --map: written by pyarrow, zstd, two row groups.
picture = pa.struct([("bytes", pa.binary()), ("path", pa.string())])
pq.write_table(pa.table({
    "uid": pa.array([f"u{i}" for i in range(4)]),
    "instruction": pa.array([f"How many dots in {i}?" for i in range(4)]),
    "response_a": pa.array([f"There are {i} dots." for i in range(4)]),
    "response_b": pa.array([None if i == 2 else f"There are {i + 5} dots." for i in range(4)]),
    "picture": pa.array([{"bytes": png(2, 2 + i, (0, 0, 255)), "path": None} for i in range(4)], picture),
}), os.path.join(HERE, "mapped.parquet"), compression="zstd", row_group_size=2)

# 3. TRL rows as JSON Lines, gzip- and zstd-compressed (a gzip file of two members,
#    as `cat a.gz b.gz` makes; zstd as pyarrow's codec writes a frame).
trl = [json.dumps({"id": f"t{i}", "images": ["img.png"], "prompt": f"Question {i}?",
                   "chosen": f"Right {i}.", "rejected": f"Wrong {i}."}) + "\n" for i in range(4)]
text = "".join(trl).encode()
with open(os.path.join(HERE, "trl.jsonl.gz"), "wb") as f:
    f.write(gzip.compress(text[: len(trl[0])]) + gzip.compress(text[len(trl[0]):]))
with open(os.path.join(HERE, "trl.jsonl.zst"), "wb") as f:
    f.write(pa.Codec("zstd").compress(text, asbytes=True))
with open(os.path.join(HERE, "img.png"), "wb") as f:
    f.write(png(2, 2, (255, 0, 0)))

# 4. HA-DPO: desc_data.json (lists of descriptions by VG image id) beside VG_100K/.
os.makedirs(os.path.join(HERE, "VG_100K"), exist_ok=True)
with open(os.path.join(HERE, "VG_100K", "2377414.jpg"), "wb") as f:
    f.write(png(4, 3, (0, 128, 0)))  # a PNG under a .jpg name: the decoder sniffs the bytes
with open(os.path.join(HERE, "ha_dpo_desc.json"), "w") as f:
    json.dump([{"image_id": 2377414,
                "chosen": ["A green field under a clear sky.", "A field of green grass."],
                "rejected": ["A green field with two horses.", "A snowy field at night."]}], f)
# 5. Damage in one column: `notes` (which no item reads) in one file, the image
#    bytes in another. Uncompressed and PLAIN, so the bytes can be found and broken.
def damaged(name, column_text):
    table = pa.table({
        "idx": pa.array(list(range(6)), pa.int64()),
        "question": pa.array([f"Question {i}?" for i in range(6)]),
        "chosen": pa.array([f"Good {i}." for i in range(6)]),
        "rejected": pa.array([f"Bad {i}." for i in range(6)]),
        "notes": pa.array([f"note number {i}" for i in range(6)]),
        "image": pa.array([{"bytes": png(2, 2, (i, 0, 0)), "path": None} for i in range(6)], picture),
    })
    path = os.path.join(HERE, name)
    pq.write_table(table, path, compression="none", use_dictionary=False, row_group_size=3)
    data = bytearray(open(path, "rb").read())
    at = data.find(column_text)  # the first value of the column in row group 0
    data[at - 4:at] = struct.pack("<I", 0x7FFFFFF0)  # its length prefix runs past the page
    open(path, "wb").write(bytes(data))

damaged("broken_notes.parquet", b"note number 0")
damaged("broken_image.parquet", b"\x89PNG")
print("written to", HERE)
