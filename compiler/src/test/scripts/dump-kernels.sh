#!/usr/bin/env bash
# Dumps the JVM classes generated for every benchmark kernel
# (test-modules/src/main/resources/dev/bytelift/testmodules/kernels/*.wasm) in the golden tests'
# configurations (plain, fuel-epochs, split, split-fuel-epochs) to OUT/CONFIG/KERNEL/**.class, and
# writes OUT/SHA256SUMS. Run it at two commits and compare the dumps with compare-dumps.sh: a
# refactoring that changes no generated code leaves every class byte-identical.
# Further arguments name other folders of modules to dump instead of the kernels, for example the
# spec suite's (../shared/testsuite/json: every operator, and every error message and offset, since
# a module that does not compile leaves its message in compile-error.txt).
# Usage: compiler/src/test/scripts/dump-kernels.sh OUT [MODULE_DIR...]
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 OUT [MODULE_DIR...]" >&2
  exit 2
fi
out=$(realpath -m "$1")
shift
dirs=()
for d in "$@"; do dirs+=("$(realpath "$d")"); done
root=$(cd "$(dirname "$0")/../../../.." && pwd)
rm -rf "$out"
mkdir -p "$out"
cd "$root"
# KernelDump is a test that only runs when bytelift.kernels.out is set; -am builds runtime and
# trampolines from this checkout too (their tests are not run: -Dtest names only KernelDump)
mvn -B -ntp -q -Dstyle.color=never -pl compiler -am test -Dtest=KernelDump -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbytelift.kernels.out="$out" ${dirs:+"-Dbytelift.kernels.dir=$(IFS=:; echo "${dirs[*]}")"}
(cd "$out" && find . \( -name '*.class' -o -name compile-error.txt \) -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) > "$out/SHA256SUMS"
echo "$(wc -l < "$out/SHA256SUMS") class files in $out (sums: $out/SHA256SUMS)"
