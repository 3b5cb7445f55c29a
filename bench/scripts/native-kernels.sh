#!/usr/bin/env bash
# Native (gcc -O2) reference timings for the Bytelift benchmark kernels.
#
#   bench/scripts/native-kernels.sh [KERNEL...]
#
# Builds each kernel in test-modules/src/c/kernels with native_driver.c into a
# temporary folder, checks run(1) against kernels.properties, warms up for
# WARM_MS (default 1000), times run(1) calls for MEASURE_MS (default 2000) and
# prints the median ms/op. Exits 1 on a checksum mismatch.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SRC="$ROOT/test-modules/src/c/kernels"
PROPS="$ROOT/test-modules/src/main/resources/dev/bytelift/testmodules/kernels/kernels.properties"
CC="${CC:-gcc}"
WARM_MS="${WARM_MS:-1000}"
MEASURE_MS="${MEASURE_MS:-2000}"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

if [[ $# -gt 0 ]]; then
  KERNELS=("$@")
else
  mapfile -t KERNELS < <(sed -n 's/^\([A-Za-z0-9_]*\)\.checksum=.*/\1/p' "$PROPS" | LC_ALL=C sort)
fi

printf '%-14s %10s %8s\n' kernel ms/op runs
status=0
for k in "${KERNELS[@]}"; do
  want="$(sed -n "s/^$k\.checksum=\(-\?[0-9]*\)\s*$/\1/p" "$PROPS")"
  if [[ -z "$want" ]]; then echo "$k: no checksum in kernels.properties" >&2; status=1; continue; fi
  "$CC" -O2 -ffp-contract=off -Wno-attributes -o "$TMP/$k" "$SRC/$k.c" "$HERE/native_driver.c" -lm
  "$TMP/$k" "$k" "$want" "$WARM_MS" "$MEASURE_MS" || status=1
done
exit $status
