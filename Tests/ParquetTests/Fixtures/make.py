#!/usr/bin/env python3
"""Writes the Parquet fixtures of ParquetTests with pyarrow (pip install pyarrow).

The outputs are committed, so `swift test` needs no Python; run this again only
to change them: python3 Tests/ParquetTests/Fixtures/make.py
"""
import io, os, struct, zlib
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


from pngs import png


ROWS = 10
image_type = pa.struct([("bytes", pa.binary()), ("path", pa.string())])
message_type = pa.struct([("role", pa.string()), ("content", pa.string())])


def rlaif_table():
    """RLAIF-V-like rows: scalar columns, an image struct, optional values, a list of images, messages."""
    return pa.table({
        "idx": pa.array(list(range(ROWS)), pa.int64()),
        "question": pa.array([f"What is in picture {i}?" for i in range(ROWS)], pa.string()),
        "chosen": pa.array([f"A red square number {i}." for i in range(ROWS)], pa.string()),
        "rejected": pa.array([None if i == 3 else f"A blue circle {i}." for i in range(ROWS)], pa.string()),
        "score": pa.array([i * 0.5 for i in range(ROWS)], pa.float64()),
        "flag": pa.array([i % 2 == 0 for i in range(ROWS)], pa.bool_()),
        "source": pa.array(["vg" if i % 3 else "coco" for i in range(ROWS)], pa.string()),
        "image": pa.array([{"bytes": png(2 + i, 2, (200, 10 * i, 0)), "path": f"img{i}.png"} for i in range(ROWS)], image_type),
        "images": pa.array([[{"bytes": png(1, 1, (i, i, i)), "path": None}] * (i % 3) for i in range(ROWS)], pa.list_(image_type)),
        "messages": pa.array([[{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}] if i != 5 else []
                              for i in range(ROWS)], pa.list_(message_type)),
        "tags": pa.array([None if i == 7 else [f"t{j}" for j in range(i % 4)] for i in range(ROWS)], pa.list_(pa.string())),
    })


def write(name, **kw):
    pq.write_table(rlaif_table(), os.path.join(HERE, name), **kw)


write("snappy_dict_v1.parquet", compression="snappy", use_dictionary=True, data_page_version="1.0")
write("zstd_plain_v2.parquet", compression="zstd", use_dictionary=False, data_page_version="2.0")
write("gzip_v1.parquet", compression="gzip", data_page_version="1.0")
write("none_groups.parquet", compression="none", row_group_size=3, data_page_version="2.0")
write("delta.parquet", compression="snappy", use_dictionary=False, column_encoding={
    "idx": "DELTA_BINARY_PACKED", "question": "DELTA_LENGTH_BYTE_ARRAY", "chosen": "DELTA_BYTE_ARRAY"})
# Small pages: many pages per column chunk.
write("small_pages.parquet", compression="zstd", data_page_size=64, write_batch_size=2, row_group_size=4)

# Corrupt variants, from the gzip one.
good = open(os.path.join(HERE, "gzip_v1.parquet"), "rb").read()
open(os.path.join(HERE, "truncated_footer.parquet"), "wb").write(good[:-20])
# Overwrite bytes inside the first data page of column `question` (found by its text).
bad = bytearray(open(os.path.join(HERE, "none_groups.parquet"), "rb").read())
at = bad.find(b"What is in picture 0?")
# The length prefix of the first string becomes huge: the page's values run past its end.
bad[at - 4:at] = struct.pack("<I", 0x7FFFFFF0)
open(os.path.join(HERE, "bad_page.parquet"), "wb").write(bytes(bad))
print("written to", HERE)
