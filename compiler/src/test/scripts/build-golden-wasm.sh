#!/usr/bin/env bash
# Rebuilds the golden bytecode tests' modules, compiler/src/test/resources/golden/*.wasm, and
# LoopHeaderStackTest's, compiler/src/test/resources/osr/*.wasm, from the .wat next to them with wabt's wat2wasm (Debian package wabt; 1.0.32 enables SIMD, bulk memory,
# reference types, multi-value, sign extension and saturating truncation by default).
# The .wasm files are committed, so the tests never need wabt. --debug-names keeps the functions'
# names, which the generated method names (f<index>_<name>) carry: the golden text reads better.
set -euo pipefail
for dir in golden osr; do
  cd "$(dirname "$0")/../resources/$dir"
  for wat in *.wat; do
    case "$wat" in
      typed_refs.wat) # 3.0 syntax wabt lacks: Wasmtime's parser (pip install wasmtime), names included
        python3 -c 'import sys, wasmtime; open(sys.argv[2], "wb").write(wasmtime.wat2wasm(open(sys.argv[1]).read()))' \
          "$wat" "${wat%.wat}.wasm" ;;
      tailcalls.wat) wat2wasm --debug-names --enable-tail-call "$wat" -o "${wat%.wat}.wasm" ;;
      *) wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm" ;;
    esac
    echo "built compiler/src/test/resources/$dir/${wat%.wat}.wasm"
  done
  cd - > /dev/null
done
