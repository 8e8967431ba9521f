#!/usr/bin/env python3
"""The inspector in real terminals under Xvfb: xterm in VT340 mode (sixel)
and kitty (the kitty graphics protocol), as a person sees them.

For each terminal: a one-item dataset whose image is four colour quadrants,
each a gradient (no boxes, no heatmap over it); the inspector is started in
the terminal, the screen is captured (ImageMagick `import`), the image is
found on the screenshot by its colours, and the pixels there are compared
with the source image after the same downscale. Then `?` (the help over the
picture) and Esc are typed (xdotool) and the screenshots checked: no picture
left under the help, the picture back after it. Last, the mouse as a
person uses it: a click (xdotool) on the second negative of the strip
after the negative's title, then `a`: the store must hold the accept on
that negative, not on the first.

Usage: real_terminals.py SCENELENS OUTDIR [xterm|kitty ...]
Needs: Xvfb, xterm, kitty, xdotool, imagemagick, python3-pil. Exit 0 when
every check passed, 1 when one failed, 77 when something it needs is missing.
"""
import json, os, shutil, subprocess, sys, tempfile, time

try:
    from PIL import Image
except ImportError:
    print("real_terminals: python3-pil is missing"); sys.exit(77)

QUADS = [(220, 40, 40), (40, 190, 70), (50, 70, 220), (230, 200, 40)]


def source_image(path):
    img = Image.new("RGB", (320, 240))
    px = img.load()
    for y in range(240):
        for x in range(320):
            q = QUADS[(1 if x >= 160 else 0) + (2 if y >= 120 else 0)]
            f = 0.65 + 0.35 * ((x % 160) / 159)
            px[x, y] = tuple(int(c * f) for c in q)
    img.save(path)
    return img


def dataset(d):
    src = source_image(os.path.join(d, "quads.png"))
    item = {"id": "quads", "image": "quads.png", "question": "Which quadrant is red?", "answer": "top left",
            "scene_graph": {"width": 320, "height": 240, "objects": {}},
            "chosen": {"steps": ["The top left quadrant is red."], "answer": "top left"},
            "negatives": [{"id": "n1", "operator": "shorten", "edits": [],
                           "rationale": {"steps": ["The top right quadrant is red."], "answer": "top right"}},
                          {"id": "n2", "operator": "shorten", "edits": [],
                           "rationale": {"steps": ["The bottom left quadrant is red."], "answer": "bottom left"}}]}
    with open(os.path.join(d, "quads.jsonl"), "w") as f:
        f.write(json.dumps(item) + "\n")
    return src


def quadrant(rgb):
    """Which quadrant's colour a screen pixel has, or None."""
    for i, q in enumerate(QUADS):
        # The gradient scales each colour by 0.65...1: compare the shape, not the brightness.
        s = max(rgb)
        if s < 60:
            continue
        if all(abs(c / s - qc / max(q)) < 0.12 for c, qc in zip(rgb, q)):
            return i
    return None


def find_picture(shot):
    """The picture on the screenshot: the longest runs of rows and columns
    dense with quadrant-coloured pixels (coloured text is sparse)."""
    w, h = shot.size
    px = shot.load()
    cols, rows = [0] * w, [0] * h
    for y in range(0, h, 2):
        for x in range(0, w, 2):
            if quadrant(px[x, y]) is not None:
                cols[x] += 1; rows[y] += 1

    def run(counts, step):
        top = max(counts)
        best, start = (0, 0), None
        for i in list(range(0, len(counts), step)) + [len(counts) + step]:
            # A boundary row or column of mixed colour is no gap.
            dense = i < len(counts) and max(counts[max(0, i - 6):i + 7]) > 0.5 * top
            if dense and start is None:
                start = i
            if not dense and start is not None:
                if i - start > best[1] - best[0]:
                    best = (start, i)
                start = None
        a, b = best
        while a < b and counts[a] <= 0.5 * top:
            a += 1
        while b > a and counts[b - 1] <= 0.5 * top:
            b -= 1
        return a, b

    if max(cols) < 20:
        return None
    x0, x1 = run(cols, 2)
    y0, y1 = run(rows, 2)
    if x1 - x0 < 40 or y1 - y0 < 40:
        return None
    return x0, y0, x1, y1


def compare(shot, box, src):
    """Mean and 95th percentile of the channel error inside the picture, and whether every quadrant is where it belongs."""
    x0, y0, x1, y1 = box
    crop = shot.crop(box).convert("RGB")
    ref = src.resize(crop.size, Image.BOX)
    a, b = crop.load(), ref.load()
    errs = []
    w, h = crop.size
    placed = True
    for y in range(2, h - 2, 3):
        for x in range(2, w - 2, 3):
            errs.append(max(abs(p - q) for p, q in zip(a[x, y], b[x, y])))
    for qi, (fx, fy) in enumerate([(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)]):
        if quadrant(a[int(w * fx), int(h * fy)]) != qi:
            placed = False
    errs.sort()
    return sum(errs) / len(errs), errs[int(len(errs) * 0.95)], placed


