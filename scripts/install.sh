#!/usr/bin/env bash
# Builds the fully static scenelens (scripts/build-static.sh) and installs it
# with its man page and shell completions, or packs the same files into a
# tarball for a machine without Swift (a shared GPU server over SSH).
#
#   scripts/install.sh                      install under /usr/local (PREFIX=... or --prefix DIR)
#   scripts/install.sh --prefix ~/.local    install for yourself, no root needed
#   scripts/install.sh --tarball            write dist/scenelens-VERSION-COMMIT-linux-ARCH.tar.gz
#
# Installed: PREFIX/bin/scenelens, PREFIX/share/man/man1/scenelens.1,
# completions for bash, zsh and fish under PREFIX/share.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
prefix="${PREFIX:-/usr/local}"
tarball=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --tarball) tarball=1; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (--prefix DIR, --tarball)" >&2; exit 2 ;;
    esac
done

bin="$(scripts/build-static.sh scenelens | tail -n 1)/scenelens"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# Without its debug information (100 MB to 66 MB; nothing it needs to run).
install -Dm755 "$bin" "$stage/bin/scenelens"
strip "$stage/bin/scenelens" 2>/dev/null || echo "install.sh: strip not found; installing with debug information" >&2
bin="$stage/bin/scenelens"

# Completions, from ArgumentParser.
mkdir -p "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" \
         "$stage/share/fish/vendor_completions.d" "$stage/share/man/man1"
"$bin" --generate-completion-script bash > "$stage/share/bash-completion/completions/scenelens"
"$bin" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_scenelens"
"$bin" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/scenelens.fish"

# The man page, from ArgumentParser's generate-manual tool (part of the
# pinned swift-argument-parser, so it builds offline). Its plugin would build
# scenelens again in its own way; building only the tool and pointing it at
# the executable just built documents exactly what is installed.
man="$stage/share/man/man1/scenelens.1"
swift package --scratch-path .build-static plugin generate-manual --help >/dev/null 2>&1 || true
tool=$(find .build-static -type f -name generate-manual-tool -perm -u+x 2>/dev/null | head -n 1)
if [ -n "$tool" ] && "$tool" "$bin" --output-directory "$stage/share/man/man1" >/dev/null 2>&1 && [ -s "$man" ]; then
    :
else
    # Without the tool: the help texts as a plain man page.
    echo "install.sh: generate-manual not available; writing the man page from --help" >&2
    {
        echo ".TH SCENELENS 1 \"$(date +%Y-%m-%d)\" \"scenelens $("$bin" --version)\""
        echo ".SH NAME"
        echo "scenelens \\- inspect, review and export hard-negative rationale datasets"
        for sub in "" inspect render validate lint stats export view decode sample doctor; do
            if [ -z "$sub" ]; then echo ".SH DESCRIPTION"; else echo ".SH \"SCENELENS ${sub^^}\""; fi
            echo ".nf"
            "$bin" help $sub | sed 's/\\/\\\\/g; s/^\./\\\&./'
            echo ".fi"
        done
    } > "$man"
fi

version=$("$bin" --version)
if [ -n "$tarball" ]; then
    number=${version%% *}
    commit=$(sed -n 's/.*commit \([^,)]*\).*/\1/p' <<<"$version")
    name="scenelens-$number-${commit:-unknown}-linux-$(uname -m)"
    mkdir -p dist
    mv "$stage" "$stage.tmp" && mkdir -p "$stage" && mv "$stage.tmp" "$stage/$name"
    tar -C "$stage" -czf "dist/$name.tar.gz" "$name"
    echo "wrote dist/$name.tar.gz ($version)"
    echo "on the server: tar -xzf $name.tar.gz && $name/bin/scenelens doctor"
    echo "  or install it: tar -xzf $name.tar.gz -C ~/.local --strip-components=1"
    exit 0
fi

mkdir -p "$prefix"
cp -R "$stage"/. "$prefix"/
echo "installed scenelens $version"
echo "  $prefix/bin/scenelens, $prefix/share/man/man1/scenelens.1, completions for bash, zsh and fish"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "  add $prefix/bin to PATH: export PATH=\"$prefix/bin:\$PATH\"" ;; esac
