#!/usr/bin/env python3
"""Compile time with and without parallel compilation, in fresh JVMs taking turns.

Each engine is LABEL=JAR:THREADS (THREADS '-' for a jar without EngineConfig.compileThreads).
Every round runs, per engine (the first turn rotating between rounds), one fresh JVM per module
that compiles it REPEATS times (dev.bytelift.bench.CompileTimeProbe, compiled here with javac
against each jar). Prints per module and engine the medians over rounds of the first compile
(a fresh JVM: what `bytelift run` pays) and of the median of the last half of the repeats (the
compiler JIT-compiled), wall and process CPU, plus the minimum first-compile wall (the least
disturbed by others' load on a shared machine).

  bench/scripts/compile_threads.py --engine main=/work/main/cli/target/bytelift-cli.jar:- \
      --engine t1=cli/target/bytelift-cli.jar:1 --engine t2=cli/target/bytelift-cli.jar:2 \
      --rounds 5 --repeats 10 --jvm-opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" FILE.wasm...
"""
import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "..", "src", "main", "java", "dev", "bytelift", "bench", "CompileTimeProbe.java")
LINE = re.compile(r"compile file=(\S+) threads=\S+ rep=(\d+) wall_ms=([\d.]+) cpu_ms=([\d.]+) caller_cpu_ms=([\d.]+)(?: helper_cpu_ms=([\d.]+))?")


def name(f):
    """sqlite3.wasm; benchmark.wasm is named after its folder (bz2/benchmark.wasm: bz2)."""
    base = os.path.basename(f)
    return os.path.basename(os.path.dirname(os.path.abspath(f))) if base == "benchmark.wasm" else base[:-5]


def build(jar, out):
    os.makedirs(out, exist_ok=True)
    subprocess.run(["javac", "-nowarn", "-cp", jar, "-d", out, PROBE], check=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", action="append", required=True, help="LABEL=JAR:THREADS")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--jvm-opts", default="")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    engines = []
    tmp = tempfile.mkdtemp(prefix="compile-threads-")
    for i, e in enumerate(a.engine):
        label, rest = e.split("=", 1)
        jar, threads = rest.rsplit(":", 1)
        engines.append((label, os.path.abspath(jar), threads, build(os.path.abspath(jar), os.path.join(tmp, str(i)))))
    # results[file][label] = list of (first_wall, first_cpu, warm_wall, warm_cpu)
    results = {}
    for r in range(a.rounds):
        turn = engines[r % len(engines):] + engines[:r % len(engines)]
        for f in a.files:
            for label, jar, threads, classes in turn:
                cmd = ["java"] + shlex.split(a.jvm_opts) + ["-cp", jar + os.pathsep + classes,
                                                           "dev.bytelift.bench.CompileTimeProbe", threads, str(a.repeats), f]
                out = subprocess.run(cmd, capture_output=True, text=True)
                reps = [m.groups() for m in map(LINE.match, out.stdout.splitlines()) if m]
                if out.returncode != 0 or len(reps) != a.repeats:
                    print(f"FAIL {label} {f}: {out.stderr[-500:]}", file=sys.stderr)
                    continue
                cols = [[float(x[k] or 0) for x in reps] for k in (2, 3, 4, 5)]  # wall, cpu, caller, helper
                half = a.repeats // 2
                first = [c[0] for c in cols]
                warm = [statistics.median(c[half:]) if a.repeats > 1 else float("nan") for c in cols]
                results.setdefault(name(f), {}).setdefault(label, []).append((first, warm))
        print(f"round {r + 1}/{a.rounds} done", file=sys.stderr)
    labels = [e[0] for e in engines]
    print(f"JVM options: {a.jvm_opts or '(defaults)'}; {a.rounds} rounds, {a.repeats} compiles per JVM; ms, medians over rounds")
    print("path = max(caller CPU, helpers' CPU): the wall time on free cores if JIT and GC threads took none")
    print("work = caller CPU + helpers' CPU: the compilation's own work, however it was shared out")
    print("| module | engine | first wall | first wall min | first CPU | first work | first path"
          " | warm wall | warm wall min | warm CPU | warm work | warm path |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f, per in results.items():
        for label in labels:
            rows = per.get(label, [])
            if not rows:
                continue
            med = lambda w, k: statistics.median(x[w][k] for x in rows)
            path = lambda w: statistics.median(max(x[w][2], x[w][3]) for x in rows)
            work = lambda w: statistics.median(x[w][2] + x[w][3] for x in rows)
            print(f"| {f} | {label} | {med(0, 0):.0f} | {min(x[0][0] for x in rows):.0f} | {med(0, 1):.0f} | {work(0):.0f}"
                  f" | {path(0):.0f} | {med(1, 0):.0f} | {min(x[1][0] for x in rows):.0f} | {med(1, 1):.0f} | {work(1):.0f}"
                  f" | {path(1):.0f} |")


if __name__ == "__main__":
    main()
