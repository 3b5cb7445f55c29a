#!/usr/bin/env bash
# Builds the benchmark kernels (src/c/kernels/*.c) to WebAssembly, builds the
# same sources natively with gcc, runs both (Wasm under Node/V8) and checks
# that run(1) agrees, then rewrites kernels.properties with the checksums.
#
#   test-modules/build-kernels.sh            build, verify, write properties
#   test-modules/build-kernels.sh --check    build into a temp dir and only
#                                            verify against the committed files
#
# Needs: clang (wasm32 target) + wasm-ld, gcc, node, wabt (wasm-objdump).
# The native binaries go to a temporary folder and are deleted afterwards.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SRC="$HERE/src/c/kernels"
OUT="$HERE/src/main/resources/dev/bytelift/testmodules/kernels"
DRIVER="$ROOT/bench/scripts/native_driver.c"
PROPS="$OUT/kernels.properties"

CHECK_ONLY=0
if [[ "${1:-}" == "--check" ]]; then CHECK_ONLY=1; fi

# One-line descriptions written to kernels.properties.
declare -A DESC=(
  [ackermann]="Ackermann function A(2,0..12), A(3,0..8), A(4,0): deep recursion, call-heavy"
  [branchy]="Generated 256-state switch machine, one very large and branchy function (br_table + if/else chains)"
  [crc32]="Table-driven CRC-32 (poly 0xEDB88320) over a 64 KiB buffer: byte loads, table lookups, shifts"
  [fib]="Naive recursive Fibonacci fib(30)+fib(25) with a noinline function: call/return overhead"
  [hash]="FNV-1a and a 64-bit multiply/rotate mixer over buffers and many short keys: i64 arithmetic"
  [interp]="Stack-machine bytecode interpreter dispatching through a function-pointer table: call_indirect"
  [mandelbrot]="Mandelbrot escape counts on a 224x168 grid, max 200 iterations: f64 loops with early exit"
  [matmul]="128x128 double matrix multiply (i-k-j), 6 repetitions: f64 multiply/add and memory streaming"
  [memcpy]="Hand-written byte/u32/u64 copy, overlapping move and fill loops over 3 B..64 KiB buffers"
  [nbody]="24-body gravitational simulation, 2000 steps in double precision: f64 add/mul/div/sqrt"
  [sha256]="SHA-256 of a 16 KiB buffer, 48 chained rounds: 32-bit rotates, shifts and adds"
  [sieve]="Sieve of Eratosthenes below 2,000,000 (odd numbers only), prime count/sum/twins: byte stores"
  [sort]="Quicksort and bottom-up merge sort of 40,000 pseudo-random int32s, results cross-checked"
  [spectralnorm]="Spectral norm of a 256x256 matrix by power iteration: f64 division and reductions"
)

find_tool() {
  local t
  for t in "$@"; do
    if command -v "$t" >/dev/null 2>&1; then command -v "$t"; return 0; fi
  done
  echo "error: none of [$*] found on PATH" >&2
  return 1
}

CLANG="$(find_tool clang clang-14)"
WASM_LD="$(find_tool wasm-ld wasm-ld-14)"
GCC="$(find_tool gcc)"
NODE="$(find_tool node)"
OBJDUMP="$(find_tool wasm-objdump)"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

if [[ $CHECK_ONLY -eq 1 ]]; then WASM_OUT="$TMP/wasm"; else WASM_OUT="$OUT"; fi
mkdir -p "$WASM_OUT" "$TMP/obj" "$TMP/native"

# Compile and link in two steps: when the clang driver links with -O2 it
# silently runs wasm-opt (if installed), which would make the output depend on
# the machine and would inline across `noinline`. wasm-ld alone is reproducible.
# -fno-builtin keeps hand-written loops from becoming memcpy/memset calls (there
# is no libc to import them from); -mno-bulk-memory / no -msimd128 keeps the
# output to MVP (+ sign-ext / mutable-globals at most); -ffp-contract=off forbids
# fused multiply-add so Wasm and native floating point agree bit for bit.
CFLAGS_WASM=(--target=wasm32 -O2 -nostdlib -ffreestanding -fno-builtin -ffp-contract=off
             -mno-bulk-memory -Wall -Wextra -Werror)
LDFLAGS_WASM=(--no-entry --export=run -z stack-size=65536 --strip-debug)
CFLAGS_NATIVE=(-O2 -ffp-contract=off -Wno-attributes)

