#!/usr/bin/env bash
# Regenerates the modules of the differential test (test-modules DifferentialTest): for each
# seed, deterministic pseudo-random bytes -> `wasm-opt -ttf` (Debian's binaryen 108: WebAssembly
# 2.0 without reference types, whose binaryen 108 form V8 rejects) -> the module and Node's output
# for it (run.mjs). Needs binaryen and node; the test itself only reads the committed files.
#
#   test-modules/src/fuzz/gen.sh [FIRST_SEED [LAST_SEED [OUT_DIR]]]
#
# Longer campaigns: gen.sh 1000 5000 /tmp/fuzz, then
# mvn verify -pl test-modules -am -Dtest=DifferentialTest -Dbytelift.fuzz.dir=/tmp/fuzz
#
# A mismatch is not always a bug: where an input NaN is not canonical the spec allows any
# arithmetic NaN, V8 returns the canonical one and Bytelift propagates the input's payload, and
# --denan misses v128 values; a module that branches on such a NaN's bits (i8x16.extract_lane of
# an f32x4.min) differs legitimately. run.mjs folds NaNs only where it prints them.
set -euo pipefail
cd "$(dirname "$0")"
out=${3:-../test/resources/dev/bytelift/testmodules/fuzz}
first=${1:-1}
last=${2:-150}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for seed in $(seq "$first" "$last"); do
  name=$(printf 'ttf-%04d' "$seed")
  # input size 1-16 KB: bigger inputs give bigger modules
  node -e '
    let s = BigInt(process.argv[1]) * 0x9E3779B97F4A7C15n & 0xFFFFFFFFFFFFFFFFn || 1n;
    const n = 1024 + Number(s % 15360n);
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) {
      s ^= s << 13n & 0xFFFFFFFFFFFFFFFFn; s ^= s >> 7n; s ^= s << 17n & 0xFFFFFFFFFFFFFFFFn;
      b[i] = Number(s & 0xFFn);
    }
    process.stdout.write(b);' "$seed" > "$tmp/in.dat"
  wasm-opt -ttf "$tmp/in.dat" -o "$out/$name.wasm" --denan \
    --enable-sign-ext --enable-nontrapping-float-to-int --enable-multivalue --enable-bulk-memory --enable-simd 2>/dev/null
  node run.mjs "$out/$name.wasm" > "$out/$name.expected"
done
echo "generated seeds $first-$last in $out"
