#!/usr/bin/env python3
"""Makes the fidelity fixtures: images in the formats and colour modes the
training stack loads, each with what Pillow gives the model
(ImageOps.exif_transpose, then convert("RGB")) as raw RGB bytes, NAME.rgb,
and what transformers' image processors give it (exif_transpose, then
transformers.image_transforms.convert_to_rgb: transparency composited over
white) as NAME.white.rgb.

Run: python3 make_fidelity.py  (needs: pip install pillow numpy transformers)
     python3 make_fidelity.py --white-only   (only the NAME.white.rgb files,
     from the images already here)
fidelity.json lists each file with its upright size, orientation, the
losses SceneLens must report, and the tolerance (0 but for lossy codecs
whose decoder may differ in a last bit between library builds).
"""
import io, json, os, sys
import numpy as np
from PIL import Image, ImageOps
from transformers.image_transforms import convert_to_rgb

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(16)
entries = []


def base(w=12, h=8):
    """An asymmetric colour image: orientation mistakes show."""
    a = np.zeros((h, w, 3), np.uint8)
    a[..., 0] = np.linspace(0, 255, w, dtype=np.uint8)[None, :]
    a[..., 1] = np.linspace(0, 255, h, dtype=np.uint8)[:, None]
    a[0, 0] = (255, 255, 255)
    a[h - 1, 0] = (0, 0, 255)
    return a


def write_white(path):
    """NAME.white.rgb: the upright image through transformers' convert_to_rgb."""
    im = Image.open(path)
    im.load()
    white = np.asarray(convert_to_rgb(ImageOps.exif_transpose(im)), dtype=np.uint8)
    assert white.ndim == 3 and white.shape[2] == 3, (path, white.shape)
    with open(path + ".white.rgb", "wb") as f:
        f.write(white.tobytes())


if "--white-only" in sys.argv:
    for e in json.load(open(os.path.join(HERE, "fidelity.json"))):
        write_white(os.path.join(HERE, e["file"].split("/", 1)[1]))
    sys.exit(0)


def add(name, data, tolerance=0, orientation=1, clipped=False, frames=False):
    path = os.path.join(HERE, name)
    with open(path, "wb") as f:
        f.write(data)
    im = Image.open(path)
    im.load()
    im = ImageOps.exif_transpose(im)
    rgb = im.convert("RGB")
    # Translucent as the file stores it: what convert("RGB") throws away.
    translucent = min(im.convert("RGBA").getchannel("A").getextrema()) < 255 if (
        im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info) else False
    with open(path + ".rgb", "wb") as f:
        f.write(rgb.tobytes())
    write_white(path)
    entries.append(dict(file="fidelity/" + name, width=rgb.width, height=rgb.height, tolerance=tolerance,
                        orientation=orientation, translucent=translucent, clipped=clipped, frames=frames))


def save(im, fmt, **kw):
    b = io.BytesIO()
    im.save(b, fmt, **kw)
    return b.getvalue()


def exif(o):
    e = Image.Exif()
    e[0x0112] = o
    return e.tobytes()


# EXIF orientation: JPEG APP1 and PNG eXIf.
for o in (2, 3, 5, 6, 7, 8):
    add(f"orient{o}.jpg", save(Image.fromarray(base()), "JPEG", quality=95, exif=exif(o)), tolerance=2, orientation=o)
add("orient6.png", save(Image.fromarray(base()), "PNG", exif=exif(6)), orientation=6)

# Alpha dropped, not composited: colour under transparent pixels kept.
la = np.zeros((8, 10, 2), np.uint8)
la[..., 0] = 200
la[..., 1] = np.linspace(0, 255, 10, dtype=np.uint8)[None, :]
add("grey_alpha.png", save(Image.fromarray(la, "LA"), "PNG"))
rgba = np.concatenate([base(), np.full((8, 12, 1), 255, np.uint8)], axis=2)
rgba[2:6, 3:9, 3] = 0
add("rgba.png", save(Image.fromarray(rgba, "RGBA"), "PNG"))

