#!/usr/bin/env python3
"""Where a Sightglass program's measured part goes during JIT warm-up (issue 21).

Runs one program (SightglassMain, the launcher's JVM options unless --jvm-opts says otherwise) three
times in fresh JVMs and reports, for the measured part (bench.start..bench.end):

  1. JFR `jdk.ExecutionSample` (1 ms) + `jdk.Compilation`: the share of the main thread's samples
     whose top frame is interpreted / C1-compiled / inlined, the hottest interpreted methods, and
     the compilations that overlap the measured part (C1 busy time, generated vs other);
  2. `-XX:+CITime`: the bytes C1 compiled in the whole run;
  3. `-XX:+PrintInlining`: the bytes C1 inlined into generated methods, by callee (what makes the
     generated code expensive to compile).

JFR and PrintInlining slow the run down: use the shares and sizes, not the times, and the
sightglass.sh runner for timings. docs/performance.md section 20 shows an example.

  bench/scripts/warmup_profile.py --jar cli/target/bytelift-cli.jar bz2
  bench/scripts/warmup_profile.py --jar JAR --jvm-opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -X..." regex
"""
import argparse
import collections
import datetime
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUITE = os.path.join(os.path.dirname(ROOT), "shared", "sightglass", "benchmarks")
RUNNER_SRC = os.path.join(ROOT, "bench/src/main/java/dev/bytelift/bench/sightglass")
RUNNER_CLASS = "dev.bytelift.bench.sightglass.SightglassMain"
LAUNCHER_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,dev.bytelift.generated.*::*,0.1"
JFC = """<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
"""


def epoch_ms(s):
    s = s.replace("Z", "")
    return datetime.datetime.fromisoformat(s[:26]).replace(tzinfo=datetime.timezone.utc).timestamp() * 1000


def duration_ms(d):
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?([\d.]+)S", d)
    return ((float(m.group(1) or 0) * 60 + float(m.group(2) or 0)) * 60 + float(m.group(3))) * 1000 if m else 0.0


def generated(name):
    return name.startswith("dev/bytelift/generated/") or name.startswith("dev.bytelift.generated.")


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", default=os.path.join(ROOT, "cli/target/bytelift-cli.jar"))
    ap.add_argument("--jvm-opts", default=LAUNCHER_OPTS)
    ap.add_argument("--suite", default=SUITE)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("benchmark", help="DIR/NAME or DIR (NAME benchmark), e.g. bz2, shootout/shootout-sieve")
    a = ap.parse_args()
    d, n = a.benchmark.split("/") if "/" in a.benchmark else (a.benchmark, "benchmark")
    cwd = os.path.join(a.suite, d)
    work = tempfile.mkdtemp(prefix="warmup-")
    classes = os.path.join(work, "runner")
    subprocess.run(["javac", "--release", "17", "-nowarn", "-XDstringConcat=inline", "-cp", a.jar, "-d", classes]
                   + [os.path.join(RUNNER_SRC, f) for f in ("SightglassMain.java", "ExpectedOutput.java")], check=True)
    base = ["java"] + shlex.split(a.jvm_opts)
    tail = ["-cp", a.jar + os.pathsep + classes, RUNNER_CLASS, n + ".wasm"]

    # 1. JFR
    jfc, jfr = os.path.join(work, "w.jfc"), os.path.join(work, "w.jfr")
    with open(jfc, "w") as f:
        f.write(JFC)
    out = run(base + ["-Dsightglass.marks=true", f"-XX:StartFlightRecording=settings={jfc},filename={jfr}"] + tail, cwd)
    m = re.search(r"start_epoch_ms=([\d.]+) end_epoch_ms=([\d.]+)", out)
    start, end = float(m.group(1)), float(m.group(2))
    print(f"{a.benchmark}: measured part {end - start:.1f} ms under JFR ({a.jvm_opts})")
    samples = json.loads(run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", jfr], cwd))["recording"]["events"]
    kinds, hot = collections.Counter(), collections.Counter()
    for e in samples:
        t = epoch_ms(e["values"]["startTime"])
        frames = e["values"]["stackTrace"]["frames"] if e["values"]["stackTrace"] else []
        if not (start <= t <= end) or not frames:
            continue
        top = frames[0]
        kinds[top["type"]] += 1
        if top["type"] == "Interpreted":
            hot[top["method"]["type"]["name"].split("/")[-1] + "::" + top["method"]["name"]] += 1
    total = sum(kinds.values()) or 1
    print(f"  samples in the measured part: {sum(kinds.values())}; top frame "
          + ", ".join(f"{k} {100.0 * v / total:.0f} %" for k, v in kinds.most_common()))
    print("  hottest interpreted top frames: " + "; ".join(f"{k} {v}" for k, v in hot.most_common(a.top)))
    comps = json.loads(run(["jfr", "print", "--json", "--events", "jdk.Compilation", jfr], cwd))["recording"]["events"]
    busy = collections.Counter()
    count = collections.Counter()
    first_gen = None
    for e in comps:
        v = e["values"]
        s = epoch_ms(v["startTime"])
        f = s + duration_ms(v["duration"])
        g = "generated" if generated(v["method"]["type"]["name"]) else "other"
        if g == "generated" and (first_gen is None or s < first_gen):
            first_gen = s
        if f > start and s < end:
            busy[g] += min(f, end) - max(s, start)
            count[g] += 1
    print(f"  compilations overlapping it: generated {count['generated']} ({busy['generated']:.0f} ms of compiler "
          f"threads), other {count['other']} ({busy['other']:.0f} ms); first generated method's compile starts at "
          + (f"{first_gen - start:+.0f} ms" if first_gen else "never"))

    # 2. CITime
    out = run(base + ["-XX:+CITime"] + tail, cwd)
    for line in out.splitlines():
        if "Total compiled bytecodes" in line or "nmethod code size" in line or re.match(r"\s+C1 \{", line):
            print("  CITime:" + re.sub(r"\s+", " ", line.strip())[:160])

    # 3. PrintInlining: bytes inlined into generated methods, by callee
    out = run(base + ["-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-XX:+PrintInlining"] + tail, cwd)
    caller, inl, calls, own = None, collections.Counter(), collections.Counter(), 0
    for line in out.splitlines():
        m = re.match(r"\s*\d+\s+\d+\s+[%sbn!]*\s*\d\s+(\S+::\S+) (?:@ \d+ )?\((\d+) bytes\)", line)
        if m:
            caller = m.group(1)
            if generated(caller):
                own += int(m.group(2))
            continue
        m = re.match(r"\s*@ \d+\s+(\S+) \((\d+) bytes\)\s+(.*)", line)
        if m and caller and generated(caller) and re.search(r"\binline\b|force inline|intrinsic", m.group(3)) \
                and "never" not in m.group(3) and "intrinsic" not in m.group(3):
            inl[m.group(1)] += int(m.group(2))
            calls[m.group(1)] += 1
    print(f"  generated methods compiled: {own} bytes of their own bytecode, {sum(inl.values())} bytes inlined into them;"
          " by callee (bytes, sites):")
    for k, v in inl.most_common(a.top):
        print(f"    {v:7d} {calls[k]:5d}  {k}")


if __name__ == "__main__":
    main()
