// The reference side of the differential test: runs a module made by
// `wasm-opt -ttf` in Node (V8) the way binaryen's own fuzz shell does and prints one line per
// event. test-modules' DifferentialTest runs the same module in Bytelift and compares the lines.
//
//   node run.mjs MODULE.wasm > MODULE.expected
//
// Events: "log i32 V" / "log i64 V" / "log f32 BITS" / "log f64 BITS" / "log v128 LANES" for
// calls of the fuzzing-support imports (floats as their bit patterns in hex, NaN as "nan"; a v128
// as its four i32 lanes in hex, NaNs as "nan", see half()); "call NAME" before each exported function is called (in export
// order, after hangLimitInitializer() if the module exports it; functions with a v128 parameter or
// result are not called), then "result V..." (the results as logged) or "trap" if the call threw.
import { readFileSync } from 'node:fs';

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const hex32 = (x) => { f32[0] = x; return u32[0].toString(16).padStart(8, '0'); };
const hex64 = (x) => { f64[0] = x; return u64[0].toString(16).padStart(16, '0'); };

const out = [];
const fmt = (type, v) => {
  switch (type) {
    case 'i32': return `i32 ${v | 0}`;
    case 'i64': return `i64 ${BigInt.asIntN(64, v)}`;
    case 'f32': return Number.isNaN(v) ? 'f32 nan' : `f32 ${hex32(v)}`; // (V8 may change NaN bits)
    case 'f64': return Number.isNaN(v) ? 'f64 nan' : `f64 ${hex64(v)}`;
    default: return `${type} ${v === null ? 'null' : 'ref'}`;
  }
};
const hexLane = (x) => (x >>> 0).toString(16).padStart(8, '0');
// A v128 cannot cross into JavaScript: log-v128 is a Wasm function that passes the four i32
// lanes on (module: (import "js" "log" (func (param i32 i32 i32 i32))), exporting "log-v128"
// (param v128) that calls it with i32x4.extract_lane 0..3).
const logV128 = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0,1,12,2,
  96,4,127,127,127,127,0,96,1,123,0,2,10,1,2,106,115,3,108,111,103,0,0,3,2,1,1,7,12,1,8,108,111,103,45,118,
  49,50,56,0,1,10,26,1,24,0,32,0,253,27,0,32,0,253,27,1,32,0,253,27,2,32,0,253,27,3,16,0,11])),
  { js: { log: (a, b, c, d) => { out.push(`log v128 ${[...half(a, b), ...half(c, d)].join(' ')}`); } } }).exports['log-v128'];
// The lanes' type is unknown, and NaN payloads may differ between engines (the spec allows any
// arithmetic NaN where an input NaN is not canonical): a 64-bit half that is an f64 NaN prints as
// "nan nan", any other lane that is an f32 NaN as "nan".
function half(lo, hi) {
  if (((hi >>> 20) & 0x7ff) === 0x7ff && ((hi & 0xfffff) | lo) !== 0) return ['nan', 'nan'];
  return [lo, hi].map((x) => (((x >>> 23) & 0xff) === 0xff && (x & 0x7fffff) !== 0 ? 'nan' : hexLane(x)));
}
const imports = {
  'fuzzing-support': {
    'log-i32': (v) => { out.push('log ' + fmt('i32', v)); },
    'log-i64': (v) => { out.push('log ' + fmt('i64', v)); },
    'log-f32': (v) => { out.push('log ' + fmt('f32', v)); },
    'log-f64': (v) => { out.push('log ' + fmt('f64', v)); },
    'log-v128': logV128,
  },
};

const bytes = readFileSync(process.argv[2]);
const module = new WebAssembly.Module(bytes);
const zero = { i32: 0, i64: 0n, f32: 0, f64: 0, funcref: null, externref: null };
// Export signatures are not reflected in the JS API; take them from the binary.
const sigs = exportSignatures(bytes);
let instance;
try {
  instance = new WebAssembly.Instance(module, imports);
} catch (e) {
  out.push('instantiate trap');
}
if (instance) {
  for (const { name, kind } of WebAssembly.Module.exports(module)) {
    if (kind !== 'function' || name === 'hangLimitInitializer') continue;
    const sig = sigs.get(name);
    if ([...sig.params, ...sig.results].includes('v128')) continue; // (not callable from JavaScript)
    if (instance.exports.hangLimitInitializer) instance.exports.hangLimitInitializer();
    out.push('call ' + name);
    try {
      let r = instance.exports[name](...sig.params.map((t) => zero[t]));
      const rs = sig.results.length === 1 ? [r] : sig.results.length === 0 ? [] : r;
      out.push(['result', ...sig.results.map((t, i) => fmt(t, rs[i]))].join(' '));
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError)) throw e;
      out.push('trap');
    }
  }
}
process.stdout.write(out.join('\n') + '\n');

// --- a minimal reader of the type, import, function and export sections ---
function exportSignatures(b) {
  let p = 8;
  const u32 = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
  const valtype = () => ({ 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' })[b[p++]];
  const types = [], funcs = [], exps = new Map();
  while (p < b.length) {
    const id = b[p++], size = u32(), end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        p++; // 0x60
        const params = []; for (let k = u32(); k > 0; k--) params.push(valtype());
        const results = []; for (let k = u32(); k > 0; k--) results.push(valtype());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        for (let k = 0; k < 2; k++) { const len = u32(); p += len; } // module, name
        const kind = b[p++];
        if (kind === 0) funcs.push(types[u32()]);
        else if (kind === 1) { p++; const f = b[p++]; u32(); if (f & 1) u32(); }
        else if (kind === 2) { const f = b[p++]; u32(); if (f & 1) u32(); }
        else if (kind === 3) { p += 2; }
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) funcs.push(types[u32()]);
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const len = u32(); const name = new TextDecoder().decode(b.subarray(p, p + len)); p += len;
        const kind = b[p++], index = u32();
        if (kind === 0) exps.set(name, funcs[index]);
      }
    }
    p = end;
  }
  return exps;
}
