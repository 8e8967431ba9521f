#!/usr/bin/env bash
# Builds fully static release executables: no Swift toolchain, no Foundation
# or ICU libraries needed where they run (Benchmarks/NOTES.md, "Process
# start", for why and what it costs). The build the README offers, the one
# scripts/install.sh installs and the one Benchmarks/run.sh measures.
#   scripts/build-static.sh [PRODUCT...]     default: scenelens
# Prints the folder holding the executables on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(scenelens)

# `scenelens --version` names the commit: stamp it for the time of this build
# only, so a later plain `swift build` never shows a stale one.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit-modified"
fi
stamp=Sources/CBuildInfo/build_stamp.h
printf '#define SCENELENS_COMMIT "%s"\n#define SCENELENS_BUILD "static release"\n' "$commit" > "$stamp"
trap 'rm -f "$stamp"' EXIT
# The compiler records only headers it found: make sure the stamp is read.
touch Sources/CBuildInfo/buildinfo.c

# What the static archives need besides themselves (scripts/static-link-flags.sh:
# pkg-config --static for libtiff, libwebp, ncurses and libpq; libpq's
# pgcommon/pgport archives; the GSSAPI/LDAP stand-ins). The versions of the
# dependencies are the ones in Package.resolved, never newer ones.
link=()
while IFS= read -r f; do link+=(-Xlinker "$f"); done < <(bash scripts/static-link-flags.sh .build-static/static-deps)
flags=(-c release --scratch-path .build-static --force-resolved-versions
       -Xswiftc -static-executable "${link[@]}")
for p in "${products[@]}"; do
    echo "building $p (release, static executable, commit $commit)..." >&2
    swift build "${flags[@]}" --product "$p" >&2
done
swift build "${flags[@]}" --show-bin-path
