#!/usr/bin/env python3
"""Where warm compiles spend their CPU, by class, for one or two Bytelift jars (issue 14).

Runs KernelCompileAb with one jar per JVM under JFR (1 ms `jdk.ExecutionSample`,
-XX:+DebugNonSafepoints), keeps the samples under KernelCompileAb, and prints each sample's top
frame by class; a JDK class's samples go to the first Bytelift or ASM class below it, as
JDK<that class>. With two jars, the second's shares are scaled by the ratio of the two jars' CPU
per compile in these runs, so that both columns are in units of the first jar's compile
(bench/README.md "Against 3dcfb73 again" shows an example). The sampling is coarse: use the
shares to find where to look and KernelCompileAb's interleaved runs to measure.

  javac -d /tmp/kab bench/src/main/java/dev/bytelift/bench/KernelCompileAb.java
  bench/scripts/compile_profile.py --kab /tmp/kab BASE.jar NEW.jar -- test-modules/.../kernels/branchy.wasm
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
</configuration>
"""


def profile(jar, modules, args, work):
    rec = os.path.join(work, os.path.basename(jar) + ".jfr")
    settings = os.path.join(work, "samples.jfc")
    with open(settings, "w") as f:
        f.write(SETTINGS)
    out = subprocess.run(["java", "-XX:+UseSerialGC", "-Xss16m", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
                          f"-XX:StartFlightRecording:settings={settings},filename={rec}", "-cp", args.kab,
                          "dev.bytelift.bench.KernelCompileAb", "--rounds", str(args.rounds), "--reps", str(args.reps),
                          "--warmup-s", str(args.warmup_s), f"j={jar}", "--"] + modules,
                         capture_output=True, text=True, check=True).stdout
    cpu = float(re.search(r"^all \(sum\)\s+([\d.]+)", out, re.M).group(1))
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "80", rec],
                          capture_output=True, text=True, check=True).stdout
    return cpu, by_class(text)


def by_class(text):
    counts, n = collections.Counter(), 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        m = re.search(r"stackTrace = \[(.*?)\n\s*\]", event, re.S)
        if not m:
            continue
        frames = [re.sub(r"\s+line:.*", "", l.strip()) for l in m.group(1).strip().split("\n") if l.strip() not in ("", "...")]
        if not any("KernelCompileAb" in f for f in frames):
            continue
        n += 1
        owner = lambda f: re.sub(r"\.[^.(]+\(.*", "", f)
        key = owner(frames[0])
        if key.startswith(("java.", "jdk.", "sun.")):
            ours = next((owner(f) for f in frames if f.startswith(("dev.bytelift", "org.objectweb"))), "?")
            key = f"JDK<{ours}>"
        counts[key] += 1
    return {k: v / n for k, v in counts.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kab", required=True, help="class path holding dev.bytelift.bench.KernelCompileAb")
    p.add_argument("--rounds", type=int, default=40)
    p.add_argument("--reps", type=int, default=10)
    p.add_argument("--warmup-s", type=float, default=8)
    p.add_argument("--top", type=int, default=40)
    p.add_argument("jars", nargs="+", help="one or two jars, then -- and the modules")
    argv = sys.argv[1:]
    if "--" not in argv:
        p.error("give the modules after --")
    cut = argv.index("--")
    args = p.parse_args(argv[:cut])
    modules = argv[cut + 1:]
    if len(args.jars) > 2:
        p.error("one or two jars")
    with tempfile.TemporaryDirectory() as work:
        results = [profile(j, modules, args, work) for j in args.jars]
    base_cpu = results[0][0]
    cols = [(shares, cpu / base_cpu) for cpu, shares in results]
    print("% of " + os.path.basename(args.jars[0]) + "'s compile: " +
          "  ".join(f"{os.path.basename(j)} ({cpu:.3f} ms)" for j, (cpu, _) in zip(args.jars, results)))
    keys = sorted({k for shares, _ in cols for k in shares}, key=lambda k: -max(s.get(k, 0) * r for s, r in cols))
    for k in keys[:args.top]:
        print("".join(f"{100 * s.get(k, 0) * r:7.1f}" for s, r in cols) + "  " + k)


if __name__ == "__main__":
    main()
