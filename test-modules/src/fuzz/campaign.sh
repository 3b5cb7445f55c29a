#!/usr/bin/env bash
# A fuzzing campaign of any length against the whole pipeline (test-modules Campaign): inputs from
# the spec suite's valid modules and the project's own modules, truncated at every offset, mutated
# (structure-aware and byte-level), and with --generate-every N one input in N a fresh module from
# `wasm-opt -ttf` (Debian package binaryen), raw or mutated. Each input is compiled, instantiated
# with dummy imports and has every export called, with fuel and an epoch deadline, under a time
# bound. Prints inputs by source, outcomes by class and every escape (a JVM exception or a run past
# the bound), whose reproducer and minimised reproducer go to test-modules/target/fuzz/escapes.
#
#   test-modules/src/fuzz/campaign.sh [--seconds N] [--seed S] [--inputs N] [--bound-ms MS]
#       [--truncation-seeds N] [--generate-every N] [--no-minimize] [--light] [--heap 3g]
#   test-modules/src/fuzz/campaign.sh --seed S --replay-iteration I     # one input again (with the same
#       --truncation-seeds, --generate-every and --light: each escape's .txt gives the command)
#   test-modules/src/fuzz/campaign.sh --replay FILE.wasm [--split]      # one file
#   test-modules/src/fuzz/campaign.sh --minimize FILE.wasm [--split]    # FILE.min.wasm beside it
# --light leaves out the resource-heavy modules (huge tables, memories, function counts).
#
# Builds the test classes first (mvn test-compile); the spec suite is found as SpecSuiteTest finds it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
heap=3g
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --heap) heap=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
cp_file=test-modules/target/fuzz-classpath.txt
mvn -B -ntp -q -pl test-modules -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test >&2
cp="test-modules/target/test-classes:test-modules/target/classes:$(cat "$cp_file")"
# the suite as SpecSuiteTest sees it from test-modules/
export BYTELIFT_TESTSUITE=${BYTELIFT_TESTSUITE:-$(cd .. && pwd)/shared/testsuite/json}
exec java -Xmx"$heap" -Xss16m -cp "$cp" dev.bytelift.testmodules.reliability.Campaign "${args[@]}"
