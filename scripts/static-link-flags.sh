#!/usr/bin/env bash
# The linker inputs the fully static build needs beyond what the Swift
# targets name, one per line (scripts/build-static.sh passes each with
# -Xlinker). The static archives Debian ships need other libraries named:
#
# - libtiff.a needs -lwebp -lLerc -ljbig -lzstd -llzma -ldeflate -ljpeg ...,
#   ncurses's -ltinfo: taken from `pkg-config --static --libs`, so a new
#   dependency of a Debian library is picked up instead of breaking the link.
# - libpq.a needs libpgcommon and libpgport. Debian ships those archives only
#   in postgresql-server-dev-MAJOR (which pulls in clang and LLVM); when they
#   are not installed, the .deb alone is downloaded with `apt-get download`
#   into CACHE_DIR and unpacked there (about 1 MB), nothing installed.
#   libpq's own code is built against the `_shlib` variants (the frontend,
#   position-independent ones), which are used.
# - libpq.a also needs GSSAPI (libgssapi_krb5) and LDAP, which Debian has no
#   static archives for (krb5) or only with more shared-only libraries
#   (libldap.a needs GnuTLS and SASL): scripts/static/auth_stubs.c stands in,
#   failing both with a clear message through libpq's error paths; password
#   authentication and TLS (static libssl/libcrypto) are real.
#
#   scripts/static-link-flags.sh CACHE_DIR     (CACHE_DIR: where to unpack and compile)
# Exits 2 naming what is missing when a library cannot be found.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${1:?usage: scripts/static-link-flags.sh CACHE_DIR}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"
fail() { echo "static-link-flags: $*" >&2; exit 2; }

command -v pkg-config >/dev/null || fail "pkg-config is not installed (apt-get install pkg-config)"
# Each library once, in pkg-config's order (archives before what they need).
pc=$(pkg-config --static --libs libtiff-4 libwebp libwebpdemux ncursesw libpq) \
    || fail "pkg-config does not know one of libtiff-4 libwebp libwebpdemux ncursesw libpq (install libtiff-dev libwebp-dev libncurses-dev libpq-dev)"

# libpgcommon/libpgport: installed, else unpacked from the server-dev package
# of exactly the installed libpq-dev's version (they are built together).
major=$(pg_config --version 2>/dev/null | sed -E 's/^PostgreSQL ([0-9]+).*/\1/') || true
[ -n "$major" ] || fail "pg_config not found (it comes with libpq-dev)"
pgdir=$(pg_config --pkglibdir)
if [ ! -f "$pgdir/libpgcommon_shlib.a" ] || [ ! -f "$pgdir/libpgport_shlib.a" ]; then
    version=$(dpkg-query -W -f='${Version}' libpq-dev 2>/dev/null) || fail "libpq-dev is not installed"
    unpacked="$cache/postgresql-server-dev-$version"
    pgdir="$unpacked/usr/lib/postgresql/$major/lib"
    if [ ! -f "$pgdir/libpgcommon_shlib.a" ] || [ ! -f "$pgdir/libpgport_shlib.a" ]; then
        echo "static-link-flags: libpq.a needs libpgcommon and libpgport, which Debian ships in postgresql-server-dev-$major; downloading that package ($version, as libpq-dev) without installing it" >&2
        rm -rf "$cache/deb" "$unpacked" && mkdir -p "$cache/deb"
        (cd "$cache/deb" && apt-get download "postgresql-server-dev-$major=$version" >&2) \
            || fail "could not download postgresql-server-dev-$major $version; install it (apt-get install postgresql-server-dev-$major) and run again"
        dpkg-deb -x "$cache"/deb/postgresql-server-dev-"$major"_*.deb "$unpacked"
        rm -rf "$cache/deb"
        [ -f "$pgdir/libpgcommon_shlib.a" ] || fail "postgresql-server-dev-$major has no libpgcommon_shlib.a"
    fi
fi

# The GSSAPI/LDAP stand-ins, compiled for this build only.
stubs="$cache/auth_stubs.o"
if [ ! -f "$stubs" ] || [ scripts/static/auth_stubs.c -nt "$stubs" ]; then
    clang -O2 -Wall -Werror -c scripts/static/auth_stubs.c -o "$stubs" >&2
fi
echo "$stubs"

for f in $pc; do
    case "$f" in
        -lgssapi_krb5|-lldap|-llber) continue ;;        # auth_stubs.o
        -lpgcommon) f="$pgdir/libpgcommon_shlib.a" ;;
        -lpgport) f="$pgdir/libpgport_shlib.a" ;;
        -L*|-pthread) continue ;;                       # the archives are in the default path; Swift links pthread
    esac
    echo "$f"
done
# libLerc.a (libtiff's LERC codec) is C++ and its pkg-config file does not say so.
echo "-lstdc++"
