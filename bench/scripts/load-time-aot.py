#!/usr/bin/env python3
"""bench/README.md, "Load time: ahead-of-time jars". Whole process, bytes to ready-to-instantiate, interleaved rounds, medians
(wall and CPU of the process): ./bytelift run of the .wasm with --no-cache (eager compile), of the .cwasm that
`bytelift compile` wrote (deserialise), of the .jar that `bytelift compile -o` wrote (ahead of time); the CLI runs stop at
the missing bench.start import, as load-time-cli.py's. Then `runtime-only`: a JVM with only the runtime and WASI jars
(plus AotReady.java) that loads the jar and instantiates it with stub bench imports (launcher's JVM options, no CDS),
and `runtime-only+cds`: the same with a dynamic CDS archive of a first run (-XX:ArchiveClassesAtExit).
usage: load-time-aot.py ROUNDS REPO wasm..."""
import os, shutil, statistics, subprocess, sys, time, resource, tempfile
rounds = int(sys.argv[1]); repo = os.path.abspath(sys.argv[2]); mods = sys.argv[3:]
bl = os.path.join(repo, "bytelift")
tmp = tempfile.mkdtemp(prefix="bytelift-aot-load-")
jars = [os.path.join(repo, "runtime/target/bytelift-runtime-0.1.0-SNAPSHOT.jar"), os.path.join(repo, "wasi/target/bytelift-wasi-0.1.0-SNAPSHOT.jar")]
subprocess.run(["javac", "--release", "17", "-cp", ":".join(jars), "-d", tmp, os.path.join(repo, "bench/scripts/aot/AotReady.java")], check=True)
# a jar: CDS takes no directory on the class path
subprocess.run(["jar", "cf", os.path.join(tmp, "aotready.jar"), "-C", tmp, "AotReady.class"], check=True)
opts = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"]
def timed(cmd, check):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    t1 = time.monotonic(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check not in p.stderr + p.stdout: raise SystemExit("unexpected: " + " ".join(cmd) + "\n" + p.stdout + p.stderr)
    return t1 - t0, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
modes = ["wasm --no-cache", "cwasm", "jar", "runtime-only", "runtime-only+cds"]
print("%-18s" % "module" + "".join("%20s" % m for m in modes))
print("%-18s" % "" + "".join("%20s" % "wall / CPU s" for m in modes))
for wasm in mods:
    name = os.path.basename(os.path.dirname(wasm))
    cwasm = os.path.join(tmp, name + ".cwasm"); jar = os.path.join(tmp, name + ".jar"); jsa = os.path.join(tmp, name + ".jsa")
    subprocess.run([bl, "compile", wasm, "-o", cwasm], check=True)
    subprocess.run([bl, "compile", wasm, "-o", jar], check=True)
    ready = ["java"] + opts + ["-cp", ":".join(jars + [os.path.join(tmp, "aotready.jar")]), "AotReady", jar]
    subprocess.run(["java", "-XX:ArchiveClassesAtExit=" + jsa] + ready[1:], check=True, capture_output=True)
    cmds = [([bl, "run", "--no-cache", wasm], "bench.start"), ([bl, "run", cwasm], "bench.start"), ([bl, "run", jar], "bench.start"),
            (ready, "ready"), (["java", "-XX:SharedArchiveFile=" + jsa] + ready[1:], "ready")]
    res = [[] for _ in cmds]
    for r in range(rounds):
        for i, (c, check) in enumerate(cmds): res[i].append(timed(c, check))
    print("%-18s" % name + "".join("%20s" % ("%5.2f / %5.2f" % (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v))) for v in res), flush=True)
shutil.rmtree(tmp, ignore_errors=True)
