#!/usr/bin/env bash
# A guard for the fully static build (scripts/build-static.sh), cheap enough
# for every CI run (a few seconds): links scripts/static/link_check.c with
# -static and the flags of scripts/static-link-flags.sh against every C
# library scenelens links (ncurses, zlib, libdeflate, SQLite, libjpeg, libpq, snappy,
# zstd, libwebp, giflib, libtiff), then runs it: an LDAP service lookup must
# fail with the stand-in's message, naming the static build.
#   scripts/check-static-link.sh [CACHE_DIR]     default: .build-static/static-deps
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
cache="${1:-.build-static/static-deps}"
flags=()
while IFS= read -r f; do flags+=("$f"); done < <(bash scripts/static-link-flags.sh "$cache")
work=$(mktemp -d /tmp/scenelens-static-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
# -lgif -lsqlite3 -lsnappy -ldeflate: named by the Swift targets themselves
# (giflib has no pkg-config file); snappy is C++.
if ! clang -static -O0 -w -I"$(pg_config --includedir)" scripts/static/link_check.c -o "$work/link_check" "${flags[@]}" \
        -lgif -lsqlite3 -lsnappy -ldeflate -lstdc++ -lm -lpthread -ldl 2> "$work/err"; then
    echo "check-static-link: the static link fails (scripts/build-static.sh would fail the same way):" >&2
    grep -E "undefined|cannot find|error" "$work/err" | head -20 >&2
    exit 1
fi
"$work/link_check"
printf 'ldap-svc\nldap://127.0.0.1:1/dc=example?uniqueMember?one?(cn=x)\n' | sed '1s/.*/[ldap-svc]/' > "$work/pg_service.conf"
PGSERVICEFILE="$work/pg_service.conf" "$work/link_check" "service=ldap-svc" \
    "LDAP service lookup is not available in the static build"
