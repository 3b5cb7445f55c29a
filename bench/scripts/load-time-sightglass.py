#!/usr/bin/env python3
"""Whole-process load time with the module cache (bench/README.md, "Load time: serialised modules and the
cache"): SightglassMain per round with no cache / a cold cache / a warm cache, interleaved; medians.
usage: load-time-sightglass.py ROUNDS JAR wasm..."""
import os, shutil, statistics, subprocess, sys, time, resource
rounds = int(sys.argv[1]); jar = sys.argv[2]; mods = sys.argv[3:]
opts = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
def run(wasm, extra):
    cmd = ["java"] + opts + extra + ["-cp", jar, "dev.bytelift.bench.sightglass.SightglassMain", wasm]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=os.path.dirname(wasm))
    t1 = time.monotonic(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    line = [l for l in p.stdout.splitlines() if l.startswith("sightglass ")]
    if p.returncode != 0 or not line: print(p.stdout, p.stderr, file=sys.stderr); raise SystemExit("run failed")
    f = dict(kv.split("=", 1) for kv in line[0].split()[1:])
    return t1 - t0, cpu, float(f["compile_s"]), float(f["run_s"])
print("%-22s %-6s %8s %8s %10s %8s" % ("module", "mode", "wall_s", "cpu_s", "compile_s", "run_s"))
for wasm in mods:
    cache = "/tmp/bytelift-load-time-cache"
    res = {m: [] for m in ("none", "cold", "warm")}
    for r in range(rounds):
        res["none"].append(run(wasm, []))
        shutil.rmtree(cache, ignore_errors=True)
        res["cold"].append(run(wasm, ["-Dsightglass.cache=" + cache]))
        res["warm"].append(run(wasm, ["-Dsightglass.cache=" + cache]))
    name = os.path.basename(os.path.dirname(wasm)) + "/" + os.path.basename(wasm).replace(".wasm", "")
    for m, v in res.items():
        med = [statistics.median(x[i] for x in v) for i in range(4)]
        print("%-22s %-6s %8.2f %8.2f %10.3f %8.2f" % (name[:22], m, *med), flush=True)
