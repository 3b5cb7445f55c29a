#!/usr/bin/env python3
"""Records Wasmtime 49's fuel for the differential fuel test (test-modules FuelDifferentialTest):
for every export call of (a) the benchmark kernels (run(1), as JMH calls them), (b) the 2.0 spec
suite's modules that instantiate without imports (the .json commands' invocations, in order) and
(c) `wasm-opt -ttf` modules from seeded random bytes and (d) the operand shapes in
src/test/resources/fuel/differential/shapes.wat (every export with zero arguments, after
hangLimitInitializer, as the V8 differential test runs them), the fuel the call consumed, its
out-of-fuel point (the smallest fuel with which it finishes: found by binary search; with one less
it runs out) and its outcome (results or trap code). Needs `pip install wasmtime==49.0.0`,
binaryen (wasm-opt) and ../shared/testsuite; CI never runs it, the test reads the committed output.

    python3 test-modules/scripts/fuel-differential-wasmtime.py [--regenerate-ttf]

Output (gzip, one line per module or call, tab-separated):
    M  KIND/FILE  MODE      MODE "fresh": every call on a new instance (the module holds no
                            state: no memory, table or mutable global); "seq": call i runs after
                            calls 0..i-1 of the module (with plenty of fuel) on a new instance
    C  EXPORT  ARGS  CONSUMED  OUT_OF_FUEL_POINT  OUTCOME
EXPORT is percent-encoded UTF-8; ARGS space-separated TYPE:VALUE (i32/i64 signed decimal, f32/f64
bits in hex, externref:null|N, funcref:null; "-" for none); OUTCOME "ok V..." (results: integers
signed, floats as bits in hex or "nan", references "null" or "ref") or "trap CODE" (Wasmtime's
trap code name). Fuel is set after instantiating (Wasmtime charges some initialisers) and
CONSUMED is what get_fuel says was spent with plenty of fuel; after a trap other than running out
Wasmtime reports only the fuel written back before the trap (see FuelDifferentialTest).
"""
import ctypes
import importlib.metadata
import gzip
import json
import os
import struct
import subprocess
import sys
import tempfile
import urllib.parse

import wasmtime

HERE = os.path.dirname(os.path.abspath(__file__))
TM = os.path.dirname(HERE)
KERNELS = os.path.join(TM, "src/main/resources/dev/bytelift/testmodules/kernels")
TTF = os.path.join(TM, "src/test/resources/fuel/differential/ttf")
SPEC = os.path.normpath(os.path.join(TM, "../../shared/testsuite/json"))
OUT = os.path.join(TM, "src/test/resources/fuel/differential/wasmtime-49.txt.gz")
TTF_SEEDS = range(1001, 1301)  # (gen.sh, the V8 test's, uses 1-150)
PLENTY = 1 << 40
# a store: the stand-in for Node's log-v128 (Python cannot pass a v128 to a host function):
# (module (func (export "log") (param v128))), as FuelDifferentialTest defines it too
LOG_V128 = '(module (func (export "log") (param v128)))'

cfg = wasmtime.Config()
cfg.consume_fuel = True
cfg.wasm_relaxed_simd = False
engine = wasmtime.Engine(cfg)


def f32_bits(x):
    return ctypes.cast(ctypes.pointer(ctypes.c_float(x)), ctypes.POINTER(ctypes.c_uint32)).contents.value


def f64_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def fmt(t, v):
    """A value as the output writes it (t: a wasmtime.ValType)."""
    k = t
    if k == "i32":
        return str(ctypes.c_int32(v).value)
    if k == "i64":
        return str(ctypes.c_int64(v).value)
    if k == "f32":
        return "nan" if v != v else "%08x" % f32_bits(v)
    if k == "f64":
        return "nan" if v != v else "%016x" % f64_bits(v)
    return "null" if v is None else "ref"


class Call:
    def __init__(self, export, args, results):
        self.export = export  # name
        self.args = args  # list of (type, python value, text)
        self.results = results  # the result types' names


KINDS = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x70: "funcref", 0x6F: "externref"}


