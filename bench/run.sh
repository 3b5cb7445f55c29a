#!/usr/bin/env bash
# Builds the JMH uber-jar and runs the Bytelift benchmark suite (see bench/README.md).
#
#   bench/run.sh [--quick|--full] [--kernels K1,K2] [--skip-interpreter] [--skip-limits] [--skip-startup]
#                [--out DIR] [-- JMH OPTIONS...]
#   bench/run.sh --report bench/target/results/jmh-quick-*.json    # re-print a table
#
# --quick (default) runs in about 9 minutes on 2 cores; --full in about 60 (estimate).
# Builds with the reactor from the repository root (never `mvn install`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR=bench/target/benchmarks.jar
if [[ "${1:-}" != "--report" && "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building $JAR ..."
  mvn -q -B -pl bench -am package -DskipTests
fi
exec java ${BENCH_JAVA_OPTS:-} -cp "$JAR" dev.bytelift.bench.BenchMain "$@"
