# Shared by the PostgreSQL end-to-end scripts (pg_restart.sh, pg_team.sh),
# sourced after they set WORK and ROOT: a tmux server and a cluster in
# $WORK, both removed however the script ends, and the pass/fail counters.
PG="$WORK/pg"
SOCK="$WORK/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null; bash "$ROOT/.ci/pg_cluster.sh" stop "$PG"; rm -rf "$WORK"; }
trap cleanup EXIT
FAILED=0; PASSED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
pass() { echo "ok: $*"; PASSED=$((PASSED + 1)); }
