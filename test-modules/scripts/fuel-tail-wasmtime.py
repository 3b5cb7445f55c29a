#!/usr/bin/env python3
"""Records what Wasmtime consumes in fuel for tail calls (TailCallFuelTest's expected values), on
src/test/resources/tail/tail.wat. Needs `pip install wasmtime==49.0.0`; CI never runs it.

    python3 test-modules/scripts/fuel-tail-wasmtime.py
"""
import wasmtime

WAT = open(__file__.replace("fuel-tail-wasmtime.py", "../src/test/resources/tail/tail.wat")).read()

cfg = wasmtime.Config()
cfg.consume_fuel = True
cfg.wasm_tail_call = True
cfg.wasm_function_references = True
engine = wasmtime.Engine(cfg)
module = wasmtime.Module(engine, WAT)


def run(name, args, fuel=10**9):
    store = wasmtime.Store(engine)
    ft = wasmtime.FuncType([wasmtime.ValType.i64(), wasmtime.ValType.i64()], [wasmtime.ValType.i64()])
    add = wasmtime.Func(store, ft, lambda a, b: a + b)
    store.set_fuel(10**9)
    inst = wasmtime.Instance(store, module, [add])
    store.set_fuel(fuel)
    before = store.get_fuel()
    try:
        result = inst.exports(store)[name](store, *args)
        outcome = "ok"
    except wasmtime.Trap:
        result, outcome = None, "trap"
    return before - store.get_fuel(), outcome, result


CASES = [("count", [0, 0]), ("count", [1, 0]), ("count", [10, 5]), ("count_plain", [10, 5]),
         ("even", [0]), ("even", [7]), ("odd", [10]), ("even_i", [0]), ("even_i", [9]), ("odd_i", [10]),
         ("even_r", [0]), ("even_r", [9]), ("null_r", [3]),
         ("pair", [0, 1.0, 0]), ("pair", [5, 1.0, 0]), ("to_host", [2, 3]), ("outer", [10]), ("nest", [3, 4])]
for name, args in CASES:
    used, outcome, result = run(name, args)
    print(name, args, "fuel", used, outcome, result)
# the out-of-fuel point: the least fuel with which each call completes (one less traps)
for name, args in [("count", [10, 5]), ("even_i", [9]), ("even_r", [9]), ("pair", [5, 1.0, 0]), ("nest", [3, 4]), ("to_host", [2, 3])]:
    least = next(f for f in range(0, 1000) if run(name, args, f)[1] == "ok")
    print(name, args, "completes with fuel", least, "traps with", least - 1, run(name, args, least - 1)[1])
