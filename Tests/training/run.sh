#!/usr/bin/env bash
# The real training stack against SceneLens's export (issue 16, "Checked against
# the real training stack"): a small dataset whose images cover EXIF rotations,
# alpha, 16-bit grey, palettes with transparency, CMYK, WebP, GIF, TIFF and BMP,
# every negative accepted in the inspector (the flagged ones with the confirm
# key), exported in each format, then loaded with Hugging Face `datasets` (and
# TRL's DPO vision collator with --trl) by test_export_loads.py.
#
#   Tests/training/run.sh SCENELENS_BINARY [--trl]
#
# The Python packages live in a virtualenv outside the clone, made when
# missing: $SCENELENS_TRAINING_VENV, else /var/cache/scenelens-ci/training-KIND-HASH
# (HASH of the requirements file, so a change of pins makes a new one).
# `datasets` alone downloads about 100 MB the first time; --trl adds TRL,
# transformers and accelerate (about 140 MB) and torch, which is taken from the
# CPU wheel in /opt/wheels: PyPI's Linux torch brings 2.8 GB of CUDA libraries,
# so without that wheel --trl stops and says so.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:?usage: Tests/training/run.sh SCENELENS_BINARY [--trl]}"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
kind=datasets
[ "${2:-}" = "--trl" ] && kind=trl
req="$here/requirements-$kind.txt"

if [ "$kind" = trl ] && ! ls /opt/wheels/torch-*+cpu-*.whl >/dev/null 2>&1; then
    echo "training: --trl needs torch's CPU wheel in /opt/wheels (PyPI's torch pulls 2.8 GB of CUDA libraries); not run" >&2
    exit 2
fi

hash=$(cat "$here"/requirements-*.txt | sha256sum | cut -c1-12)
venv="${SCENELENS_TRAINING_VENV:-/var/cache/scenelens-ci/training-$kind-$hash}"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.complete" ]; then
    echo "training: creating $venv (requirements-$kind.txt)"
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --progress-bar off --find-links /opt/wheels -r "$req"
    touch "$venv/.complete"
fi

work=$(mktemp -d /tmp/scenelens-training.XXXXXX)
trap 'rm -rf "$work"' EXIT
fixtures="$here/../ImagingTests/Fixtures/fidelity"
mkdir -p "$work/images" "$work/out" "$work/ref"

# One item per image: n1 a clean swap, n2 the chosen text again (lint `identical`, an error).
"$venv/bin/python" - "$fixtures" "$work" <<'EOF'
import json, shutil, sys
from pathlib import Path
fixtures, work = Path(sys.argv[1]), Path(sys.argv[2])
names = ["orient3.jpg", "orient6.jpg", "orient8.jpg", "orient6.png", "orient8.webp", "orient6.tiff",
         "grey_alpha.png", "grey16.png", "palette_trns.png", "cmyk.jpg", "lossy.webp",
         "lossless_alpha.webp", "animated.gif", "grey.tiff", "palette8.bmp"]
manifest = {"images": {}, "exported": [], "flagged": []}
with open(work / "data.jsonl", "w") as out:
    for k, name in enumerate(names):
        shutil.copy(fixtures / name, work / "images" / name)
        item_id = f"img-{k:02d}"
        chosen = [f"The cube is left of the sphere in picture {k}.", "So the answer is yes."]
        item = {
            "id": item_id, "image": f"images/{name}", "question": f"Is the cube left of the sphere ({k})?",
            "answer": "yes",
            "scene_graph": {"entities": [{"id": "o1", "name": "cube"}, {"id": "o2", "name": "sphere"}],
                            "relations": [["o1", "left of", "o2"]]},
            "chosen": {"steps": chosen, "answer": "yes"},
            "negatives": [
                {"id": "n1", "operator": "swap",
                 "rationale": {"steps": [f"The sphere is left of the cube in picture {k}.", "So the answer is no."], "answer": "no"}},
                {"id": "n2", "operator": "swap", "rationale": {"steps": chosen, "answer": "yes"}},
            ],
        }
        out.write(json.dumps(item) + "\n")
        manifest["images"][item_id] = name
        manifest["exported"].append([item_id, "n1"])
        manifest["flagged"].append([item_id, "n2"])
(work / "manifest.json").write_text(json.dumps(manifest))
print(len(names))
EOF

cd "$work"
# Decide in the inspector, as a person does, in tmux: `a` on n1; `a` on n2 is
# held back (an error lint) and says so; `A` then accepts it anyway.
sock="scenelens-training-$$"
tmux -L "$sock" new-session -d -x 160 -y 48 "LANG=C.UTF-8 '$bin' data.jsonl --annotator ci"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
screen() { tmux -L "$sock" capture-pane -p; }
# Waits (up to 30 s) until the screen shows $1.
until_shown() {
    for _ in $(seq 300); do screen | grep -qF -- "$1" && return 0; sleep 0.1; done
    echo "training: the inspector never showed '$1'; the screen was:" >&2; screen >&2; exit 1
}
key() { tmux -L "$sock" send-keys -l -- "$1"; }
n=$(wc -l < data.jsonl)
for k in $(seq "$n"); do
    until_shown "item $k of $n"
    until_shown "negative n1"
    key a; until_shown "saved: accept n1"
    until_shown "negative n2"
    key a; until_shown "not saved: n2 has an error lint"
    key A; until_shown "saved: accept n2"
done
key q
for _ in $(seq 100); do tmux -L "$sock" has-session 2>/dev/null || break; sleep 0.1; done
"$bin" export data.jsonl --out out/trl.jsonl --format trl
"$bin" export data.jsonl --out out/pairs.jsonl --format pairs
"$bin" export data.jsonl --out out/decisions.jsonl --format decisions
"$bin" export data.jsonl --out out/trl-flagged.jsonl --format trl --include-flagged
"$bin" export data.jsonl --out out/pairs-flagged.jsonl --format pairs --include-flagged
for f in images/*; do "$bin" decode "$f" --out "ref/$(basename "$f").pam"; done

# Relative image paths are resolved against the working directory: load from out/.
cd out
SCENELENS_TRAINING_WORK="$work" "$venv/bin/python" -m pytest -q -p no:cacheprovider "$here/test_export_loads.py"
