#!/usr/bin/env python3
"""Makes the Imaging test fixtures and their reference pixels.

Run from anywhere: python3 make_fixtures.py  (needs: pip install pillow pypng numpy)

PNG files are written by a small encoder below (so every colour type, bit
depth, filter type, interlacing and chunk layout can be chosen, and broken
files made on purpose). Their reference pixels come from independent
decoders, never from SceneLens: pypng decodes every PNG (exact 16-bit values,
reduced to 8 bits as round(v*255/65535)), and Pillow cross-checks every file
of 8 bits or less. PNM references are computed from the source samples and
cross-checked against Pillow where Pillow reads the file (P1-P6). JPEG
references are Pillow's decode (tests allow a small difference, see
docs/images.md).

Each reference is raw RGBA, width*height*4 bytes, beside its fixture as
NAME.rgba. manifest.json lists every fixture: valid ones with size and
tolerance, broken ones with the ImageError kind and a phrase the message
must contain.
"""
import io
import json
import os
import struct
import zlib

import numpy as np
import png as pypng
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261121)
manifest = {"valid": [], "broken": []}

# ---------------------------------------------------------------- PNG encoder

def chunk(kind, data, crc=None):
    body = kind + data
    c = zlib.crc32(body) & 0xFFFFFFFF if crc is None else crc
    return struct.pack(">I", len(data)) + body + struct.pack(">I", c)


def pack_row(row, depth):
    """row: flat sequence of samples -> bytes at the given bit depth."""
    if depth == 16:
        return b"".join(struct.pack(">H", int(v)) for v in row)
    if depth == 8:
        return bytes(int(v) for v in row)
    out, acc, nbits = bytearray(), 0, 0
    for v in row:
        acc = (acc << depth) | int(v)
        nbits += depth
        if nbits == 8:
            out.append(acc)
            acc, nbits = 0, 0
    if nbits:
        out.append(acc << (8 - nbits))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(ftype, row, prev, bpp):
    out = bytearray([ftype])
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i] if prev is not None else 0
        c = prev[i - bpp] if prev is not None and i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
        out.append((x - pred) & 0xFF)
    return bytes(out)


CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def raw_stream(arr, ctype, depth, interlace, filters):
    """Filtered, uncompressed image data; filters cycle through the list per row."""
    ch = CHANNELS[ctype]
    bpp = max(1, ch * depth // 8)
    passes = [arr] if not interlace else [arr[y0::dy, x0::dx] for (x0, y0, dx, dy) in ADAM7]
    out, n = bytearray(), 0
    for p in passes:
        if p.shape[0] == 0 or p.shape[1] == 0:
            continue
        prev = None
        for y in range(p.shape[0]):
            row = pack_row(p[y].reshape(-1), depth)
            out += filter_row(filters[n % len(filters)], row, prev, bpp)
            prev, n = row, n + 1
    return bytes(out)


def make_png(arr, ctype, depth, interlace=False, plte=None, trns=None, filters=(0, 1, 2, 3, 4),
             idat_parts=1, before_idat=(), between_idat=(), after_idat=(), trailing=b"",
             ihdr=None, zdata=None, signature=b"\x89PNG\r\n\x1a\n", end=True):
    h, w = arr.shape[:2]
    ihdr_data = ihdr or struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 1 if interlace else 0)
    z = zdata if zdata is not None else zlib.compress(raw_stream(arr, ctype, depth, interlace, filters), 9)
    out = bytearray(signature) + chunk(b"IHDR", ihdr_data)
    for c in before_idat:
        out += c
    if plte is not None:
        out += chunk(b"PLTE", bytes(np.asarray(plte, dtype=np.uint8).reshape(-1)))
    if trns is not None:
        out += chunk(b"tRNS", trns)
    step = max(1, -(-len(z) // idat_parts))
    parts = [z[i:i + step] for i in range(0, len(z), step)] or [b""]
    for i, part in enumerate(parts):
        out += chunk(b"IDAT", part)
        if i == 0:
            for c in between_idat:
                out += c
    for c in after_idat:
        out += c
    if end:
        out += chunk(b"IEND", b"")
    return bytes(out) + trailing


def sample_array(h, w, ctype, depth):
    ch = CHANNELS[ctype]
    top = (1 << depth) - 1
    # Gradients plus noise, and every extreme value, so scaling and filters both get exercised.
    y, x = np.mgrid[0:h, 0:w]
    base = (x * 7 + y * 13)[..., None] + np.arange(ch)[None, None, :] * 5
    noise = rng.integers(0, top + 1, size=(h, w, ch))
    arr = np.where(rng.random((h, w, ch)) < 0.5, base % (top + 1), noise)
    arr.reshape(-1)[:2] = [0, top]
    return arr.astype(np.int64)

# ---------------------------------------------------------------- references

def to8(v, depth):
    if depth == 16:
        return (v * 255 + 32767) // 65535
    return v


def pypng_rgba(data):
    """Independent reference: pypng's direct decode (applies tRNS and PLTE), to 8 bits."""
    r = pypng.Reader(bytes=data)
    w, h, rows, info = r.asRGBA()
    arr = np.array([np.array(row, dtype=np.int64) for row in rows]).reshape(h, w, 4)
    if info["bitdepth"] == 16:
        arr = (arr * 255 + 32767) // 65535
    elif info["bitdepth"] < 8:
        arr = arr * 255 // ((1 << info["bitdepth"]) - 1)
    return arr.astype(np.uint8)


def pillow_rgba(data):
    return np.array(Image.open(io.BytesIO(data)).convert("RGBA"))


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def add_valid(rel, data, ref, tolerance=0):
    write(rel, data)
    ref = np.ascontiguousarray(ref, dtype=np.uint8)
    write(rel + ".rgba", ref.tobytes())
    manifest["valid"].append({"file": rel, "width": int(ref.shape[1]), "height": int(ref.shape[0]),
                              "tolerance": tolerance})


def add_png(name, data, depth, pillow_check=True):
    ref = pypng_rgba(data)
    if depth <= 8 and pillow_check:
        other = pillow_rgba(data)
        assert (other == ref).all(), f"pypng and Pillow disagree on {name}"
    add_valid(f"png/{name}.png", data, ref)


def add_broken(rel, data, kind, phrase):
    write(rel, data)
    manifest["broken"].append({"file": rel, "kind": kind, "contains": phrase})

# ---------------------------------------------------------------- PNG fixtures

def png_fixtures():
    combos = [(0, d) for d in (1, 2, 4, 8, 16)] + [(2, 8), (2, 16)] + \
             [(3, d) for d in (1, 2, 4, 8)] + [(4, 8), (4, 16), (6, 8), (6, 16)]
    for ctype, depth in combos:
        for interlace in (False, True):
            h, w = (11, 13) if not interlace else (13, 10)
            plte = None
            if ctype == 3:
                n = min(1 << depth, 200)
                plte = rng.integers(0, 256, size=(n, 3))
                arr = rng.integers(0, n, size=(h, w, 1))
            else:
                arr = sample_array(h, w, ctype, depth)
            data = make_png(arr, ctype, depth, interlace, plte=plte, idat_parts=3 if interlace else 1)
            add_png(f"c{ctype}d{depth}{'i' if interlace else 'n'}", data, depth)

    # tRNS: a grey key, an RGB key (some pixels equal to it) and a partial palette alpha table.
    for depth in (1, 2, 4, 8, 16):
        arr = sample_array(9, 11, 0, depth)
        key = int(arr[0, 2, 0])
        data = make_png(arr, 0, depth, plte=None, trns=struct.pack(">H", key))
        # Pillow compares a low-depth grey tRNS key with the already scaled
        # 8-bit value, so it is wrong there; pypng alone is the reference.
        add_png(f"trns_c0d{depth}", data, depth, pillow_check=depth >= 8)
    for depth in (8, 16):
        for interlace in (False, True):
            arr = sample_array(9, 11, 2, depth)
            arr[3, :, :] = arr[0, 0, :]  # a whole row in the key colour
            key = struct.pack(">HHH", *[int(v) for v in arr[0, 0]])
            data = make_png(arr, 2, depth, interlace, trns=key)
            add_png(f"trns_c2d{depth}{'i' if interlace else 'n'}", data, depth)
    for depth in (2, 8):
        n = 1 << depth if depth < 8 else 40
        plte = rng.integers(0, 256, size=(n, 3))
        arr = rng.integers(0, n, size=(10, 9, 1))
        alphas = bytes(rng.integers(0, 256, size=n // 2).tolist())  # shorter than the palette
        add_png(f"trns_c3d{depth}", make_png(arr, 3, depth, plte=plte, trns=alphas), depth)

    # Chunk layout: many tiny IDATs (some empty), ancillary chunks everywhere,
    # a suggested palette in an RGB image, 1x1 and one-row/one-column images.
    arr = sample_array(12, 12, 6, 8)
    z = zlib.compress(raw_stream(arr, 6, 8, False, (4, 3)), 9)
    idats = [chunk(b"IDAT", z[i:i + 7]) for i in range(0, len(z), 7)] + [chunk(b"IDAT", b"")]
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 12, 12, 8, 6, 0, 0, 0)) + \
        chunk(b"gAMA", struct.pack(">I", 45455)) + chunk(b"tEXt", b"Comment\x00made for tests") + \
        chunk(b"IDAT", b"") + b"".join(idats) + chunk(b"prIv", b"private ancillary") + chunk(b"IEND", b"")
    add_png("many_idat_ancillary", body, 8)
    arr = sample_array(6, 5, 2, 8)
    add_png("suggested_palette", make_png(arr, 2, 8, plte=rng.integers(0, 256, size=(16, 3))), 8)
    for (h, w) in ((1, 1), (1, 17), (17, 1), (3, 2)):
        for interlace in (False, True):
            arr = sample_array(h, w, 6, 16)
            add_png(f"size{w}x{h}{'i' if interlace else 'n'}", make_png(arr, 6, 16, interlace), 16)
    # Data after IEND is ignored, as libpng does.
    arr = sample_array(4, 4, 0, 8)
    add_png("trailing_garbage", make_png(arr, 0, 8, trailing=b"garbage after IEND"), 8)

    # Broken files.
    arr = sample_array(8, 8, 2, 8)
    good = make_png(arr, 2, 8)
    add_broken("broken/bad_signature.png", b"\x89PNG\r\r\n\x1a" + good[8:], "badSignature", "signature")
    add_broken("broken/not_png_lowercase.png", b"\x89png\r\n\x1a\n" + good[8:], "badSignature", "signature")
    ihdr_bad_crc = bytearray(good)
    ihdr_bad_crc[29] ^= 0xFF
    add_broken("broken/ihdr_crc.png", bytes(ihdr_bad_crc), "checksum", "IHDR: CRC mismatch")
    idat_bad_crc = bytearray(good)
    idat_bad_crc[-13] ^= 0x01  # last byte of the IDAT CRC
    add_broken("broken/idat_crc.png", bytes(idat_bad_crc), "checksum", "IDAT: CRC mismatch")
    add_broken("broken/truncated_in_idat.png", good[:len(good) // 2], "truncated", "truncated")
    add_broken("broken/no_iend.png", good[:-12], "truncated", "IEND")
    add_broken("broken/empty_after_signature.png", good[:8], "truncated", "IHDR")
    for name, fields, phrase in [
        ("colour_type_1", (8, 8, 8, 1, 0, 0, 0), "colour type 1"),
        ("depth_3", (8, 8, 3, 2, 0, 0, 0), "bit depth 3"),
        ("rgb_depth_4", (8, 8, 4, 2, 0, 0, 0), "bit depth 4"),
        ("width_0", (0, 8, 8, 2, 0, 0, 0), "width 0"),
        ("height_huge", (8, 0x80000000, 8, 2, 0, 0, 0), "height"),
        ("compression_1", (8, 8, 8, 2, 1, 0, 0), "compression method 1"),
        ("filter_method_1", (8, 8, 8, 2, 0, 1, 0), "filter method 1"),
        ("interlace_2", (8, 8, 8, 2, 0, 0, 2), "interlace method 2"),
    ]:
        add_broken(f"broken/ihdr_{name}.png", make_png(arr, 2, 8, ihdr=struct.pack(">IIBBBBB", *fields)),
                   "badHeader", phrase)
    add_broken("broken/ihdr_short.png",
               b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", b"\x00" * 12) + chunk(b"IEND", b""), "badHeader", "length is 12")
    add_broken("broken/first_chunk_not_ihdr.png",
               b"\x89PNG\r\n\x1a\n" + chunk(b"gAMA", b"\x00\x00\xb1\x8f") + good[8:], "badHeader", "must be IHDR")
    no_idat = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)) + chunk(b"IEND", b"")
    add_broken("broken/missing_idat.png", no_idat, "corrupt", "no IDAT")
    add_broken("broken/unknown_critical.png", make_png(arr, 2, 8, before_idat=[chunk(b"CRIT", b"x")]),
               "unsupportedFeature", "unknown critical chunk 'CRIT'")
    add_broken("broken/idat_not_consecutive.png",
               make_png(arr, 2, 8, idat_parts=3, between_idat=[chunk(b"tEXt", b"a\x00b")]),
               "corrupt", "not consecutive")
    z = bytearray(zlib.compress(raw_stream(arr, 2, 8, False, (0,)), 9))
    z[len(z) // 2] ^= 0x55
    z[len(z) // 2 + 1] ^= 0xAA
    add_broken("broken/corrupt_zlib.png", make_png(arr, 2, 8, zdata=bytes(z)), "corrupt", "zlib")
    z = zlib.compress(raw_stream(arr, 2, 8, False, (0,)), 9)
    add_broken("broken/bad_adler.png", make_png(arr, 2, 8, zdata=z[:-1] + bytes([z[-1] ^ 1])), "corrupt", "zlib")
    add_broken("broken/short_zlib.png", make_png(arr, 2, 8, zdata=z[:len(z) // 2]), "truncated", "image data is truncated")
    small = zlib.compress(raw_stream(arr[:4], 2, 8, False, (0,)), 9)
    add_broken("broken/too_little_data.png", make_png(arr, 2, 8, zdata=small), "truncated", "inflates to")
    add_broken("broken/bad_filter_type.png",
               make_png(arr, 2, 8, zdata=zlib.compress(b"\x05" + raw_stream(arr, 2, 8, False, (0,))[1:])),
               "corrupt", "filter type 5")
    parr = np.full((4, 4, 1), 5)
    add_broken("broken/palette_index_out_of_range.png",
               make_png(parr, 3, 8, plte=rng.integers(0, 256, size=(4, 3))), "corrupt", "palette index")
    add_broken("broken/palette_missing.png", make_png(parr, 3, 8), "corrupt", "PLTE")
    add_broken("broken/palette_in_grey.png",
               make_png(sample_array(4, 4, 0, 8), 0, 8, plte=rng.integers(0, 256, size=(4, 3))), "corrupt", "PLTE")
    add_broken("broken/chunk_length_huge.png",
               good[:33] + struct.pack(">I", 0x7FFFFFF0) + good[37:], "truncated", "declares")

# ---------------------------------------------------------------- PNM fixtures

def scale(v, maxval):
    return (v * 255 + maxval // 2) // maxval


def pnm_ref(arr, maxval, channels, pbm=False):
    v = scale(arr.astype(np.int64), maxval)
    if pbm:
        v = 255 - v
    h, w = arr.shape[:2]
    out = np.zeros((h, w, 4), dtype=np.int64)
    if channels in (1, 2):
        out[..., 0] = out[..., 1] = out[..., 2] = v[..., 0]
    else:
        out[..., :3] = v[..., :3]
    out[..., 3] = v[..., channels - 1] if channels in (2, 4) else 255
    return out.astype(np.uint8)


def samples_bytes(arr, maxval):
    flat = arr.reshape(-1)
    return bytes(flat.astype(">u2").tobytes()) if maxval > 255 else bytes(flat.astype(np.uint8).tobytes())


def plain_text(arr, per_line=7):
    flat = [str(int(v)) for v in arr.reshape(-1)]
    lines = [" ".join(flat[i:i + per_line]) for i in range(0, len(flat), per_line)]
    # A comment in the middle of the raster, which plain formats allow.
    lines.insert(len(lines) // 2, "# a comment inside the raster")
    return ("\n".join(lines) + "\n").encode()


def add_pnm(name, data, ref, pillow_check):
    if pillow_check:
        other = np.array(Image.open(io.BytesIO(data)).convert("RGBA"))
        assert (other == ref).all(), f"Pillow disagrees on {name}"
    add_valid(f"pnm/{name}", data, ref)


def pnm_fixtures():
    h, w = 7, 13
    bits = rng.integers(0, 2, size=(h, w, 1))
    bits[0, 0, 0] = 1
    # P1 with comments, and with digits run together (allowed in plain PBM).
    add_pnm("p1_comments.pbm", b"P1\n# made by make_fixtures.py\n13 # width\n 7\n" + plain_text(bits, 13),
            pnm_ref(bits, 1, 1, pbm=True), True)
    packed = "\n".join("".join(str(int(v)) for v in row) for row in bits[..., 0]).encode() + b"\n"
    add_pnm("p1_packed.pbm", b"P1 13 7\n" + packed, pnm_ref(bits, 1, 1, pbm=True), True)
    add_pnm("p4.pbm", b"P4\n#c\n13 7\n" + b"".join(pack_row(r, 1) for r in bits[..., 0]),
            pnm_ref(bits, 1, 1, pbm=True), True)
    for maxval in (1, 7, 255, 300, 1000, 65535):
        g = rng.integers(0, maxval + 1, size=(h, w, 1))
        g[0, 0, 0] = maxval
        c = rng.integers(0, maxval + 1, size=(h, w, 3))
        c[0, 0, :] = maxval
        simple = maxval == 255
        add_pnm(f"p2_max{maxval}.pgm", f"P2\n# grey\n13 7\n{maxval}\n".encode() + plain_text(g), pnm_ref(g, maxval, 1), simple)
        add_pnm(f"p3_max{maxval}.ppm", f"P3 13 7 {maxval}\n".encode() + plain_text(c), pnm_ref(c, maxval, 3), simple)
        add_pnm(f"p5_max{maxval}.pgm", f"P5 13\n7\n{maxval}\n".encode() + samples_bytes(g, maxval), pnm_ref(g, maxval, 1), simple)
        add_pnm(f"p6_max{maxval}.ppm", f"P6\n13 7 # size\n# before maxval\n{maxval}\n".encode() + samples_bytes(c, maxval),
                pnm_ref(c, maxval, 3), simple)
    for tuple_type, depth, maxval in [("BLACKANDWHITE", 1, 1), ("GRAYSCALE", 1, 255), ("GRAYSCALE", 1, 4095),
                                      ("GRAYSCALE_ALPHA", 2, 255), ("RGB", 3, 255), ("RGB", 3, 9),
                                      ("RGB_ALPHA", 4, 255), ("RGB_ALPHA", 4, 65535),
                                      ("BLACKANDWHITE_ALPHA", 2, 1), ("", 4, 100)]:
        a = rng.integers(0, maxval + 1, size=(h, w, depth))
        header = f"P7\n# PAM with a comment\nWIDTH 13\nHEIGHT 7\n\nDEPTH {depth}\nMAXVAL {maxval}\n"
        if tuple_type:
            header += f"TUPLTYPE {tuple_type}\n"
        header += "ENDHDR\n"
        name = (tuple_type or "none").lower()
        add_pnm(f"p7_{name}_max{maxval}.pam", header.encode() + samples_bytes(a, maxval), pnm_ref(a, maxval, depth), False)

    g = rng.integers(0, 256, size=(h, w, 1))
    full = b"P5 13 7 255\n" + samples_bytes(g, 255)
    add_broken("broken/pnm_truncated.pgm", full[:-5], "truncated", "truncated")
    add_broken("broken/pnm_maxval_0.pgm", b"P5 13 7 0\n" + samples_bytes(g, 255), "badHeader", "maxval 0")
    add_broken("broken/pnm_maxval_big.pgm", b"P5 13 7 70000\n" + samples_bytes(g, 255), "badHeader", "maxval 70000")
    add_broken("broken/pnm_sample_above_maxval.pgm", b"P2 2 1 10\n3 11\n", "corrupt", "above maxval")
    add_broken("broken/pnm_plain_truncated.ppm", b"P3 2 2 255\n1 2 3 4 5 6\n", "truncated", "truncated")
    add_broken("broken/pnm_width_missing.ppm", b"P6\n", "truncated", "width")
    add_broken("broken/pam_no_endhdr.pam", b"P7\nWIDTH 2\nHEIGHT 2\nDEPTH 3\nMAXVAL 255\n", "truncated", "ENDHDR")
    add_broken("broken/pam_depth_mismatch.pam",
               b"P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n\x00\x00\x00\x00",
               "badHeader", "DEPTH 4")
    add_broken("broken/pam_missing_width.pam", b"P7\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\n\x00", "badHeader", "WIDTH")

# ---------------------------------------------------------------- JPEG fixtures

def jpeg_fixtures():
    h, w = 24, 37
    y, x = np.mgrid[0:h, 0:w]
    rgb = np.stack([x * 6, y * 9, (x + y) * 4], axis=-1) + rng.integers(0, 30, size=(h, w, 3))
    rgb = np.clip(rgb, 0, 255).astype(np.uint8)
    for mode in ("RGB", "L"):
        img = Image.fromarray(rgb).convert(mode)
        for progressive in (False, True):
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=85, progressive=progressive)
            data = buf.getvalue()
            name = f"jpeg/{'colour' if mode == 'RGB' else 'grey'}_{'progressive' if progressive else 'baseline'}.jpg"
            add_valid(name, data, pillow_rgba(data), tolerance=2)
    buf = io.BytesIO()
    Image.fromarray(rgb).convert("CMYK").save(buf, "JPEG")
    # Decodes since CMYK is converted as Pillow does (see fidelity/); kept for `info`.
    write("broken/cmyk.jpg", buf.getvalue())
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG")
    data = buf.getvalue()
    sos = data.index(b"\xff\xda")
    add_broken("broken/truncated.jpg", data[:(sos + len(data)) // 2], "truncated", "truncated")
    add_broken("broken/jpeg_garbage.jpg", data[:3] + b"\x00" * 64, "corrupt", "JPEG")


def main():
    png_fixtures()
    pnm_fixtures()
    jpeg_fixtures()
    add_broken("broken/unknown_format.bin", b"GIF89a not supported", "tooLarge", "GIF")
    add_broken("broken/empty.bin", b"", "truncated", "empty")
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"{len(manifest['valid'])} valid, {len(manifest['broken'])} broken fixtures")


if __name__ == "__main__":
    main()
