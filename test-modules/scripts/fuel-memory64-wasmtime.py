#!/usr/bin/env python3
"""Records what Wasmtime consumes in fuel for the operators of other memories (multi-memory) and
of 64-bit memories and tables (memory64, table64): FuelMemory64Test's expected values, written to
fuel-memory64-wasmtime.txt beside this script. Needs `pip install wasmtime==49.0.0`; CI never runs it.

    python3 test-modules/scripts/fuel-memory64-wasmtime.py
"""
import wasmtime

HERE = __file__.replace("fuel-memory64-wasmtime.py", "")
WAT = open(HERE + "../src/test/resources/fuel/memory64.wat").read()

cfg = wasmtime.Config()
cfg.consume_fuel = True
engine = wasmtime.Engine(cfg)
module = wasmtime.Module(engine, WAT)


def consumed(name, n):
    store = wasmtime.Store(engine)
    store.set_fuel(10**9)
    inst = wasmtime.Instance(store, module, [])
    store.set_fuel(10**9)  # after instantiating
    before = store.get_fuel()
    inst.exports(store)[name](store, n)
    return before - store.get_fuel()


lines = []
for name in ["m0", "m1", "m64", "simd64", "t32", "t64"]:
    lines.append(name + " " + " ".join(str(consumed(name, n)) for n in [0, 1, 2]))
out = "\n".join(lines) + "\n"
print(out, end="")
open(HERE + "fuel-memory64-wasmtime.txt", "w").write(out)
