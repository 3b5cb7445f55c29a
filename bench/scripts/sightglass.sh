#!/usr/bin/env bash
# Whole-process benchmark of real WASI programs (Wasmtime's Sightglass suite), Bytelift against
# Wasmtime; see bench/README.md, "Real programs, whole process". A manual tool: it needs
# `pip install wasmtime==49.0.0` and takes minutes, so CI never runs it.
#
#   bench/scripts/sightglass.sh                               # default subset, 3 rounds
#   bench/scripts/sightglass.sh --b /tmp/sg-before/cli/target/bytelift-cli.jar --b-label before
#   bench/scripts/sightglass.sh --benchmarks bz2,splay --rounds 5 --no-wasmtime
#   bench/scripts/sightglass.sh --help
#
# Builds jar A (cli/target/bytelift-cli.jar) with the reactor, offline, unless --a is given or
# SKIP_BUILD=1; never `mvn install`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ "${SKIP_BUILD:-0}" != 1 && " $* " != *" --a "* && " $* " != *" --help "* && " $* " != *" -h "* ]]; then
  echo "building cli/target/bytelift-cli.jar ..." >&2
  (cd "$ROOT" && mvn -o -q -B -DskipTests package -pl cli -am)
fi
exec python3 "$ROOT/bench/scripts/sightglass.py" "$@"
