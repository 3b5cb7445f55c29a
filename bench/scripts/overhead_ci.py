#!/usr/bin/env python3
"""Fuel and epoch overheads with confidence intervals, from a JMH JSON result of ExecutionBench run
with runtime=bytelift,bytelift-fuel,bytelift-epoch (issue 19; bench/README.md, "Fuel metering and
epoch interruption").

    java -jar bench/target/benchmarks.jar ExecutionBench -p runtime=bytelift,bytelift-fuel,bytelift-epoch \
         -f 6 -wi 3 -w 1s -i 4 -r 500ms -rf json -rff /tmp/overhead.json
    python3 bench/scripts/overhead_ci.py /tmp/overhead.json

Each fork's score is the mean of its measured iterations; a kernel's time on a runtime is the mean
over its forks; its overhead is instrumented / plain - 1, the geometric mean's is over the kernels.
The 95 % intervals come from a bootstrap over forks (forks resampled with replacement within each
kernel and runtime, 10,000 times, a fixed seed): forks, not iterations, are the independent
samples (JIT decisions differ between forks, not between iterations).
"""
import json
import math
import random
import sys

PLAIN, FUEL, EPOCH = "bytelift", "bytelift-fuel", "bytelift-epoch"


def load(path):
    forks = {}  # (kernel, runtime) -> [fork means]
    for r in json.load(open(path)):
        p = r.get("params", {})
        raw = r["primaryMetric"]["rawData"]
        forks[(p["kernel"], p["runtime"])] = [sum(f) / len(f) for f in raw if f]
    return forks


def mean(xs):
    return sum(xs) / len(xs)


def overheads(forks, kernels, pick):
    """Per-kernel overhead of fuel and epochs, and their geometric means; pick(list) -> the list used."""
    out = {FUEL: {}, EPOCH: {}}
    for k in kernels:
        plain = mean(pick(forks[(k, PLAIN)]))
        for rt in (FUEL, EPOCH):
            out[rt][k] = mean(pick(forks[(k, rt)])) / plain
    geo = {rt: math.exp(mean([math.log(v) for v in out[rt].values()])) for rt in out}
    return out, geo


def main():
    forks = load(sys.argv[1])
    kernels = sorted({k for k, rt in forks if (k, PLAIN) in forks and (k, FUEL) in forks and (k, EPOCH) in forks})
    point, geo = overheads(forks, kernels, lambda xs: xs)
    rng = random.Random(19)
    samples = {FUEL: [], EPOCH: []}
    per_kernel = {(rt, k): [] for rt in (FUEL, EPOCH) for k in kernels}
    for _ in range(10_000):
        o, g = overheads(forks, kernels, lambda xs: [rng.choice(xs) for _ in xs])
        for rt in (FUEL, EPOCH):
            samples[rt].append(g[rt])
            for k in kernels:
                per_kernel[(rt, k)].append(o[rt][k])

    def ci(xs):
        xs = sorted(xs)
        return xs[int(0.025 * len(xs))], xs[int(0.975 * len(xs)) - 1]

    def pct(r):
        return f"{(r - 1) * 100:+.1f} %".replace("-", "−")

    n = min(len(v) for v in forks.values())
    print(f"{len(kernels)} kernels, {n}+ forks per kernel and runtime; 95 % bootstrap intervals over forks\n")
    print(f"| kernel | {PLAIN} ms | fuel ms | epoch ms | fuel | epoch |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k in kernels:
        cells = [f"{mean(forks[(k, rt)]):.3g}" for rt in (PLAIN, FUEL, EPOCH)]
        ov = []
        for rt in (FUEL, EPOCH):
            lo, hi = ci(per_kernel[(rt, k)])
            ov.append(f"{pct(point[rt][k])} [{pct(lo)}, {pct(hi)}]")
        print(f"| {k} | " + " | ".join(cells + ov) + " |")
    lo_f, hi_f = ci(samples[FUEL])
    lo_e, hi_e = ci(samples[EPOCH])
    print(f"| **geomean** | | | | **{pct(geo[FUEL])}** [{pct(lo_f)}, {pct(hi_f)}] "
          f"| **{pct(geo[EPOCH])}** [{pct(lo_e)}, {pct(hi_e)}] |")
    print()
    print(f"Overhead (geomean): fuel {pct(geo[FUEL])}, epochs {pct(geo[EPOCH])}")


if __name__ == "__main__":
    main()
