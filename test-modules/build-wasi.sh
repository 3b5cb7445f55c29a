#!/usr/bin/env bash
# build-wasi.sh - compiles the WASI preview 1 test programs in src/c/wasi/*.c
# into src/main/resources/dev/bytelift/testmodules/wasi/NAME.wasm.
#
# Needs clang with the wasm32-wasi target and the WASI sysroot (Debian:
# apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32) and wabt's
# wasm-objdump.  After each build it checks that the module imports only
# wasi_snapshot_preview1 functions and prints the imported function names.
#
# Usage: test-modules/build-wasi.sh [NAME...]     (default: every program)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src/c/wasi"
out="$here/src/main/resources/dev/bytelift/testmodules/wasi"
CLANG="${CLANG:-clang}"
CFLAGS=(--target=wasm32-wasi -O2 -Wl,--strip-debug -Wall -Wextra -Werror -Wno-unused-parameter -Wno-unused-result)

command -v "$CLANG" >/dev/null || { echo "build-wasi.sh: $CLANG not found" >&2; exit 1; }
command -v wasm-objdump >/dev/null || { echo "build-wasi.sh: wasm-objdump (wabt) not found" >&2; exit 1; }

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in "$src"/*.c; do names+=("$(basename "$f" .c)"); done
fi

mkdir -p "$out"
for name in "${names[@]}"; do
  "$CLANG" "${CFLAGS[@]}" -I"$src" "$src/$name.c" -o "$out/$name.wasm"
  imports="$(wasm-objdump -x -j Import "$out/$name.wasm" | sed -n 's/^ - func\[[0-9]*\] sig=[0-9]* <[^>]*> <- //p')"
  total="$(wasm-objdump -x -j Import "$out/$name.wasm" | grep -c '^ - ' || true)"
  funcs="$(printf '%s\n' "$imports" | grep -c . || true)"
  if [ "$total" != "$funcs" ] || printf '%s\n' "$imports" | grep -v '^wasi_snapshot_preview1\.' | grep -q .; then
    echo "build-wasi.sh: $name.wasm has imports outside wasi_snapshot_preview1:" >&2
    wasm-objdump -x -j Import "$out/$name.wasm" >&2
    exit 1
  fi
  echo "$name.wasm ($(wc -c < "$out/$name.wasm") bytes): $(printf '%s\n' "$imports" | sed 's/^wasi_snapshot_preview1\.//' | sort | tr '\n' ' ')"
done
