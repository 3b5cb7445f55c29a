#!/usr/bin/env python3
"""Records what Wasmtime consumes in fuel for typed function references (call_ref, br_on_null,
br_on_non_null, ref.as_non_null: FuelRefsTest's expected values), and where a guest runs out.
Each operator costs 1. Wasmtime 49 loses the callee's fuel in call_ref ("calls" costs 12 per
iteration, "calls_direct", the same loop with call and a drop in place of the call_ref, 16):
Bytelift charges a call_ref like a call (the callee's fuel counts), so FuelRefsTest expects the
numbers of "calls_direct" for "calls".
Needs `pip install wasmtime==49.0.0`; CI never runs it. Output: fuel-refs-wasmtime.txt.

    python3 test-modules/scripts/fuel-refs-wasmtime.py > test-modules/scripts/fuel-refs-wasmtime.txt
"""
import wasmtime

WAT = open(__file__.replace("fuel-refs-wasmtime.py", "../src/test/resources/fuel/refs.wat")).read()

cfg = wasmtime.Config()
cfg.consume_fuel = True
cfg.wasm_function_references = True
engine = wasmtime.Engine(cfg)
module = wasmtime.Module(engine, WAT)


def run(name, args, fuel=10**9):
    store = wasmtime.Store(engine)
    store.set_fuel(10**9)
    inst = wasmtime.Instance(store, module, [])
    store.set_fuel(fuel)
    before = store.get_fuel()
    try:
        r = inst.exports(store)[name](store, *args)
        outcome = "ok %s" % r
    except wasmtime.Trap as e:
        outcome = "trap %s" % e.trap_code
    return before - store.get_fuel(), outcome


for name, args in [("calls", [0]), ("calls", [1]), ("calls", [10]), ("calls_direct", [0]), ("calls_direct", [1]),
                   ("calls_direct", [10]), ("branches", [0]), ("branches", [1]),
                   ("as_non_null", [1]), ("as_non_null", [0]), ("call_null", [])]:
    used, outcome = run(name, args)
    print(name, args, "fuel", used, outcome)
# where calls_direct(10) runs out (Wasmtime checks at function entries and loop headers)
full = run("calls_direct", [10])[0]
for fuel in range(full - 6, full + 1):
    used, outcome = run("calls_direct", [10], fuel)
    print("calls_direct [10] with fuel", fuel, outcome.split(" ")[0])
