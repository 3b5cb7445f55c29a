#!/usr/bin/env python3
"""Compares spec/known-failures-3.0.txt with what `./bytelift wast` reports for the scripts
SpecSuite30Test runs (its FILES map): lists known failures that now pass and failures that are not
listed; with --write, drops the entries that pass. Run from the repository root after building the
command line; the 3.0 suite is ../shared/testsuite-3.0 as for SpecSuite30Test. CI never runs it
(the harness itself fails on either difference); it saves rerunning Maven after a merge.

    python3 test-modules/scripts/known-failures-3.0.py [--write]
"""
import re
import subprocess
import sys

SUITE = "../shared/testsuite-3.0/wast"
TEST = "test-modules/src/test/java/dev/bytelift/testmodules/spec/SpecSuite30Test.java"
KNOWN = "test-modules/src/test/resources/spec/known-failures-3.0.txt"

src = open(TEST).read()
block = src[src.index("FILES = new"):src.index("NOT_RUN = new")]
groups = set(re.findall(r'FILES.put\("([^"]+)"', block))
scripts = [n for n in re.findall(r'"([a-z0-9_./-]+)"', block) if n not in groups]
out = subprocess.run(["./bytelift", "wast"] + [f"{SUITE}/{n}.wast" for n in scripts],
                     capture_output=True, text=True).stdout
failing = set()
for line in out.splitlines():
    m = re.match(re.escape(SUITE) + r"/(.+)\.wast:(\d+): ", line)
    if m:
        failing.add(m.group(1) + ":" + m.group(2))
lines = open(KNOWN).read().split("\n")
keep, passing, listed = [], [], set()
for line in lines:
    s = line.strip()
    if s and not s.startswith("#"):
        key = s.split()[0]
        if key not in failing or key in listed:
            passing.append(key)
            continue
        listed.add(key)
    keep.append(line)
print(out.strip().splitlines()[-1] if out.strip() else "no output")
print(f"listed but passing ({len(passing)}):", " ".join(passing))
print(f"failing but not listed ({len(failing - listed)}):", " ".join(sorted(failing - listed)))
if "--write" in sys.argv:
    open(KNOWN, "w").write("\n".join(keep))
