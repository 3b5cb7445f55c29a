#!/usr/bin/env python3
"""Records what Wasmtime consumes in fuel for bulk memory and table operators (FuelBulkTest's
expected values). Needs `pip install wasmtime==49.0.0`; CI never runs it.

    python3 test-modules/scripts/fuel-bulk-wasmtime.py
"""
import wasmtime

WAT = open(__file__.replace("fuel-bulk-wasmtime.py", "../src/test/resources/fuel/bulk.wat")).read()

cfg = wasmtime.Config()
cfg.consume_fuel = True
engine = wasmtime.Engine(cfg)
module = wasmtime.Module(engine, WAT)


def consumed(name, n, fuel=10**9):
    store = wasmtime.Store(engine)
    store.set_fuel(10**9)
    inst = wasmtime.Instance(store, module, [])
    store.set_fuel(fuel)  # after instantiating: Wasmtime charges a little for some initialisers
    before = store.get_fuel()
    try:
        inst.exports(store)[name](store, n)
        outcome = "ok"
    except wasmtime.Trap as e:
        outcome = "trap"
    mem = inst.exports(store)["mem"]
    return before - store.get_fuel(), outcome, mem.read(store, 0, 1)[0], mem.read(store, 5000, 5001)[0]


for name, ns in [("fill", [0, 1, 40, 1000]), ("copy", [0, 1, 40, 1000]), ("init", [0, 1, 16, 32]),
                 ("tfill", [0, 1, 5]), ("tcopy", [0, 1, 4]), ("tinit", [0, 1, 4])]:
    print(name, [consumed(name, n)[0] for n in ns])
for fuel in [1004, 1005, 1006, 1007]:
    used, outcome, first, marker = consumed("fill", 1000, fuel)
    print("fill(1000) with fuel", fuel, outcome, "mem[0] =", first, "mem[5000] =", marker)
