#!/usr/bin/env bash
# Builds SceneLens in release mode, prepares the inputs and runs every
# benchmark figure side by side with its reference; writes BENCHMARKS.md.
#   Benchmarks/run.sh            the full run (200k items; under 15 minutes on 2 cores)
#   Benchmarks/run.sh --quick    a smaller run (20k items, fewer repeats; under 2 minutes once built)
#   Benchmarks/run.sh --pty      only key to frame through a pseudo-terminal (Benchmarks/pty_latency.py),
#                                on the release build README's first command makes (`swift run -c release`),
#                                Samples/ and 200k items at 160x48; replaces that section of BENCHMARKS.md
#   Benchmarks/run.sh --scale    resume and the last `a` at 20k, 200k and 1M items (a 10 GB file, generated
#                                once under Benchmarks/work) beside `wc -l`, through a pseudo-terminal
#                                (Benchmarks/scale.py), then validate, stats, export and lint beside wc -l, grep -c and a
#                                Python json.loads loop (Benchmarks/scale_commands.py); replaces those sections of
#                                BENCHMARKS.md. SCALE_SIZES=20000 for a quick one
#   Benchmarks/run.sh --summary  the dataset summary (docs/query.md) at 20k, 200k and 1M items beside `grep -c`
#                                (Benchmarks/summary.py); replaces that section of BENCHMARKS.md. SUMMARY_SIZES=20000 for a quick one
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
quick=""
items=200000
if [ "${1:-}" = "--quick" ]; then quick="--quick"; items=20000; fi
work="Benchmarks/work"
mkdir -p "$work"

if [ "${1:-}" = "--pty" ]; then
    python3 -c "import pyte" 2>/dev/null || pip install --quiet pyte
    swift build -c release --product scenelens >&2
    bin=$(swift build -c release --show-bin-path)
    dataset="$work/big-$items/dataset.jsonl"
    if [ ! -s "$dataset" ]; then
        echo "generating $items items..."
        "$bin/scenelens" sample --items "$items" --out "$work/big-$items" --seed 42
    fi
    exec python3 Benchmarks/pty_latency.py "$bin/scenelens" Samples/scenes.jsonl "$dataset" --update BENCHMARKS.md \
        --build "release as README's first command builds it (\`swift build -c release\`: Foundation and the Swift runtime as shared libraries)"
fi

if [ "${1:-}" = "--summary" ]; then
    swift build -c release --product scenelens >&2
    swift build -c release --product scenelens-bench >&2
    bin=$(swift build -c release --show-bin-path)
    datasets=()
    for n in $(echo "${SUMMARY_SIZES:-20000,200000,1000000}" | tr , ' '); do
        if [ ! -s "$work/big-$n/dataset.jsonl" ]; then
            echo "generating $n items..."
            "$bin/scenelens" sample --items "$n" --out "$work/big-$n" --seed 42
        fi
        datasets+=("$work/big-$n/dataset.jsonl")
    done
    exec python3 Benchmarks/summary.py "$bin/scenelens" "${datasets[@]}" --bench "$bin/scenelens-bench" --update BENCHMARKS.md
fi

if [ "${1:-}" = "--scale" ]; then
    python3 -c "import pyte" 2>/dev/null || pip install --quiet pyte
    swift build -c release --product scenelens >&2
    swift build -c release --product scenelens-bench >&2
    python3 Benchmarks/scale.py "$(swift build -c release --show-bin-path)" --sizes "${SCALE_SIZES:-20000,200000,1000000}" --update BENCHMARKS.md
    # validate, stats, export and lint beside wc -l, grep -c and a Python json.loads loop (SCALE_LINT_SIZES: where lint runs).
    exec python3 Benchmarks/scale_commands.py "$(swift build -c release --show-bin-path)" --sizes "${SCALE_SIZES:-20000,200000,1000000}" \
        --lint-sizes "${SCALE_LINT_SIZES:-20000,200000}" --update BENCHMARKS.md
fi

# References and tools: chafa for the image-to-terminal figure, libpng and
# djpeg for the decode references, Pillow to encode the test images as real PNG files are.
missing=()
command -v chafa >/dev/null || missing+=(chafa)
command -v djpeg >/dev/null || missing+=(libjpeg-turbo-progs)
dpkg-query -W -f='${Status}' libpng-dev 2>/dev/null | grep -q "install ok installed" || missing+=(libpng-dev)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
python3 -c "import PIL, numpy" 2>/dev/null || pip install --quiet pillow numpy
# pyte: the terminal emulator the pseudo-terminal latency figure reads the screen with.
python3 -c "import pyte" 2>/dev/null || pip install --quiet pyte

# A fully static executable, as Swift tools are distributed for Linux (the
# Swift static Linux SDK makes the same kind): loading Foundation, ICU and
# libstdc++ dynamically otherwise costs more than some figures (see NOTES.md).
# The same build scripts/install.sh installs, so the figures are the users'.
bin=$(scripts/build-static.sh scenelens scenelens-bench | tail -n 1)
cc -O2 -o "$work/libpng_decode" Benchmarks/libpng_decode.c -lpng

dataset="$work/big-$items/dataset.jsonl"
if [ ! -s "$dataset" ]; then
    echo "generating $items items..."
    "$bin/scenelens" sample --items "$items" --out "$work/big-$items" --seed 42
fi
python3 Benchmarks/bench.py --bin "$bin" --libpng "$work/libpng_decode" --work "$work" --dataset "$dataset" $quick
