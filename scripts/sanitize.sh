#!/usr/bin/env bash
# The test suite under a sanitizer, in a build folder of its own so the normal
# .build stays as it was:
#   scripts/sanitize.sh thread  [swift test options...]   ThreadSanitizer  (.build-tsan)
#   scripts/sanitize.sh address [swift test options...]   AddressSanitizer (.build-asan)
# e.g. scripts/sanitize.sh address --filter ImagingTests
# Exits non-zero when a test fails or the sanitizer reports anything (both
# sanitizers are set to stop the run at their first report). The log is kept in
# .build-tsan/sanitize.log / .build-asan/sanitize.log. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
kind=${1:?"usage: scripts/sanitize.sh thread|address [swift test options]"}; shift
case "$kind" in
thread)  dir=.build-tsan
         # halt_on_error: a race fails the run instead of scrolling past.
         export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}" ;;
address) dir=.build-asan
         # Leaks are not checked: the Swift runtime keeps metadata caches for
         # the life of the process, which LeakSanitizer reports as leaks.
         # handle_abort/handle_sigill: a Swift trap (SIGILL) or abort in a test
         # or in a scenelens it runs gets ASan's stack; Swift's own backtracer
         # is off, as it waited for ever on a child ASan had stopped, holding
         # its output pipe open and the test run with it.
         export ASAN_OPTIONS="detect_leaks=0 abort_on_error=1 handle_abort=1 handle_sigill=1 ${ASAN_OPTIONS:-}"
         export SWIFT_BACKTRACE="enable=no" ;;
*) echo "sanitize.sh: thread or address, not '$kind'" >&2; exit 2 ;;
esac
mkdir -p "$dir"
# -j 2: the machine this runs on usually has two cores; SWIFT_JOBS overrides.
swift test --scratch-path "$dir" --sanitize="$kind" -j "${SWIFT_JOBS:-2}" "$@" 2>&1 | tee "$dir/sanitize.log"
status=${PIPESTATUS[0]}
if grep -q -E "^(WARNING: ThreadSanitizer|==[0-9]+==ERROR: AddressSanitizer|SUMMARY: (Thread|Address)Sanitizer)" "$dir/sanitize.log"; then
    echo "sanitize.sh: $kind sanitizer reported a problem (see $dir/sanitize.log)" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
