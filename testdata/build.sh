#!/usr/bin/env bash
# Rebuilds the WebAssembly test guests:
#   testdata/c/<name>.c     -> testdata/wasm/<name>.wasm   (clang, wasm32-wasi)
#   testdata/wat/<name>.wat -> testdata/wasm/<name>.wasm   (wat2wasm)
# and copies testdata/wasm/hello.wasm to examples/hello.wasm.
#
# Requirements (Debian/Ubuntu):
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$HERE/wasm"
CC="${CC:-clang}"
CFLAGS="${CFLAGS:--O2 -Wall -Wextra -Werror}"
# Strip DWARF (keeps the "name" section for readable stack traces) so the
# committed binaries are small and do not embed build paths.
LDFLAGS="${LDFLAGS:--Wl,--strip-debug}"

PKGS="clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt"

die() {
    echo "build.sh: error: $*" >&2
    exit 1
}

command -v "$CC" >/dev/null 2>&1 ||
    die "'$CC' not found. Install the toolchain: apt-get install -y $PKGS"
command -v wat2wasm >/dev/null 2>&1 ||
    die "'wat2wasm' not found. Install the toolchain: apt-get install -y $PKGS"

# Check that the wasm32-wasi target, sysroot and linker actually work.
probe_dir="$(mktemp -d)"
trap 'rm -rf "$probe_dir"' EXIT
printf 'int main(void){return 0;}\n' >"$probe_dir/probe.c"
if ! "$CC" --target=wasm32-wasi -O2 -o "$probe_dir/probe.wasm" "$probe_dir/probe.c" 2>"$probe_dir/probe.err"; then
    cat "$probe_dir/probe.err" >&2
    die "'$CC --target=wasm32-wasi' cannot build a WASI program. Install: apt-get install -y $PKGS"
fi

mkdir -p "$OUT"

shopt -s nullglob
for src in "$HERE"/c/*.c; do
    name="$(basename "$src" .c)"
    echo "cc   c/$name.c -> wasm/$name.wasm"
    # shellcheck disable=SC2086
    "$CC" --target=wasm32-wasi $CFLAGS $LDFLAGS -o "$OUT/$name.wasm" "$src"
done
for src in "$HERE"/wat/*.wat; do
    name="$(basename "$src" .wat)"
    echo "wat  wat/$name.wat -> wasm/$name.wasm"
    wat2wasm -o "$OUT/$name.wasm" "$src"
done

chmod 644 "$OUT"/*.wasm

mkdir -p "$ROOT/examples"
cp "$OUT/hello.wasm" "$ROOT/examples/hello.wasm"
echo "copy wasm/hello.wasm -> examples/hello.wasm"
