#!/usr/bin/env python3
"""Wide labels and deep operand stacks, checked against Wasmtime (issue 20).

Writes test-modules/src/test/resources/widelabels/: modules (gzipped .wasm) whose branches carry
hundreds to thousands of values (br, br_if, br_table, return, loop and if parameters, block
results), over values kept under them, through calls with hundreds of results, and the results
Wasmtime computes for their exports (expected.txt.gz); WideLabelsTest runs them in Bytelift's engine
configurations and compares. CI needs neither Python nor Wasmtime: both outputs are committed.

    python3 test-modules/src/widelabels/gen.py      # needs the Python package wasmtime (49.0.0 used)
    python3 test-modules/src/widelabels/gen.py --out DIR --seeds 100-199   # a larger run, not committed:
    mvn ... -Dtest=WideLabelsTest -Dbytelift.widelabels.dir=DIR

Deterministic: a fixed seed per module. Every module is valid and no export traps.
"""
import gzip, os, random, sys
import wasmtime

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'resources', 'widelabels')
TYPES = ['i32', 'i64', 'f64']
ARGS = [(0, 7), (1, -3), (2, 123456789), (3, 0), (5, -1), (17, 1 << 40), (1000, 42)]


class Fn:
    """One function's code, built as text lines."""

    def __init__(self, r, helpers):
        self.r = r
        self.out = []
        self.loops = 0
        self.helpers = helpers  # (name, result types) of helper functions callable from values()

    def emit(self, s):
        self.out.append(s)

    def const(self, t):
        # from a small pool per type, so that the modules compress well (they are committed)
        r = random.Random(self.r.randrange(64))
        if t == 'i32': return 'i32.const %d' % r.randint(-2**31, 2**31 - 1)
        if t == 'i64': return 'i64.const %d' % r.randint(-2**63, 2**63 - 1)
        return 'f64.const %d.5' % r.randint(-10**6, 10**6)

    def value(self, t):
        r = self.r.random()
        if r < 0.6: return self.const(t)
        if t == 'i32': return 'local.get $k i32.const %d i32.add' % self.r.randint(0, 1000)
        if t == 'i64': return 'local.get $x i64.const %d i64.xor' % self.r.randint(0, 1000)
        return 'local.get $x f64.convert_i64_s'

    def values(self, types, depth):
        """Code leaving exactly `types` on the stack."""
        r = self.r
        if not types: return
        if len(types) > 999:  # a block type or a function type is at most 1,000 values wide there
            for i in range(0, len(types), 999): self.values(types[i:i + 999], depth)
            return
        if depth < 3 and r.random() < 0.3:
            return self.construct(types, depth + 1)
        if self.helpers and r.random() < 0.3:
            # a call whose results are a prefix (or all) of types
            name, res = r.choice(self.helpers)
            if len(res) <= len(types) and types[:len(res)] == res:
                self.emit('local.get $k local.get $x call %s' % name)
                self.values(types[len(res):], depth + 1) if len(res) < len(types) else None
                return
        for t in types:
            self.emit(self.value(t))

    def garbage(self, depth):
        n = self.r.choice([0, 0, 3, 40, 300, 700, 1500])
        g = [self.r.choice(TYPES) for _ in range(n)]
        if g: self.values(g, depth + 1)

    def mark(self, types, n):
        """Changes the top value, so that which path was taken shows in the results."""
        t = types[-1]
        if t == 'i32': self.emit('i32.const %d i32.add' % n)
        elif t == 'i64': self.emit('i64.const %d i64.add' % n)
        else: self.emit('f64.const %d i64.reinterpret_f64 f64.reinterpret_i64 f64.add' % n)

    def construct(self, types, depth):
        kind = self.r.choice(['br_if', 'br_table', 'loop', 'if', 'br_if', 'br_table'])
        res = '(result %s)' % ' '.join(types)
        par = '(param %s)' % ' '.join(types)
        if kind == 'br_if':
            self.emit('block %s' % res)
            self.garbage(depth)
            self.values(types, depth)
            self.emit('local.get $k i32.const %d i32.lt_u br_if 0' % self.r.randint(0, 4))
            self.emit('drop\n' * len(types))
            self.values(types, depth)
            self.emit('br 0' if self.r.random() < 0.5 else 'local.get $k br_if 0 i32.const 1 br_if 0 unreachable')
            self.emit('end')
        elif kind == 'br_table':
            m = self.r.randint(2, 4)
            for _ in range(m): self.emit('block %s' % res)
            self.garbage(depth)
            self.values(types, depth)
            n = self.r.choice([1, 3, 50, 1200])
            targets = ' '.join(str(self.r.randrange(m)) for _ in range(n))
            self.emit('local.get $k br_table %s %d' % (targets, self.r.randrange(m)))
            for j in range(m):
                self.emit('end')
                self.mark(types, j + 1)
        elif kind == 'loop':
            c = '$c%d' % min(self.loops, 7)
            self.loops += 1
            self.emit('i32.const 0 local.set %s' % c)
            self.values(types, depth)
            self.emit('loop %s %s' % (par, res))
            self.emit('local.get %s i32.const 1 i32.add local.set %s' % (c, c))
            t = types[-1]
            if t == 'i32': self.emit('local.set $ti local.get $ti local.get %s i32.add' % c)
            elif t == 'i64': self.emit('local.set $tl local.get $tl local.get %s i64.extend_i32_u i64.add' % c)
            else: self.emit('local.set $td local.get $td local.get %s f64.convert_i32_u f64.add' % c)
            self.emit('local.get %s i32.const %d i32.lt_u br_if 0' % (c, self.r.randint(1, 30)))
            self.emit('end')
        else:  # if with parameters
            self.values(types, depth)
            self.emit('local.get $k i32.const %d i32.gt_u' % self.r.randint(0, 4))
            self.emit('if %s %s' % (par, res))
            self.mark(types, 11)
            self.emit('else')
            if self.r.random() < 0.5:
                self.emit('drop\n' * len(types))
                self.values(types, depth + 1)
            self.mark(types, 13)
            self.emit('end')

    def fold(self, types):
        for t in reversed(types):
            conv = {'i32': 'i64.extend_i32_u', 'i64': '', 'f64': 'i64.reinterpret_f64'}[t]
            self.emit('%s local.get $h i64.const 31 i64.mul i64.add local.set $h' % conv)


