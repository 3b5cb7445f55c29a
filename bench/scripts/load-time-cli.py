#!/usr/bin/env python3
"""bench/README.md, "Load time: serialised modules and the cache". Whole-process ./bytelift run until compiled (the Sightglass programs then stop at their bench imports):
--no-cache / cold cache / warm cache, interleaved rounds, medians.  usage: load-time-cli.py ROUNDS BYTELIFT wasm..."""
import os, shutil, statistics, subprocess, sys, time, resource
rounds = int(sys.argv[1]); bl = sys.argv[2]; mods = sys.argv[3:]
def run(args):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.monotonic()
    p = subprocess.run([bl, "run"] + args, capture_output=True, text=True)
    t1 = time.monotonic(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if "unknown import: bench.start" not in p.stderr: raise SystemExit("unexpected: " + p.stderr)
    return t1 - t0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
print("%-20s %14s %14s %14s" % ("module", "no-cache", "cold", "warm"))
print("%-20s %14s %14s %14s" % ("", "wall / CPU s", "wall / CPU s", "wall / CPU s"))
for wasm in mods:
    cache = "/tmp/bytelift-load-time-cli-cache"
    res = {m: [] for m in ("none", "cold", "warm")}
    for r in range(rounds):
        res["none"].append(run(["--no-cache", wasm]))
        shutil.rmtree(cache, ignore_errors=True)
        res["cold"].append(run(["--cache-dir", cache, wasm]))
        res["warm"].append(run(["--cache-dir", cache, wasm]))
    name = os.path.basename(os.path.dirname(wasm))
    cells = ["%5.2f / %5.2f" % (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)) for v in res.values()]
    print("%-20s %14s %14s %14s" % (name, *cells), flush=True)
