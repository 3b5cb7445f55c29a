#!/usr/bin/env python3
"""Whole-process benchmark of real WASI programs (Wasmtime's Sightglass suite): Bytelift side by
side with Wasmtime. See bench/README.md, "Real programs, whole process". Started by sightglass.sh.

Every run is a fresh process (`java -cp JAR:RUNNER SightglassMain NAME.wasm`, or
`python3 sightglass_wasmtime.py NAME.wasm`), timed from outside, so the figure is what a user
waits for: process start, compile, instantiate, JIT warm-up, the program, exit. The engines take
turns within each round (and the turn order rotates between rounds) so that noise from other work
on the machine falls on all of them alike; the table shows medians over the rounds.
"""
import argparse
import contextlib
import datetime
import hashlib
import io
import math
import os
import signal
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNNER_SRC = os.path.join(ROOT, "bench/src/main/java/dev/bytelift/bench/sightglass")
RUNNER_CLASS = "dev.bytelift.bench.sightglass.SightglassMain"
WORK = os.path.join(ROOT, "bench/target/sightglass")
# What ./bytelift starts the JVM with (docs/performance.md §10); its class-data-sharing archive is
# made per engine by prepare_cds.
LAUNCHER_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,dev.bytelift.generated.*::*,0.1"
CDS_TRAINING = "quicksort/benchmark"

# Wasmtime's measured part between ~0.01 s and ~2 s (MANIFEST.md's table), C, C++, Rust and Go
# programs. Left out: splay (a Wasm GC program: Bytelift does not implement GC) and programs that
# take over 10 s on Bytelift (libsodium-pwhash_argon2i, -box8, shootout-ed25519, -seqhash ...);
# --all runs everything.
DEFAULT_BENCHMARKS = [
    "bz2/benchmark", "hashset/benchmark", "libsodium/libsodium-box7",
    "libsodium/libsodium-pwhash_scrypt_ll", "quicksort/benchmark", "regex/benchmark",
    "richards/benchmark", "rust-compression/benchmark", "rust-html-rewriter/benchmark",
    "rust-json/benchmark", "shootout/shootout-base64", "shootout/shootout-ctype",
    "shootout/shootout-fib2", "shootout/shootout-keccak", "shootout/shootout-matrix",
    "shootout/shootout-minicsv", "shootout/shootout-random", "shootout/shootout-sieve",
    "shootout/shootout-switch", "sqlite3/sqlite3", "tinygo/tinygo-json",
]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--a", default=os.path.join(ROOT, "cli/target/bytelift-cli.jar"),
                   help="Bytelift jar A (a jar with runtime, compiler and wasi: the CLI's shaded jar)")
    p.add_argument("--a-label", default="bytelift")
    p.add_argument("--a-jvm-opts", default=LAUNCHER_OPTS,
                   help=f"JVM options for A's runs (default: the launcher's, \"{LAUNCHER_OPTS}\")")
    p.add_argument("--b", help="optional Bytelift jar B, e.g. an older build, for B/A ratios "
                   "(default: jar A when --b-jvm-opts is given)")
    p.add_argument("--b-label", default="bytelift-B")
    p.add_argument("--b-jvm-opts", default=None,
                   help="JVM options for B's runs (default: the launcher's); with jar A when --b is not "
                   "given (same jar, two flag sets)")
    p.add_argument("--no-cds", action="store_true",
                   help="no class-data-sharing archive (by default every Bytelift engine runs as "
                   "./bytelift does: from a class-file-upgraded copy of its jar with a CDS archive "
                   "dumped by one untimed training run)")
    p.add_argument("--variant", action="append", default=[], metavar="LABEL=OPTS",
                   help="one more engine: jar A run with these JVM options (repeatable)")
    p.add_argument("--no-wasmtime", action="store_true", help="leave Wasmtime out")
    p.add_argument("--cache", action="store_true",
                   help="warm compiled-code caches: Bytelift engines get -Dsightglass.cache=DIR (a cache "
                   "folder per engine under bench/target/sightglass/), Wasmtime its default cache "
                   "(SIGHTGLASS_WASMTIME_CACHE=1, as `wasmtime run` uses by default); one untimed run "
                   "per program and engine fills them before the rounds")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--benchmarks", help="comma-separated DIR/NAME (or NAME) list; default: a subset")
    p.add_argument("--all", action="store_true", help="every .wasm under the suite folder")
    p.add_argument("--suite", default=os.environ.get("SIGHTGLASS_DIR", "/work/shared/sightglass/benchmarks"))
    p.add_argument("--timeout", type=float, default=300, help="seconds per run")
    p.add_argument("--out", help="raw results file (default bench/target/sightglass/runs-DATE.txt)")
    return p.parse_args()


