#!/usr/bin/env python3
"""Times TailCallBench's module on Wasmtime (the `wasmtime` Python package, 49.0.0): each export
making 10^7 tail calls, median of N runs after warm-up (the call from Python costs microseconds,
nothing next to the milliseconds measured). bench/README.md, "Tail calls", records the output.

    python3 bench/scripts/tailcall_wasmtime.py [runs]
"""
import statistics
import sys
import time

import wasmtime

WAT = __file__.replace("scripts/tailcall_wasmtime.py", "src/main/resources/dev/bytelift/bench/tailcall/tailcall.wat")
N = 10_000_000
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15

cfg = wasmtime.Config()
cfg.wasm_tail_call = True
engine = wasmtime.Engine(cfg)
module = wasmtime.Module(engine, open(WAT).read())
store = wasmtime.Store(engine)
exports = wasmtime.Instance(store, module, []).exports(store)
cases = [("even", (N,), 1), ("count", (N, 0), 3 * N), ("machine", (N,), None)]
print(f"wasmtime {wasmtime.__version__ if hasattr(wasmtime, '__version__') else ''}: {N:,} tail calls per call, median of {runs} runs")
for name, args, expected in cases:
    f = exports[name]
    for _ in range(3):
        result = f(store, *args)
    if expected is not None and result != expected:
        raise SystemExit(f"{name}: got {result}, expected {expected}")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f(store, *args)
        times.append(time.perf_counter() - t0)
    print(f"{name:8s} {statistics.median(times) * 1000:8.2f} ms/op  (result {result})")