def export_types(data):
    """Each exported function's (params, results) as type names, read from the binary: the
    Python package's C API cannot describe a v128 (wasm_valtype_kind aborts)."""
    types, funcs, exports = [], [], {}
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = leb(data, pos + 1)
        end = pos + size
        if sid == 1:
            count, q = leb(data, pos)
            for _ in range(count):
                assert data[q] == 0x60
                n, q = leb(data, q + 1)
                params = [KINDS.get(b, "?") for b in data[q:q + n]]
                q += n
                n, q = leb(data, q)
                results = [KINDS.get(b, "?") for b in data[q:q + n]]
                q += n
                types.append((params, results))
        elif sid == 2:
            count, q = leb(data, pos)
            for _ in range(count):
                for _ in range(2):
                    n, q = leb(data, q)
                    q += n
                kind = data[q]
                q += 1
                if kind == 0:
                    t, q = leb(data, q)
                    funcs.append(t)
                elif kind in (1, 2):
                    if kind == 1:
                        q += 1
                    flags = data[q]
                    _, q = leb(data, q + 1)
                    if flags & 1:
                        _, q = leb(data, q)
                elif kind == 3:
                    q += 2
                else:
                    _, q = leb(data, q + 1)  # a tag
        elif sid == 3:
            count, q = leb(data, pos)
            for _ in range(count):
                t, q = leb(data, q)
                funcs.append(t)
        elif sid == 7:
            count, q = leb(data, pos)
            for _ in range(count):
                n, q = leb(data, q)
                name = data[q:q + n].decode("utf-8")
                q += n
                kind = data[q]
                index, q = leb(data, q + 1)
                if kind == 0:
                    exports[name] = types[funcs[index]]
        pos = end
    return exports


def arg_text(t, v):
    if t == "i32":
        return "i32:%d" % ctypes.c_int32(v).value
    if t == "i64":
        return "i64:%d" % ctypes.c_int64(v).value
    if t == "f32":
        return "f32:%08x" % f32_bits(v)  # the bits Wasmtime is given (c_float of the value)
    if t == "f64":
        return "f64:%016x" % f64_bits(v)
    return "%s:%s" % (t, "null" if v is None else v)


def to_val(t, v):
    if t == "i32":
        return wasmtime.Val.i32(ctypes.c_int32(v).value)
    if t == "i64":
        return wasmtime.Val.i64(ctypes.c_int64(v).value)
    if t == "f32":
        return wasmtime.Val.f32(v)
    if t == "f64":
        return wasmtime.Val.f64(v)
    if t == "externref":
        return wasmtime.Val.externref(v)
    return wasmtime.Val.funcref(None)


class Runner:
    """Runs calls of one module on fresh stores."""

    def __init__(self, module, imports_fn):
        self.module = module
        self.imports_fn = imports_fn

    def instance(self):
        store = wasmtime.Store(engine)
        store.set_fuel(PLENTY)
        inst = wasmtime.Instance(store, self.module, self.imports_fn(store))
        return store, inst

    @staticmethod
    def call(store, inst, c, fuel):
        """Runs c with fuel; returns (consumed, outcome)."""
        f = inst.exports(store)[c.export]
        store.set_fuel(fuel)
        try:
            r = f(store, *[to_val(t, v) for t, v, _ in c.args])
            results = c.results
            rs = [] if len(results) == 0 else [r] if len(results) == 1 else list(r)
            outcome = " ".join(["ok"] + [fmt(t, x) for t, x in zip(results, rs)])
        except wasmtime.Trap as e:
            outcome = "trap " + (e.trap_code.name if e.trap_code is not None else "UNKNOWN")
        return fuel - store.get_fuel(), outcome

    def run_at(self, prefix, c, fuel):
        store, inst = self.instance()
        for p in prefix:
            self.call(store, inst, p, PLENTY)
        return self.call(store, inst, c, fuel)