mapfile -t KERNELS < <(cd "$SRC" && ls -1 *.c | sed 's/\.c$//' | LC_ALL=C sort)

fail=0
declare -A WASM_SUM NATIVE_SUM BIGGEST
for k in "${KERNELS[@]}"; do
  if [[ -z "${DESC[$k]:-}" ]]; then echo "error: no description for kernel $k in $0" >&2; exit 1; fi
  "$CLANG" "${CFLAGS_WASM[@]}" -c -o "$TMP/obj/$k.o" "$SRC/$k.c"
  "$WASM_LD" "${LDFLAGS_WASM[@]}" -o "$WASM_OUT/$k.wasm" "$TMP/obj/$k.o"
  chmod 644 "$WASM_OUT/$k.wasm"

  # structural checks on the module
  details="$("$OBJDUMP" -x "$WASM_OUT/$k.wasm")"
  grep -q -- '-> "run"' <<<"$details" || { echo "error: $k.wasm does not export run" >&2; exit 1; }
  grep -q -- 'memory\[0\] -> "memory"' <<<"$details" || { echo "error: $k.wasm does not export its memory" >&2; exit 1; }
  if grep -q '^Import\[' <<<"$details"; then echo "error: $k.wasm has imports:" >&2; grep -A5 '^Import' <<<"$details" >&2; exit 1; fi
  if "$OBJDUMP" -d "$WASM_OUT/$k.wasm" | grep -Eq '(memory\.(copy|fill|init)|data\.drop|v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2|_sat_f)'; then
    echo "error: $k.wasm uses post-MVP instructions (bulk memory / SIMD / saturating truncation)" >&2; exit 1
  fi
  BIGGEST[$k]="$(sed -n 's/^ - func\[[0-9]*\] size=\([0-9]*\).*/\1/p' <<<"$details" | sort -n | tail -1)"

  "$GCC" "${CFLAGS_NATIVE[@]}" -o "$TMP/native/$k" "$SRC/$k.c" "$DRIVER" -lm
  NATIVE_SUM[$k]="$("$TMP/native/$k" --checksum)"
done

# run(1) of every module under Node (V8)
node_out="$("$NODE" --input-type=module -e '
import { readFileSync } from "node:fs";
const [dir, ...names] = process.argv.slice(1);
for (const n of names) {
  const { instance } = await WebAssembly.instantiate(readFileSync(`${dir}/${n}.wasm`), {});
  console.log(`${n} ${BigInt.asIntN(64, BigInt(instance.exports.run(1)))}`);
}' "$WASM_OUT" "${KERNELS[@]}")"
while read -r k v; do WASM_SUM[$k]="$v"; done <<<"$node_out"

printf '%-14s %22s %22s %10s\n' kernel wasm-checksum native-checksum max-body
for k in "${KERNELS[@]}"; do
  mark=""
  if [[ "${WASM_SUM[$k]:-}" != "${NATIVE_SUM[$k]}" ]]; then mark="  MISMATCH"; fail=1; fi
  printf '%-14s %22s %22s %10s%s\n' "$k" "${WASM_SUM[$k]:-?}" "${NATIVE_SUM[$k]}" "${BIGGEST[$k]}" "$mark"
done
if [[ $fail -ne 0 ]]; then echo "error: Wasm and native checksums differ" >&2; exit 1; fi

new_props="$TMP/kernels.properties"
{
  echo "# Benchmark kernels: generated by test-modules/build-kernels.sh -- do not edit by hand."
  echo "# NAME.checksum = run(1) as a signed 64-bit decimal (same under V8 and gcc -O2 native)."
  for k in "${KERNELS[@]}"; do
    echo "$k.checksum=${WASM_SUM[$k]}"
    echo "$k.description=${DESC[$k]}"
  done
} >"$new_props"

if [[ $CHECK_ONLY -eq 1 ]]; then
  for k in "${KERNELS[@]}"; do
    cmp -s "$WASM_OUT/$k.wasm" "$OUT/$k.wasm" || { echo "error: $k.wasm differs from the committed file" >&2; fail=1; }
  done
  cmp -s "$new_props" "$PROPS" || { echo "error: kernels.properties differs from the committed file" >&2; diff "$PROPS" "$new_props" >&2 || true; fail=1; }
  [[ $fail -eq 0 ]] && echo "OK: committed kernels are up to date"
  exit $fail
fi

cp "$new_props" "$PROPS"
echo "wrote ${#KERNELS[@]} kernels to $OUT"