def all_benchmarks(suite):
    found = []
    for d in sorted(os.listdir(suite)):
        if os.path.isdir(os.path.join(suite, d)):
            found += [f"{d}/{f[:-5]}" for f in sorted(os.listdir(os.path.join(suite, d))) if f.endswith(".wasm")]
    return found


def resolve(names, suite):
    known = all_benchmarks(suite)
    out = []
    for n in names:
        hits = [k for k in known if k == n or k.split("/")[1] == n or k.split("/")[0] == n]
        if not hits:
            sys.exit(f"unknown benchmark {n!r} (known: {', '.join(known)})")
        out += [h for h in hits if h not in out]
    return out


def compile_runner(jar, jvm_opts=""):
    """The runner compiled against this jar, so it runs against that jar's API (e.g. an old build),
    as a command line with these JVM options (shell words) before the class path."""
    jar = os.path.abspath(jar)
    if not os.path.isfile(jar):
        sys.exit(f"no such jar: {jar}")
    # the runner and what it uses only: other tools in that package may need a newer API than the jar's
    sources = [os.path.join(RUNNER_SRC, f) for f in ("SightglassMain.java", "ExpectedOutput.java")]
    # compiled as Bytelift's own classes are (root pom): indy string concatenation would spin
    # method handles in every run, a cost the command line does not have
    javac_opts = ["--release", "17", "-nowarn", "-XDstringConcat=inline"]
    key = hashlib.sha1(" ".join(javac_opts).encode())
    for path in [jar] + sources:
        key.update(path.encode())
        key.update(str(os.stat(path).st_mtime_ns).encode())
    classes = os.path.join(WORK, "runner-" + key.hexdigest()[:12])
    if not os.path.isdir(classes):
        subprocess.run(["javac"] + javac_opts + ["-cp", jar, "-d", classes + ".tmp"] + sources, check=True)
        os.rename(classes + ".tmp", classes)
    return ["java"] + shlex.split(jvm_opts) + ["-cp", jar + os.pathsep + classes, RUNNER_CLASS]


