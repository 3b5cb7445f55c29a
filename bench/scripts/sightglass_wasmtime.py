#!/usr/bin/env python3
"""Runs one Sightglass benchmark program once with Wasmtime (the `wasmtime` Python package,
49.0.0: `pip install wasmtime==49.0.0`), the counterpart of Bytelift's
dev.bytelift.bench.sightglass.SightglassMain, and prints the same one-line format:

  sightglass engine=wasmtime bench=DIR/NAME compile_s=.. instantiate_s=.. measured_s=.. run_s=.. exit=N stdout=ok|ok-numbers|mismatch|unchecked stderr=..

Default Wasmtime configuration (Cranelift, no cache); with SIGHTGLASS_WASMTIME_CACHE set (a path
to a cache TOML file, or 1 for Wasmtime's default cache configuration and location), Wasmtime's
compiled-code cache, as `wasmtime run` uses by default. The whole-process time (Python start and the
import of wasmtime's shared library included) is measured from outside by sightglass.sh.
Exit status: 0 if the program exited 0 and its outputs matched, 1 otherwise, 2 on bad usage.

  python3 bench/scripts/sightglass_wasmtime.py path/to/NAME.wasm
"""
import os
import re
import sys
import time

import wasmtime


def expected_file(wasm, stream):
    """Upstream's names: NAME.STREAM.expected, else benchmark.* or default.* (one-program folders)."""
    folder = os.path.dirname(wasm)
    name = os.path.basename(wasm)[:-len(".wasm")]
    for prefix in (name, "benchmark", "default"):
        p = os.path.join(folder, f"{prefix}.{stream}.expected")
        if os.path.isfile(p):
            return p
    return None


NUMBER = re.compile(rb"[0-9]+(\.[0-9]+)?")


def verdict(wasm, stream, actual):
    """ok, ok-numbers (equal once every decimal number is masked: programs that print their own
    timing, e.g. hashset's "That took 0.025892 seconds."), mismatch, or unchecked (no file)."""
    p = expected_file(wasm, stream)
    if p is None:
        return "unchecked"
    with open(p, "rb") as f:
        expected = f.read()
    if expected == actual:
        return "ok"
    return "ok-numbers" if NUMBER.sub(b"0", expected) == NUMBER.sub(b"0", actual) else "mismatch"


def main():
    if len(sys.argv) != 2:
        print("usage: sightglass_wasmtime.py path/to/benchmark.wasm", file=sys.stderr)
        return 2
    wasm = os.path.abspath(sys.argv[1])
    folder = os.path.dirname(wasm)
    bench = os.path.basename(folder) + "/" + os.path.basename(wasm)[:-len(".wasm")]
    with open(wasm, "rb") as f:
        data = f.read()

    t0 = time.perf_counter()
    cache = os.environ.get("SIGHTGLASS_WASMTIME_CACHE")
    if cache:
        config = wasmtime.Config()
        config.cache = True if cache == "1" else cache
        engine = wasmtime.Engine(config)
    else:
        engine = wasmtime.Engine()
    module = wasmtime.Module(engine, data)
    t1 = time.perf_counter()

    out, err = bytearray(), bytearray()
    marks = {}
    wasi = wasmtime.WasiConfig()
    wasi.argv = [os.path.basename(wasm)]
    wasi.preopen_dir(folder, ".")
    # captured in memory, as the Bytelift runner does
    wasi.stdout_custom = out.extend
    wasi.stderr_custom = err.extend
    store = wasmtime.Store(engine)
    store.set_wasi(wasi)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    unit = wasmtime.FuncType([], [])
    # upstream's protocol: each called exactly once, around the part worth measuring
    linker.define_func("bench", "start", unit, lambda: marks.__setitem__("start", time.perf_counter()))
    linker.define_func("bench", "end", unit, lambda: marks.__setitem__("end", time.perf_counter()))
    instance = linker.instantiate(store, module)
    t2 = time.perf_counter()
    exit_code = 0
    try:
        instance.exports(store)["_start"](store)
    except wasmtime.ExitTrap as e:
        exit_code = e.code
    t3 = time.perf_counter()

    out, err = bytes(out), bytes(err)
    so, se = verdict(wasm, "stdout", out), verdict(wasm, "stderr", err)
    measured = marks["end"] - marks["start"] if "start" in marks and "end" in marks else float("nan")
    print(f"sightglass engine=wasmtime bench={bench} compile_s={t1 - t0:.6f} instantiate_s={t2 - t1:.6f} "
          f"measured_s={measured:.6f} run_s={t3 - t2:.6f} exit={exit_code} stdout={so} stderr={se}")
    ok = exit_code == 0 and "mismatch" not in (so, se) and measured == measured
    if not ok:
        sys.stderr.write("--- stdout ---\n" + out.decode(errors="replace") + "\n--- stderr ---\n"
                         + err.decode(errors="replace") + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # skip the interpreter's shutdown: with wasmtime 49 it sometimes aborts the process after the
    # work is done ("panic in a function that cannot unwind" in a tokio worker thread)
    os._exit(status)
