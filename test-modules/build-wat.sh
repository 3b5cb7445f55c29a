#!/usr/bin/env bash
# Builds the WAT test modules (src/wat/*.wat) into resources with wabt's wat2wasm. The .wasm files
# are committed, so the build and CI do not need wabt; run this after editing a .wat file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/src/main/resources/dev/bytelift/testmodules/wat"
mkdir -p "$out"
for wat in "$here"/src/wat/*.wat; do
  name="$(basename "$wat" .wat)"
  wat2wasm --debug-names "$wat" -o "$out/$name.wasm"
done
echo "built $(ls "$here"/src/wat/*.wat | wc -l) modules into $out"