def record(lines, kind_file, module, calls, imports_fn=lambda s: [], stateful=True):
    runner = Runner(module, imports_fn)
    lines.append("M\t%s\t%s" % (kind_file, "seq" if stateful else "fresh"))
    store, inst = runner.instance()
    for i, c in enumerate(calls):
        consumed, outcome = runner.call(store, inst, c, PLENTY)
        prefix = calls[:i] if stateful else []
        if outcome == "trap OUT_OF_FUEL" or outcome == "trap STACK_OVERFLOW":
            raise SystemExit("%s %s: %s with plenty of fuel" % (kind_file, c.export, outcome))
        # smallest fuel that finishes: fuel consumed + 1 does if the call returns (every check
        # compares the fuel spent so far, at most consumed, with the fuel given)
        lo, hi = 0, consumed + 1  # lo runs out, hi finishes
        while runner.run_at(prefix, c, hi)[1] == "trap OUT_OF_FUEL":
            lo, hi = hi, hi * 2  # after a trap Wasmtime may report less than it checked
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if runner.run_at(prefix, c, mid)[1] == "trap OUT_OF_FUEL":
                lo = mid
            else:
                hi = mid
        again = runner.run_at(prefix, c, hi)
        assert again[1] == outcome, (kind_file, c.export, c.args, outcome, again, hi, consumed)
        args = " ".join(a for _, _, a in c.args) or "-"
        lines.append("C\t%s\t%s\t%d\t%d\t%s" % (urllib.parse.quote(c.export, safe=""), args, consumed, hi, outcome))


def stateful_binary(data):
    """Scans the module's sections: memory/table (defined) or a mutable global means state."""
    pos = 8
    while pos < len(data):
        sid = data[pos]
        pos += 1
        size, pos = leb(data, pos)
        body = data[pos:pos + size]
        if sid in (4, 5) and body and body[0] > 0:
            return True
        if sid == 6 and mutable_global(body):
            return True
        pos += size
    return False