# 16-bit grey: Pillow's I;16 -> RGB clips at 255.
g16 = (np.arange(80, dtype=np.uint32).reshape(8, 10) * 800).astype(np.uint16)
add("grey16.png", save(Image.fromarray(g16), "PNG"), clipped=True)
# 16-bit RGB (Pillow keeps the high byte), written by hand: Pillow cannot.
def png16rgb(a):
    import struct, zlib
    def chunk(k, d):
        return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)
    h, w, _ = a.shape
    raw = b"".join(b"\0" + a[y].astype(">u2").tobytes() for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
add("rgb16.png", png16rgb(rng.integers(0, 65536, (6, 7, 3), dtype=np.uint16)))

# Palette with transparency, grey with a tRNS key.
p = Image.fromarray(rng.integers(0, 4, (8, 8), dtype=np.uint8), "P")
p.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255, 250, 250, 0])
add("palette_trns.png", save(p, "PNG", transparency=bytes([255, 0, 128, 255])))
add("grey_trns.png", save(Image.fromarray(np.arange(64, dtype=np.uint8).reshape(8, 8) * 4, "L"), "PNG", transparency=8))

# CMYK JPEG (Adobe, inverted as Pillow writes and reads it).
cmyk = rng.integers(0, 256, (8, 8, 4), dtype=np.uint8)
add("cmyk.jpg", save(Image.fromarray(cmyk, "CMYK"), "JPEG", quality=100), tolerance=2)

# WebP lossless with alpha, lossy, and with an EXIF orientation.
add("lossless_alpha.webp", save(Image.fromarray(rgba, "RGBA"), "WEBP", lossless=True))
add("lossy.webp", save(Image.fromarray(base(16, 16)), "WEBP", quality=80), tolerance=0)
add("orient8.webp", save(Image.fromarray(base()), "WEBP", lossless=True, exif=exif(8)), orientation=8)

# GIF: a transparent index, and an animation (first frame only).
g = Image.fromarray(rng.integers(0, 4, (8, 10), dtype=np.uint8), "P")
g.putpalette([10, 20, 30, 200, 100, 0, 0, 90, 200, 255, 255, 255])
add("transparent.gif", save(g, "GIF", transparency=1))
frames = [Image.fromarray(np.full((6, 6, 3), c, np.uint8)) for c in (40, 160, 250)]
b = io.BytesIO()
frames[0].save(b, "GIF", save_all=True, append_images=frames[1:], duration=100)
add("animated.gif", b.getvalue(), frames=True)

# TIFF: RGB (deflate), RGBA with unassociated alpha, orientation 6, grey.
add("rgb.tiff", save(Image.fromarray(base()), "TIFF", compression="tiff_adobe_deflate"))
add("rgba.tiff", save(Image.fromarray(rgba, "RGBA"), "TIFF"))
t = Image.fromarray(base())
add("orient6.tiff", save(t, "TIFF", exif=exif(6)), orientation=6)
add("grey.tiff", save(Image.fromarray(np.arange(48, dtype=np.uint8).reshape(6, 8) * 5, "L"), "TIFF"))

# BMP: 24-bit, 8-bit palette, 32-bit.
add("rgb24.bmp", save(Image.fromarray(base(13, 7)), "BMP"))
add("palette8.bmp", save(p.convert("RGB").quantize(4), "BMP"))
add("rgba32.bmp", save(Image.fromarray(rgba, "RGBA"), "BMP"))

# Every alpha level (the column) under 16 rows of colours: pins the rounding of
# the composite over white to transformers' (Pillow's alpha_composite).
table = np.zeros((16, 256, 4), np.uint8)
table[..., :3] = np.random.default_rng(1616).integers(0, 256, (16, 256, 3), dtype=np.uint8)
table[..., 3] = np.arange(256, dtype=np.uint8)[None, :]
add("alpha_table.png", save(Image.fromarray(table, "RGBA"), "PNG"))

with open(os.path.join(HERE, "fidelity.json"), "w") as f:
    json.dump(entries, f, indent=1)
print(len(entries), "fixtures")
