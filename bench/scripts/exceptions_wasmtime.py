#!/usr/bin/env python3
"""Times ExceptionBench's module (bench/src/main/resources/bench/exceptions.wat: a throw caught
10 frames up) on Wasmtime through its Python package (`pip install wasmtime==49.0.0`): ns per
throw + catch, median of 15 runs of run(100000) after warm-up, plain and with fuel and epochs.

    python3 bench/scripts/exceptions_wasmtime.py
"""
import os
import statistics
import time

import wasmtime

HERE = os.path.dirname(os.path.abspath(__file__))
WAT = open(os.path.join(HERE, "../src/main/resources/bench/exceptions.wat")).read()
N = 100_000


def measure(fuel_and_epochs):
    cfg = wasmtime.Config()
    cfg.wasm_exceptions = True
    if fuel_and_epochs:
        cfg.consume_fuel = True
        cfg.epoch_interruption = True
    engine = wasmtime.Engine(cfg)
    store = wasmtime.Store(engine)
    if fuel_and_epochs:
        store.set_fuel(2**62)
        store.set_epoch_deadline(2**40)
    run = wasmtime.Instance(store, wasmtime.Module(engine, WAT), []).exports(store)["run"]
    assert run(store, 1000) == 1000 * 999 // 2
    for _ in range(3):
        run(store, N)
    times = []
    for _ in range(15):
        t = time.perf_counter_ns()
        run(store, N)
        times.append((time.perf_counter_ns() - t) / N)
    return statistics.median(times)


print("wasmtime 49.0.0 (Python package)")
print(f"plain:       {measure(False):.0f} ns per throw + catch (10 frames)")
print(f"fuel+epochs: {measure(True):.0f} ns per throw + catch (10 frames)")
