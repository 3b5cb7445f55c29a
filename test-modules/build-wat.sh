#!/usr/bin/env bash
# Builds every test module written in WAT (src/wat/**/*.wat) into
# src/main/resources/dev/bytelift/testmodules/wat/**/*.wasm with wabt's wat2wasm
# (Debian package wabt). The built .wasm files are committed: tests and CI do not need wabt.
set -euo pipefail
cd "$(dirname "$0")"
out=src/main/resources/dev/bytelift/testmodules/wat
find src/wat -name '*.wat' | sort | while read -r wat; do
  rel=${wat#src/wat/}
  dest="$out/${rel%.wat}.wasm"
  mkdir -p "$(dirname "$dest")"
  wat2wasm --debug-names "$wat" -o "$dest"
  echo "built $dest"
done
