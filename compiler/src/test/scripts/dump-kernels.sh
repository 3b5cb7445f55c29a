#!/usr/bin/env bash
# Dumps the JVM classes generated for every benchmark kernel
# (test-modules/src/main/resources/dev/bytelift/testmodules/kernels/*.wasm) in the golden tests'
# configurations (plain, fuel-epochs, split, split-fuel-epochs) to OUT/CONFIG/KERNEL/**.class, and
# writes OUT/SHA256SUMS. Run it at two commits and compare the dumps with compare-dumps.sh: a
# refactoring that changes no generated code leaves every class byte-identical.
# Usage: compiler/src/test/scripts/dump-kernels.sh OUT
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 OUT" >&2
  exit 2
fi
out=$(realpath -m "$1")
root=$(cd "$(dirname "$0")/../../../.." && pwd)
rm -rf "$out"
mkdir -p "$out"
cd "$root"
# KernelDump is a test that only runs when bytelift.kernels.out is set; -am builds runtime and
# trampolines from this checkout too (their tests are not run: -Dtest names only KernelDump)
mvn -B -ntp -q -Dstyle.color=never -pl compiler -am test -Dtest=KernelDump -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbytelift.kernels.out="$out"
(cd "$out" && find . -name '*.class' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) > "$out/SHA256SUMS"
echo "$(wc -l < "$out/SHA256SUMS") class files in $out (sums: $out/SHA256SUMS)"
