#!/usr/bin/env bash
# Compares two dumps made by dump-kernels.sh, class file by class file (SHA-256). Exits 0 when
# they are identical; otherwise lists the classes that differ, are missing or are new, and exits 1.
# Usage: compiler/src/test/scripts/compare-dumps.sh BEFORE AFTER
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 BEFORE AFTER" >&2
  exit 2
fi
for d in "$1" "$2"; do
  if [ ! -f "$d/SHA256SUMS" ]; then
    echo "error: $d/SHA256SUMS not found (make the dump with dump-kernels.sh)" >&2
    exit 2
  fi
done
# "sum  path" -> "path sum", joined on the path
sums() { awk '{ sub(/^\.\//, "", $2); print $2, $1 }' "$1/SHA256SUMS" | LC_ALL=C sort; }
report=$(LC_ALL=C join -a 1 -a 2 -e MISSING -o 0,1.2,2.2 <(sums "$1") <(sums "$2") \
  | awk '$2 != $3 { if ($2 == "MISSING") print "new:     " $1; else if ($3 == "MISSING") print "missing: " $1; else print "differs: " $1 }')
total=$(wc -l < "$1/SHA256SUMS")
if [ -z "$report" ]; then
  echo "identical: all $total class files"
  exit 0
fi
echo "$report"
echo "$(echo "$report" | wc -l) of $total class files not identical"
first=$(echo "$report" | grep -m1 '^differs: ' | cut -c10- || true)
if [ -n "$first" ]; then
  echo "to see how, e.g.: diff <(javap -c -p -l '$1/$first') <(javap -c -p -l '$2/$first')"
fi
exit 1
