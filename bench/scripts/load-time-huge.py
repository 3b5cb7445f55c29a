#!/usr/bin/env python3
"""bench/README.md, "Load time: the 25 MB module". Whole process ./bytelift run --invoke run MODULE 1 (bytes to the
first call's result: run(1) reaches 15 of the 30,000 functions), interleaved rounds, medians of wall and CPU:
eager on 1 and on 2 compile threads (--no-cache), lazy (--no-cache --lazy-compilation), the module cache warm, and the
ahead-of-time jar of `bytelift compile -o`, its classes loaded up front or (--lazy-compilation) when first used. The module is LoadTimeModule's (test-modules test classes).
usage: load-time-huge.py ROUNDS REPO [FUNCTIONS]
BEFORE=DIR adds a mode: the checkout DIR's ./bytelift (built) compiling eagerly as it does by default, e.g. the commit
before parallel compilation (fd0ebd0: one thread, no cache), for issue 16's "1.7x faster than today"."""
import os, shutil, statistics, subprocess, sys, time, resource, tempfile
rounds = int(sys.argv[1]); repo = os.path.abspath(sys.argv[2]); n = int(sys.argv[3]) if len(sys.argv) > 3 else 30000
bl = os.path.join(repo, "bytelift")
tmp = tempfile.mkdtemp(prefix="bytelift-huge-")
wasm = os.path.join(tmp, "load-time.wasm"); jar = os.path.join(tmp, "load-time.jar"); cache = os.path.join(tmp, "cache")
cp = os.path.join(repo, "test-modules/target/test-classes") + ":" + os.path.join(repo, "test-modules/target/classes")
subprocess.run(["java", "-cp", cp, "dev.bytelift.testmodules.huge.LoadTimeModule", str(n), wasm], check=True)
subprocess.run([bl, "compile", wasm, "-o", jar], check=True)
expected = "1042775048"
def timed(args, launcher=bl):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.monotonic()
    p = subprocess.run([launcher, "run"] + args, capture_output=True, text=True)
    t1 = time.monotonic(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.stdout.strip() != expected: raise SystemExit("unexpected: " + " ".join(args) + "\n" + p.stdout + p.stderr)
    return t1 - t0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), r1.ru_maxrss / 1024
modes = [("eager, 1 thread", ["--no-cache", "--compile-threads", "1", "--invoke", "run", wasm, "1"]),
         ("eager, 2 threads", ["--no-cache", "--compile-threads", "2", "--invoke", "run", wasm, "1"]),
         ("lazy", ["--no-cache", "--lazy-compilation", "--invoke", "run", wasm, "1"]),
         ("cache, warm", ["--cache-dir", cache, "--invoke", "run", wasm, "1"]),
         ("AOT jar", ["--invoke", "run", jar, "1"]),
         ("AOT jar, lazy", ["--lazy-compilation", "--invoke", "run", jar, "1"])]
before = os.environ.get("BEFORE")
if before:
    modes.append(("before: " + os.path.basename(os.path.abspath(before)), ["--invoke", "run", wasm, "1"]))
timed(modes[3][1])  # fills the cache
res = [[] for _ in modes]
for r in range(rounds):
    for i, (name, a) in enumerate(modes):
        res[i].append(timed(a, os.path.join(before, "bytelift") if name.startswith("before: ") else bl))
print("%-18s %8s %8s" % ("mode", "wall_s", "cpu_s"))
for (name, _), v in zip(modes, res):
    print("%-18s %8.2f %8.2f" % (name, statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)), flush=True)
shutil.rmtree(tmp, ignore_errors=True)