LOCALS = '(local $h i64) (local $ti i32) (local $tl i64) (local $td f64)' + ''.join(' (local $c%d i32)' % i for i in range(8))


def wide_types(r, n):
    return [r.choice(TYPES) for _ in range(n)]


def random_module(seed):
    r = random.Random(seed)
    funcs, exports, helpers = [], [], []
    # helpers: functions with many results, called from the others
    for h in range(2):
        res = wide_types(r, r.choice([100, 400, 900]))
        f = Fn(r, [])
        f.values(res, 3)
        name = '$h%d' % h
        funcs.append('(func %s (param $k i32) (param $x i64) (result %s) %s\n%s)' % (name, ' '.join(res), LOCALS, '\n'.join(f.out)))
        helpers.append((name, res))
    for i in range(4):
        f = Fn(r, helpers)
        under = wide_types(r, r.choice([0, 10, 1200]))
        f.values(under, 2)
        for _ in range(r.randint(1, 3)):
            t = wide_types(r, r.choice([2, 70, 300, 999]))
            f.construct(t, 0)
            f.fold(t)
        f.fold(under)
        f.emit('local.get $h')
        funcs.append('(func (export "f%d") (param $k i32) (param $x i64) (result i64) %s\n%s)' % (i, LOCALS, '\n'.join(f.out)))
        exports.append('f%d' % i)
    # return: wide results to the host, from inside blocks over other values
    res = wide_types(r, r.choice([70, 600, 999]))
    f = Fn(r, helpers)
    f.emit('block block')
    f.garbage(1)
    f.emit('local.get $k i32.const 2 i32.lt_u br_if 1')
    f.values(res, 1)
    f.emit('return end end')
    f.values(res, 1)
    funcs.append('(func (export "ret") (param $k i32) (param $x i64) (result %s) %s\n%s)' % (' '.join(res), LOCALS, '\n'.join(f.out)))
    exports.append('ret')
    return '(module\n%s)' % '\n'.join(funcs), exports