def run(term, binary, out, display):
    d = tempfile.mkdtemp(prefix="scenelens-real-")
    src = dataset(d)
    env = dict(os.environ, DISPLAY=display, LIBGL_ALWAYS_SOFTWARE="1")
    # The terminal's size in cells, for where a click lands.
    inner = f"cd {d} && stty size > size.txt && LANG=C.UTF-8 {binary} quads.jsonl --annotator real; sleep 60"
    if term == "xterm":
        cmd = ["xterm", "-ti", "vt340", "-xrm", "XTerm*numColorRegisters: 256", "-fa", "Monospace", "-fs", "9",
               "-geometry", "160x48+0+0", "-e", "sh", "-c", "TERM=xterm-256color " + inner]
    else:
        cmd = ["kitty", "-o", "font_size=9", "-o", "remember_window_size=no", "-o", "initial_window_width=1270",
               "-o", "initial_window_height=890", "sh", "-c", inner]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ok = True
    try:
        def shot(name, settle):
            time.sleep(settle)
            path = os.path.join(out, f"{term}-{name}.png")
            subprocess.run(["import", "-window", "root", path], env=env, check=True)
            return Image.open(path).convert("RGB"), path

        def keys(*k):
            wid = subprocess.run(["xdotool", "search", "--pid", str(proc.pid)], env=env, capture_output=True, text=True).stdout.split()
            if wid:
                subprocess.run(["xdotool", "windowfocus", wid[-1]], env=env)
            time.sleep(0.3)
            subprocess.run(["xdotool", "key"] + list(k), env=env)

        box = None
        for _ in range(10):  # the first frame, however slow the machine is
            img, path = shot("start", 3)
            box = find_picture(img)
            if box:
                break
        if not box:
            print(f"{term}: FAIL no picture on the screen ({path})"); return False
        mean, p95, placed = compare(img, box, src)
        w, h = box[2] - box[0], box[3] - box[1]
        print(f"{term}: picture at {box} ({w}x{h} px), error mean {mean:.1f} p95 {p95} levels, quadrants {'in place' if placed else 'WRONG'} ({path})")
        # Real pixels: a picture far bigger than text cells could draw at 2 samples a cell, close to the source.
        if not (placed and mean <= 12 and p95 <= 40 and w >= 200):
            print(f"{term}: FAIL the picture does not match the source"); ok = False
        keys("question")
        img, path = shot("help", 3)
        hidden = find_picture(img)
        if hidden and (hidden[2] - hidden[0]) * (hidden[3] - hidden[1]) > 0.1 * w * h:
            print(f"{term}: FAIL picture left under the help: {hidden} ({path})"); ok = False
        else:
            print(f"{term}: help shown, no picture left under it ({path})")
        keys("Escape")
        img, path = shot("back", 3)
        again = find_picture(img)
        if not again:
            print(f"{term}: FAIL the picture did not come back after the help ({path})"); ok = False
        else:
            print(f"{term}: picture back after Esc at {again} ({path})")
        if not click_second_negative(term, binary, d, env, proc, keys):
            ok = False
        keys("q")
    finally:
        time.sleep(1)
        proc.terminate()
        shutil.rmtree(d, ignore_errors=True)
    return ok


def click_second_negative(term, binary, d, env, proc, keys):
    """Clicks `n2` in the strip after the negative's title (found on the
    frame `render` draws at the terminal's size), accepts, quits, and reads
    the store: the accept must be on n2."""
    import sqlite3
    try:
        rows, cols = map(int, open(os.path.join(d, "size.txt")).read().split())
    except (OSError, ValueError):
        print(f"{term}: FAIL the terminal's size was not written"); return False
    frame = subprocess.run([binary, "render", "quads.jsonl", "--size", f"{cols}x{rows}", "--plain"], cwd=d,
                           capture_output=True, text=True).stdout.split("\n")
    spot = next(((r, line.find("n2", line.find("NEGATIVE n1"))) for r, line in enumerate(frame)
                 if "NEGATIVE n1" in line and line.find("n2", line.find("NEGATIVE n1")) > 0), None)
    if not spot:
        print(f"{term}: FAIL no strip with n2 on the rendered frame"); return False
    wid = subprocess.run(["xdotool", "search", "--pid", str(proc.pid)], env=env, capture_output=True, text=True).stdout.split()
    geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid[-1]], env=env, capture_output=True, text=True).stdout
    g = dict(line.split("=", 1) for line in geo.split() if "=" in line)
    width, height = int(g["WIDTH"]), int(g["HEIGHT"])
    cw, ch = width / cols, height / rows
    x, y = int((spot[1] + 0.5) * cw), int((spot[0] + 0.5) * ch)
    subprocess.run(["xdotool", "mousemove", "--window", wid[-1], str(x), str(y)], env=env)
    time.sleep(0.3)
    subprocess.run(["xdotool", "click", "1"], env=env)
    time.sleep(1)
    keys("a")
    time.sleep(1.5)
    try:
        db = sqlite3.connect(os.path.join(d, "quads.review.sqlite"))
        got = db.execute("select negative_id, verdict from decisions").fetchall()
        db.close()
    except sqlite3.Error as e:
        print(f"{term}: FAIL the store cannot be read: {e}"); return False
    if [tuple(r) for r in got] == [("n2", "accept")]:
        print(f"{term}: a click on n2 at cell ({spot[1]}, {spot[0]}) selected it; a accepted n2")
        return True
    print(f"{term}: FAIL after a click on n2 at cell ({spot[1]}, {spot[0]}), pixel ({x}, {y}), the store holds {got}")
    return False


def main():
    if len(sys.argv) < 3:
        print(__doc__); sys.exit(2)
    binary, out = os.path.abspath(sys.argv[1]), sys.argv[2]
    terms = sys.argv[3:] or ["xterm", "kitty"]
    for tool in ["Xvfb", "xdotool", "import"] + terms:
        if not shutil.which(tool):
            print(f"real_terminals: {tool} is missing"); sys.exit(77)
    os.makedirs(out, exist_ok=True)
    display = ":%d" % (90 + os.getpid() % 9)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    try:
        results = [run(t, binary, out, display) for t in terms]
    finally:
        xvfb.terminate()
    sys.exit(0 if all(results) else 1)


main()
