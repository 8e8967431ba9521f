#!/usr/bin/env bash
# The libFuzzer targets of Tests/Fuzz (see docs/fuzzing.md):
#   scripts/fuzz.sh build                       build .build-fuzz/…/scenelens-fuzz
#   scripts/fuzz.sh list                        the target names
#   scripts/fuzz.sh run TARGET [SECONDS] [libFuzzer options...]
#                                               fuzz one target (default 300 s; 0: until stopped)
#   scripts/fuzz.sh all SECONDS                 each target in turn for SECONDS (what CI does)
#   scripts/fuzz.sh repro TARGET FILE...        run the target once on each FILE (a crash to reproduce)
#
# Seeds are read from Tests/Fuzz/Corpus/TARGET (committed, small); what a run
# learns goes to .build-fuzz/corpus/TARGET, kept between runs. A crashing
# input is saved as .build-fuzz/crashes/TARGET/crash-SHA1 (also timeouts,
# slow units and out-of-memory inputs) and printed; the run then exits 1.
#
# The build is separate from the normal one: Package.swift declares the
# harness only when SCENELENS_FUZZ=1, and everything here is built with
# AddressSanitizer and libFuzzer's coverage in .build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
export SCENELENS_FUZZ=1
# libFuzzer's own handler reports a trap (and saves the input); Swift's
# backtracer would get there first and trip AddressSanitizer reading memory.
export SWIFT_BACKTRACE=enable=no
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/opt/swift/usr/bin/llvm-symbolizer}
scratch=.build-fuzz
config=${SCENELENS_FUZZ_CONFIG:-release}

fuzzer_lib() {
    local lib
    lib=$(ls /opt/swift/usr/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$lib" ] || lib=$(ls "$(dirname "$(command -v swiftc)")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-*.a 2>/dev/null | tail -1 || true)
    [ -n "$lib" ] || { echo "fuzz.sh: libclang_rt.fuzzer_no_main not found in the Swift toolchain" >&2; exit 2; }
    echo "$lib"
}

build() {
    local lib; lib=$(fuzzer_lib)
    # -sanitize=fuzzer would be simpler, but the coverage it emits is refused
    # by the libFuzzer that ships with Swift 6.3; these flags and the driver
    # entry (LLVMFuzzerRunDriver from fuzzer_no_main) work.
    swift build --scratch-path "$scratch" -c "$config" --product scenelens-fuzz -j "${SWIFT_JOBS:-2}" \
        --sanitize=address \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
        -Xswiftc -enable-testing \
        -Xcc -fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp \
        -Xlinker "$lib" -Xlinker -lstdc++ >&2
}

binary() { echo "$(swift build --scratch-path "$scratch" -c "$config" --show-bin-path)/scenelens-fuzz"; }

targets() { "$(binary)" --list; }

# Prints what a crashing input holds, so a CI log alone is enough to see it.
show_input() {
    local f=$1 size; size=$(stat -c %s "$f")
    echo "---- $f ($size bytes; first 512 as hex, whole file as base64 below) ----"
    head -c 512 "$f" | od -A d -t x1z -v | head -40
    echo "---- base64 ----"
    if [ "$size" -le 65536 ]; then base64 -w 100 "$f"; else echo "(larger than 64 KiB: see the file)"; fi
    echo "----"
}

max_len() {
    case $1 in
        item|json|scene-graph) echo 16384 ;;
        parquet) echo 20000 ;;
        text) echo 4096 ;;
        *) echo 12288 ;;
    esac
}

run() {
    local target=$1 seconds=${2:-300}; shift $(( $# >= 2 ? 2 : 1 ))
    local bin; bin=$(binary)
    local seeds=Tests/Fuzz/Corpus/$target work=$scratch/corpus/$target crashes=$scratch/crashes/$target
    [ -d "$seeds" ] || { echo "fuzz.sh: no seed folder $seeds (targets: $(targets | tr '\n' ' '))" >&2; exit 2; }
    mkdir -p "$work" "$crashes"
    local dict=() time=()
    case $target in item|scene-graph) dict=(-dict=Tests/Fuzz/item.dict) ;; esac
    [ "$seconds" -gt 0 ] && time=(-max_total_time="$seconds")
    local before; before=$(ls "$crashes" | wc -l)
    local status=0
    # Leaks are not findings here: the Swift runtime keeps caches for the
    # life of the process. -timeout: one input taking 10 s is a hang.
    ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" \
    "$bin" "$target" "${time[@]}" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len="$(max_len "$target")" \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" "$@" "$work" "$seeds" || status=$?
    if [ "$status" -ne 0 ] || [ "$(ls "$crashes" | wc -l)" -gt "$before" ]; then
        echo "fuzz.sh: target $target FAILED (exit $status); inputs kept in $crashes:" >&2
        for f in $(ls -t "$crashes" | head -3); do show_input "$crashes/$f" >&2; done
        echo "reproduce: scripts/fuzz.sh repro $target $crashes/FILE" >&2
        return 1
    fi
}

case ${1:-} in
build) build ;;
list) targets ;;
run) shift; [ $# -ge 1 ] || { echo "usage: scripts/fuzz.sh run TARGET [SECONDS] [libFuzzer options]" >&2; exit 2; }
     build; run "$@" ;;
all) seconds=${2:?"usage: scripts/fuzz.sh all SECONDS"}
     build
     failed=()
     mkdir -p "$scratch/logs"
     for t in $(targets); do
         log=$scratch/logs/$t.log
         if run "$t" "$seconds" >"$log" 2>&1; then
             # One line per target: runs done in the time, and coverage reached.
             echo "fuzz.sh: $t ok: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs in ${seconds}s, $(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || true)" >&2
         else
             failed+=("$t")
             # The finding: libFuzzer's and the sanitizer's report, and the input.
             grep -v -E '^#[0-9]+\s+(NEW|REDUCE|pulse|INITED|RELOAD)' "$log" | tail -150 >&2
         fi
     done
     if [ ${#failed[@]} -gt 0 ]; then echo "fuzz.sh: FAILED: ${failed[*]}" >&2; exit 1; fi
     echo "fuzz.sh: every target ran ${seconds}s without a finding" >&2 ;;
repro) shift; target=${1:?"usage: scripts/fuzz.sh repro TARGET FILE..."}; shift
       build
       ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$(binary)" "$target" -detect_leaks=0 -runs=1 "$@" ;;
*) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
