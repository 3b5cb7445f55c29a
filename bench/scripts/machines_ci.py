#!/usr/bin/env python3
"""Issue 17's two ratios with confidence intervals, from a JMH JSON result of ChicoryMachinesBench
run with runtime=bytelift-chicory,chicory-compiler,bytelift (bench/README.md, "Chicory's API, three
machines"):

    java -jar bench/target/benchmarks.jar ChicoryMachinesBench -p runtime=bytelift-chicory,chicory-compiler,bytelift \
         -wi 3 -w 1s -i 3 -r 1s -f 3 -rf json -rff /tmp/machines.json
    python3 bench/scripts/machines_ci.py /tmp/machines.json

A fork's score is the median of its measured iterations, a kernel's time on a runtime the median
of its forks; the ratios are Chicory's compiler / Bytelift's machine (target at least 2.5x) and
the machine / Bytelift's own API (target at most 1.10), geometric means over the kernels. The 95 %
intervals come from a bootstrap over forks (resampled with replacement within each kernel and
runtime, 10,000 times, a fixed seed).
"""
import json
import math
import random
import statistics
import sys

MACHINE, COMPILER, API = "bytelift-chicory", "chicory-compiler", "bytelift"


def load(path):
    forks = {}  # (kernel, runtime) -> [fork medians]
    for r in json.load(open(path)):
        p = r["params"]
        forks[(p["kernel"], p["runtime"])] = [statistics.median(f) for f in r["primaryMetric"]["rawData"] if f]
    return forks


def ratios(forks, kernels, pick):
    t = {(k, rt): statistics.median(pick(forks[(k, rt)])) for k in kernels for rt in (MACHINE, COMPILER, API)}
    speedup = {k: t[(k, COMPILER)] / t[(k, MACHINE)] for k in kernels}
    vs_api = {k: t[(k, MACHINE)] / t[(k, API)] for k in kernels}

    def geo(d):
        return math.exp(statistics.mean(math.log(v) for v in d.values()))

    return t, speedup, vs_api, geo(speedup), geo(vs_api)


def main():
    forks = load(sys.argv[1])
    kernels = sorted({k for k, _ in forks if all((k, rt) in forks for rt in (MACHINE, COMPILER, API))})
    t, speedup, vs_api, g_speedup, g_api = ratios(forks, kernels, lambda xs: xs)
    rng = random.Random(17)
    samples = ([], [])
    for _ in range(10_000):
        r = ratios(forks, kernels, lambda xs: [rng.choice(xs) for _ in xs])
        samples[0].append(r[3])
        samples[1].append(r[4])

    def ci(xs):
        xs = sorted(xs)
        return xs[int(0.025 * len(xs))], xs[int(0.975 * len(xs)) - 1]

    print("| kernel | Bytelift machine | Chicory compiler | Bytelift API | compiler / machine | machine / API |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k in kernels:
        print(f"| {k} | {t[(k, MACHINE)]:.2f} | {t[(k, COMPILER)]:.2f} | {t[(k, API)]:.2f} | "
              f"{speedup[k]:.2f}x | {vs_api[k]:.2f} |")
    lo, hi = ci(samples[0])
    lo2, hi2 = ci(samples[1])
    print(f"| **geomean** | | | | **{g_speedup:.2f}x** [{lo:.2f}, {hi:.2f}] | **{g_api:.2f}** [{lo2:.2f}, {hi2:.2f}] |")


if __name__ == "__main__":
    main()
