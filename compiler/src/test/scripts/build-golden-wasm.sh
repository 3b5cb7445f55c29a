#!/usr/bin/env bash
# Rebuilds the golden bytecode tests' modules, compiler/src/test/resources/golden/*.wasm, from the
# .wat next to them with wabt's wat2wasm (Debian package wabt; 1.0.32 enables SIMD, bulk memory,
# reference types, multi-value, sign extension and saturating truncation by default).
# The .wasm files are committed, so the tests never need wabt. --debug-names keeps the functions'
# names, which the generated method names (f<index>_<name>) carry: the golden text reads better.
set -euo pipefail
cd "$(dirname "$0")/../resources/golden"
for wat in *.wat; do
  wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
  echo "built compiler/src/test/resources/golden/${wat%.wat}.wasm"
done