def prepare_cds(cmd, suite, timeout):
    """The engine's command line run the way ./bytelift runs: from a copy of the jar whose Java 5
    class files (ASM, picocli) are rewritten so that CDS can archive them
    (dev.bytelift.cli.build.UpgradeClassFiles, in the CLI jar), with the runner's classes in a jar
    (CDS archives classes from jars only), and a dynamic archive of the classes one untimed run of
    CDS_TRAINING loaded, mapped by every measured run. A jar without UpgradeClassFiles (an old
    build) uses its jar as it is; the command is returned unchanged if anything fails."""
    cp_at = cmd.index("-cp")
    jar, classes = cmd[cp_at + 1].split(os.pathsep)
    opts = cmd[1:cp_at]
    if any("Archive" in o or "Xshare" in o for o in opts):
        return cmd
    key = hashlib.sha1(("|".join([jar, str(os.stat(jar).st_mtime_ns), classes] + opts)).encode()).hexdigest()[:12]
    d = os.path.join(WORK, "cds-" + key)
    archive = os.path.join(d, "app.jsa")
    copy, runner_jar = os.path.join(d, "bytelift.jar"), os.path.join(d, "runner.jar")
    quiet = ["-Xlog:cds*=off"]
    if not os.path.isfile(archive):
        os.makedirs(d, exist_ok=True)
        up = subprocess.run(["java", "-cp", jar, "dev.bytelift.cli.build.UpgradeClassFiles", jar, copy],
                            capture_output=True, text=True)
        if up.returncode != 0 or not os.path.isfile(copy):
            shutil.copyfile(jar, copy)
        subprocess.run(["jar", "cf", runner_jar, "-C", classes, "."], check=True)
        training = os.path.join(suite, CDS_TRAINING + ".wasm")
        tmp = archive + ".tmp"
        dump = ["java"] + opts + [f"-XX:ArchiveClassesAtExit={tmp}"] + quiet + [
            "-cp", copy + os.pathsep + runner_jar, RUNNER_CLASS, training]
        r = subprocess.run(dump, capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0 or not os.path.isfile(tmp):
            print(f"CDS archive not made for {jar} ({r.returncode}): {r.stderr.strip()[-300:]}", file=sys.stderr)
            return cmd
        os.rename(tmp, archive)
    return ["java"] + opts + [f"-XX:SharedArchiveFile={archive}", "-Xshare:auto"] + quiet + [
        "-cp", copy + os.pathsep + runner_jar, RUNNER_CLASS]


def check_wasmtime():
    r = subprocess.run([sys.executable, "-c", "import wasmtime; print(wasmtime.__version__ if hasattr(wasmtime, '__version__') else '?')"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("the Python package wasmtime is missing: pip install wasmtime==49.0.0 (or pass --no-wasmtime)")


def run_once(cmd, wasm, timeout, env=None):
    """Whole-process wall seconds, the runner's key=value fields (with cpu_s, the process's user +
    system CPU seconds, JIT threads included, and rss_mb, its peak resident set size), and an
    error text or None. os.wait4 gives this child's own resource usage."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd + [wasm], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, **env) if env else None)
    streams = {}
    readers = [threading.Thread(target=lambda n=n, f=f: streams.__setitem__(n, f.read()))
               for n, f in (("out", p.stdout), ("err", p.stderr))]
    for t in readers:
        t.start()
    timer = threading.Timer(timeout, p.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(p.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - t0
    for t in readers:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode == -signal.SIGKILL and wall >= timeout:
        return wall, {}, f"timeout after {timeout:.0f} s"
    stdout, stderr = streams.get("out", ""), streams.get("err", "")
    fields = {}
    for line in stdout.splitlines():
        if line.startswith("sightglass "):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:])
    if fields:
        fields["cpu_s"] = f"{usage.ru_utime + usage.ru_stime:.4f}"
        fields["rss_mb"] = f"{usage.ru_maxrss / 1024:.1f}"   # Linux: kilobytes
    error = None
    if p.returncode != 0 or not fields:
        tail = [l for l in stderr.strip().splitlines() if l.strip()][:6]
        error = f"exit status {p.returncode}; {stdout.strip()[-300:]} {' | '.join(tail)[:600]}"
    return wall, fields, error


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def fmt(x, digits=2):
    return "—" if x is None or x != x else f"{x:.{digits}f}"


def main():
    args = parse_args()
    benches = all_benchmarks(args.suite) if args.all else resolve(
        args.benchmarks.split(",") if args.benchmarks else DEFAULT_BENCHMARKS, args.suite)
    os.makedirs(WORK, exist_ok=True)
    engines = [(args.a_label, compile_runner(args.a, args.a_jvm_opts))]
    if args.b or args.b_jvm_opts is not None:
        args.b = args.b or args.a
        engines.append((args.b_label, compile_runner(args.b, LAUNCHER_OPTS if args.b_jvm_opts is None else args.b_jvm_opts)))
    for v in args.variant:
        label, sep, opts = v.partition("=")
        if not sep or not label:
            sys.exit(f"--variant wants LABEL=OPTS, got {v!r}")
        engines.append((label, compile_runner(args.a, opts)))
    if not args.no_cds:
        engines = [(label, prepare_cds(cmd, args.suite, args.timeout)) for label, cmd in engines]
    if args.cache:
        engines = [(label, cmd[:1] + [f"-Dsightglass.cache={os.path.join(WORK, 'cache-' + label)}"] + cmd[1:])
                   for label, cmd in engines]
    envs = {}
    if not args.no_wasmtime:
        check_wasmtime()
        engines.append(("wasmtime", [sys.executable, os.path.join(HERE, "sightglass_wasmtime.py")]))
        if args.cache:
            envs["wasmtime"] = {"SIGHTGLASS_WASMTIME_CACHE": "1"}
    out_path = args.out or os.path.join(WORK, "runs-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + ".txt")
    labels = [e[0] for e in engines]

    walls = {(b, e): [] for b in benches for e in labels}
    fields = {(b, e): [] for b in benches for e in labels}
    errors = {}
    with open(out_path, "w") as log:
        log.write("# " + " ".join(shlex.quote(a) for a in sys.argv) + "\n")
        for label, cmd in engines:
            log.write(f"# engine {label}: {' '.join(shlex.quote(c) for c in cmd)}\n")
        if args.cache:   # fill the caches: one untimed run of each program per engine
            for bench in benches:
                for label, cmd in engines:
                    _, _, err = run_once(cmd, os.path.join(args.suite, bench + ".wasm"), args.timeout, envs.get(label))
                    log.write(f"# cache warm-up {label} {bench}" + (f" error={err!r}" if err else "") + "\n")
        for rnd in range(args.rounds):
            for i, bench in enumerate(benches):
                wasm = os.path.join(args.suite, bench + ".wasm")
                k = (rnd + i) % len(engines)
                for label, cmd in engines[k:] + engines[:k]:   # rotate who goes first
                    wall, f, err = run_once(cmd, wasm, args.timeout, envs.get(label))
                    log.write(f"round={rnd + 1} engine={label} bench={bench} wall_s={wall:.4f} "
                              + " ".join(f"{a}={v}" for a, v in f.items() if a not in ("engine", "bench"))
                              + (f" error={err!r}" if err else "") + "\n")
                    log.flush()
                    if err:
                        errors.setdefault((bench, label), err)
                    else:
                        walls[(bench, label)].append(wall)
                        fields[(bench, label)].append(f)
                    print(f"[round {rnd + 1}/{args.rounds}] {bench:38s} {label:12s} {wall:7.2f} s"
                          + (f"  FAILED: {err}" if err else ""), file=sys.stderr, flush=True)

    table = io.StringIO()
    with contextlib.redirect_stdout(table):
        report(benches, labels, walls, fields, errors, args)
    table_path = out_path.replace("runs-", "table-") if "runs-" in out_path else out_path + ".table"
    with open(table_path, "w") as f:
        f.write(table.getvalue())
    print(table.getvalue())
    print(f"raw runs: {out_path}\ntable: {table_path}")
    return 1 if errors else 0


def report(benches, labels, walls, fields, errors, args):
    def med(b, e):
        return statistics.median(walls[(b, e)]) if walls[(b, e)] else None

    def med_field(b, e, name):
        xs = [float(f[name]) for f in fields[(b, e)] if name in f]
        return statistics.median(xs) if xs else None

    a = labels[0]
    bl = args.b_label if args.b else None
    wt = "wasmtime" if "wasmtime" in labels else None
    ratios = []   # (header, numerator, denominator)
    if wt:
        ratios.append((f"{a} / wasmtime", a, wt))
        if bl:
            ratios.append((f"{bl} / wasmtime", bl, wt))
    if bl:
        ratios.append((f"{a} / {bl}", a, bl))
    for v in args.variant:   # variants are jar A with other options: compared with A
        label = v.partition("=")[0]
        ratios.append((f"{label} / {a}", label, a))

    print(f"\nWhole-process wall time, median of {args.rounds} runs (seconds; JVM/Python start included)\n")
    head = ["benchmark"] + labels + [r[0] for r in ratios]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" + "---:|" * (len(head) - 1))
    cols = {r[0]: [] for r in ratios}
    for b in benches:
        cells = [b] + [fmt(med(b, e)) if med(b, e) is not None else "FAIL" for e in labels]
        for h, n, d in ratios:
            x, y = med(b, n), med(b, d)
            if x and y:
                cells.append(fmt(x / y))
                cols[h].append(x / y)
            else:
                cells.append("—")
        print("| " + " | ".join(cells) + " |")
    complete = [b for b in benches if all(med(b, e) for e in labels)]
    cells = [f"**geomean** ({len(complete)} of {len(benches)})"]
    cells += [fmt(geomean([med(b, e) for b in complete])) for e in labels]
    cells += [fmt(geomean([med(b, n) / med(b, d) for b in complete])) for _, n, d in ratios]
    print("| " + " | ".join(cells) + " |")

    print("\nInside the process, medians (seconds): compile / instantiate / measured part (bench.start..end)\n")
    print("| benchmark | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for b in benches:
        cells = [b]
        for e in labels:
            if not fields[(b, e)]:
                cells.append("FAIL")
            else:
                cells.append(" / ".join(fmt(med_field(b, e, n), 3) for n in ("compile_s", "instantiate_s", "measured_s")))
        print("| " + " | ".join(cells) + " |")

    print("\nCPU time of the whole process (user + system, all threads: JIT and GC included), medians (seconds)\n")
    print("| benchmark | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for b in benches:
        print("| " + " | ".join([b] + [fmt(med_field(b, e, "cpu_s")) if fields[(b, e)] else "FAIL" for e in labels]) + " |")
    cells = ["**geomean**"]
    for e in labels:
        xs = [med_field(b, e, "cpu_s") for b in complete]
        cells.append(fmt(geomean(xs)) if all(xs) else "—")
    print("| " + " | ".join(cells) + " |")

    print("\nPeak resident set size of the whole process, medians (MB)\n")
    print("| benchmark | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for b in benches:
        print("| " + " | ".join([b] + [fmt(med_field(b, e, "rss_mb"), 0) if fields[(b, e)] else "FAIL" for e in labels]) + " |")
    cells = ["**geomean**"]
    for e in labels:
        xs = [med_field(b, e, "rss_mb") for b in complete]
        cells.append(fmt(geomean(xs), 0) if all(xs) else "—")
    print("| " + " | ".join(cells) + " |")

    if errors:
        print("\nFailures (first error per benchmark and engine):")
        for (b, e), err in errors.items():
            print(f"- {b} on {e}: {err}")


if __name__ == "__main__":
    sys.exit(main())