def leb(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def mutable_global(body):
    # globals: count, then (valtype, mut, init expr); a reference or v128 type complicates the
    # scan, so anything unusual counts as state
    count, pos = leb(body, 0)
    for _ in range(count):
        t = body[pos]
        if t not in (0x7F, 0x7E, 0x7D, 0x7C, 0x70, 0x6F):
            return True
        if body[pos + 1] != 0:
            return True
        pos += 2
        # skip the constant expression up to its end (0x0B) by decoding its one instruction
        op = body[pos]
        pos += 1
        if op in (0x41, 0x42, 0x23, 0xD2):
            while body[pos] & 0x80:
                pos += 1
            pos += 1
        elif op == 0x43:
            pos += 4
        elif op == 0x44:
            pos += 8
        elif op == 0xD0:
            pos += 1
        else:
            return True
        if body[pos] != 0x0B:
            return True
        pos += 1
    return False


def kernels(lines):
    for name in sorted(os.listdir(KERNELS)):
        if not name.endswith(".wasm"):
            continue
        module = wasmtime.Module.from_file(engine, os.path.join(KERNELS, name))
        record(lines, "kernel/" + name, module, [Call("run", [("i32", 1, "i32:1")], ["i64"])])
        print(lines[-1], file=sys.stderr)


def shapes(lines):
    """Operand shapes for the fuel of bulk and grow operators (constant or not to Cranelift)."""
    text = open(os.path.join(os.path.dirname(TTF), "shapes.wat")).read()
    data = wasmtime.wat2wasm(text)
    module = wasmtime.Module(engine, data)
    calls = []
    for e, (params, results) in export_types(data).items():
        calls.append(Call(e, [(t, 3, arg_text(t, 3)) for t in params], results))
    record(lines, "wat/shapes.wat", module, calls)


def spec_arg(a):
    t, v = a["type"], a.get("value")
    if t == "i32":
        return ("i32", int(v), None)
    if t == "i64":
        return ("i64", int(v), None)
    if t == "f32":
        return ("f32", struct.unpack("<f", struct.pack("<I", int(v)))[0], None)
    if t == "f64":
        return ("f64", struct.unpack("<d", struct.pack("<Q", int(v)))[0], None)
    if t == "externref":
        return ("externref", None if v == "null" else int(v), None)
    if t == "funcref" and v == "null":
        return ("funcref", None, None)
    return None


def spec(lines):
    counts = [0, 0]
    for js in sorted(os.listdir(SPEC)):
        if not js.endswith(".json"):
            continue
        cmds = json.load(open(os.path.join(SPEC, js)))["commands"]
        groups = []  # [file, module, calls]
        named = {}
        current = None
        for c in cmds:
            if c["type"] == "module":
                current = None
                if not c["filename"].endswith(".wasm"):
                    continue
                data = open(os.path.join(SPEC, c["filename"]), "rb").read()
                try:
                    module = wasmtime.Module(engine, data)
                except Exception:
                    continue
                if module.imports:
                    continue
                current = [c["filename"], module, [], stateful_binary(data), export_types(data)]
                groups.append(current)
                if "name" in c:
                    named[c["name"]] = current
            elif c["type"] in ("assert_return", "assert_trap", "action") and c["action"]["type"] == "invoke":
                g = named.get(c["action"]["module"]) if "module" in c["action"] else current
                if g is None:
                    continue
                args = [spec_arg(a) for a in c["action"]["args"]]
                if any(a is None for a in args):
                    continue  # v128 (the Python package has none) and non-null funcref arguments
                args = [(t, v, arg_text(t, to_python(t, v))) for t, v, _ in args]
                params, results = g[4][c["action"]["field"]]
                if "v128" in params + results:
                    continue  # (the Python package has no v128 values)
                g[2].append(Call(c["action"]["field"], args, results))
        for file, module, calls, stateful, _ in groups:
            if not calls:
                continue
            try:
                record(lines, "spec/" + file, module, calls, stateful=stateful)
            except wasmtime.WasmtimeError as e:
                print("skipped", file, e, file=sys.stderr)
                continue
            counts[0] += 1
            counts[1] += len(calls)
        print(js, counts, file=sys.stderr)


def to_python(t, v):
    """The value as Wasmtime receives it (an f32 through a C float)."""
    if t == "f32":
        return ctypes.c_float(v).value
    return v


def xorshift_input(seed):
    """gen.sh's input bytes for a seed (the same generator, so that seeds mean the same)."""
    m = (1 << 64) - 1
    s = (seed * 0x9E3779B97F4A7C15) & m or 1
    n = 1024 + s % 15360
    b = bytearray(n)
    for i in range(n):
        s ^= (s << 13) & m
        s ^= s >> 7
        s ^= (s << 17) & m
        b[i] = s & 0xFF
    return bytes(b)


def regenerate_ttf():
    os.makedirs(TTF, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in TTF_SEEDS:
            inp = os.path.join(tmp, "in.dat")
            open(inp, "wb").write(xorshift_input(seed))
            subprocess.run(["wasm-opt", "-ttf", inp, "-o", os.path.join(TTF, "ttf-%04d.wasm" % seed), "--denan",
                            "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-multivalue",
                            "--enable-bulk-memory", "--enable-simd"], check=True, stderr=subprocess.DEVNULL)


def ttf_imports(module):
    log_v128 = wasmtime.Module(engine, LOG_V128)

    def imports(store):
        out = []
        for imp in module.imports:
            if imp.name == "log-v128":
                out.append(wasmtime.Instance(store, log_v128, []).exports(store)["log"])
            else:
                out.append(wasmtime.Func(store, imp.type, lambda *a: None))
        return out
    return imports


def ttf(lines):
    for name in sorted(os.listdir(TTF)):
        if not name.endswith(".wasm"):
            continue
        data = open(os.path.join(TTF, name), "rb").read()
        module = wasmtime.Module(engine, data)
        calls = []
        exports = export_types(data)  # in export order
        has_reset = "hangLimitInitializer" in exports
        for e, (params, results) in exports.items():
            if e == "hangLimitInitializer" or "v128" in params + results:
                continue
            if has_reset:
                calls.append(Call("hangLimitInitializer", [], []))
            zero = {"i32": 0, "i64": 0, "f32": 0.0, "f64": 0.0, "externref": None, "funcref": None}
            calls.append(Call(e, [(t, zero[t], arg_text(t, zero[t])) for t in params], results))
        try:
            store = wasmtime.Store(engine)
            store.set_fuel(PLENTY)
            wasmtime.Instance(store, module, ttf_imports(module)(store))
        except wasmtime.Trap:
            continue  # (a trapping data segment or start: nothing to call)
        record(lines, "ttf/" + name, module, calls, ttf_imports(module))
    print("ttf done", file=sys.stderr)


def main():
    if "--regenerate-ttf" in sys.argv:
        regenerate_ttf()
    lines = ["# Wasmtime %s fuel, recorded by test-modules/scripts/fuel-differential-wasmtime.py" % importlib.metadata.version("wasmtime")]
    kernels(lines)
    shapes(lines)
    spec(lines)
    ttf(lines)
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode())
    modules = sum(1 for line in lines if line.startswith("M"))
    calls = sum(1 for line in lines if line.startswith("C"))
    print("%d modules, %d calls -> %s" % (modules, calls, OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