def shape_module(name):
    """The skimmer's old blind spots (issue 20): each was 'too large for one JVM method'."""
    hdr = '(param $k i32) (param $x i64)'
    if name == 'calls':  # 16 calls of a function of 900 results, all kept, then summed
        n = 900
        g = '(func $g (param i32) (result%s)\n%s)' % (' i32' * n, '\n'.join('local.get 0 i32.const %d i32.add' % i for i in range(n)))
        body = '\n'.join('local.get $k i32.const %d i32.add call $g' % c for c in range(16)) + '\n' + 'i32.add\n' * (16 * n - 1)
        return '(module %s\n(func (export "f") %s (result i32)\n%s))' % (g, hdr, body), ['f']
    if name == 'if-params':  # ifs of 990 parameters nested 40 deep, each arm adding 990 values
        n, d = 990, 40
        def level(i):
            out = ['i32.const 2\n' * n]
            if i < d - 1:
                out.append('local.get $k (if (type $t) (then')
                out += level(i + 1)
                out.append(') (else ' + 'i32.add\n' * (n - 1) + '))')
                out.append('i32.add\n' * n)
            else:
                out.append('i32.add\n' * (2 * n - 1))
            return out
        body = ['local.get $k i32.const 1 i32.add\n' * n, 'local.get $k (if (type $t) (then'] + level(0) + [') (else ' + 'i32.add\n' * (n - 1) + '))']
        t = '(type $t (func (param%s) (result i32)))' % (' i32' * n)
        return '(module %s\n(func (export "f") %s (result i32)\n%s))' % (t, hdr, '\n'.join(body)), ['f']
    if name == 'block-results':  # blocks of 900 results nested 24 deep, each over 900 more values
        n, d = 900, 24
        out = []
        for i in range(d):
            out.append('(block (result%s)' % (' i64' * n))
            out.append(('local.get $x i64.const %d i64.add\n' % i) * n)
        out.append(('local.get $x\n') * n)
        for i in range(d):
            out.append('i64.add\n' * n + ')')  # fold the inner block's values into the ones under
        out.append('i64.add\n' * (n - 1))
        return '(module\n(func (export "f") %s (result i64)\n%s))' % (hdr, '\n'.join(out)), ['f']
    raise ValueError(name)


def fmt(v, t):
    if t == 'f64':
        import struct
        return 'f64:%016x' % struct.unpack('<Q', struct.pack('<d', v))[0]
    return '%s:%d' % (t, v)


def main():
    global OUT
    seeds = range(1, 7)
    shapes = ['calls', 'if-params', 'block-results']
    argv = sys.argv[1:]
    while argv:
        if argv[0] == '--out': OUT = argv[1]
        elif argv[0] == '--seeds':
            a, b = argv[1].split('-')
            seeds, shapes = range(int(a), int(b) + 1), []
        else: sys.exit('unknown option ' + argv[0])
        argv = argv[2:]
    os.makedirs(OUT, exist_ok=True)
    mods = [('shape-' + n,) + shape_module(n) for n in shapes]
    mods += [('random-%d' % s,) + random_module(s) for s in seeds]
    lines = []
    for name, wat, exports in mods:
        wasm = wasmtime.wat2wasm(wat)
        with gzip.GzipFile(os.path.join(OUT, name + '.wasm.gz'), 'wb', mtime=0) as g:
            g.write(wasm)
        engine = wasmtime.Engine()
        store = wasmtime.Store(engine)
        module = wasmtime.Module(engine, wasm)
        inst = wasmtime.Instance(store, module, [])
        for e in exports:
            f = inst.exports(store)[e]
            ty = f.type(store)
            rtypes = [str(t) for t in ty.results]
            for k, x in (ARGS if e != 'ret' else ARGS[:3]):
                args = [k, x][:len(ty.params)]
                res = f(store, *args)
                if not isinstance(res, list): res = [res]
                lines.append('%s %s %d %d -> %s' % (name, e, k, x, ' '.join(fmt(v, t) for v, t in zip(res, rtypes))))
        print(name, len(wasm), 'bytes', file=sys.stderr)
    with gzip.GzipFile(os.path.join(OUT, 'expected.txt.gz'), 'wb', mtime=0) as f:
        f.write(('# module export k x -> results, from Wasmtime (test-modules/src/widelabels/gen.py)\n' + '\n'.join(lines) + '\n').encode())


if __name__ == '__main__':
    main()
