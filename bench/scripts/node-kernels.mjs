#!/usr/bin/env node
// Times the Bytelift benchmark kernels under Node's Wasm engine (V8).
//
//   node bench/scripts/node-kernels.mjs [KERNEL...]
//
// For every kernel in test-modules/src/main/resources/dev/bytelift/testmodules/kernels
// (or only the ones named): checks run(1) against kernels.properties, warms up
// for WARM_MS (default 1000), then times individual run(1) calls for MEASURE_MS
// (default 2000) and prints the median ms/op. Exits 1 on a checksum mismatch.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = join(root, "test-modules/src/main/resources/dev/bytelift/testmodules/kernels");
const warmMs = Number(process.env.WARM_MS ?? 1000);
const measureMs = Number(process.env.MEASURE_MS ?? 2000);

const expected = new Map();
for (const line of readFileSync(join(dir, "kernels.properties"), "utf8").split("\n")) {
  const m = /^([A-Za-z0-9_]+)\.checksum=(-?\d+)\s*$/.exec(line);
  if (m) expected.set(m[1], BigInt(m[2]));
}

const names = process.argv.length > 2 ? process.argv.slice(2) : [...expected.keys()].sort();
let failed = false;
console.log(`${"kernel".padEnd(14)} ${"ms/op".padStart(10)} ${"runs".padStart(8)}`);
for (const name of names) {
  if (!expected.has(name)) {
    console.error(`${name}: no checksum in kernels.properties`);
    failed = true;
    continue;
  }
  const want = expected.get(name);
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, `${name}.wasm`)), {});
  const run = instance.exports.run;
  const check = (got, when) => {
    if (got !== want) throw new Error(`${name}: checksum mismatch ${when}: got ${got}, expected ${want}`);
  };
  try {
    check(run(1), "on first call");
    let t = performance.now();
    while (performance.now() - t < warmMs) check(run(1), "during warm-up");
    const times = [];
    t = performance.now();
    while (times.length < 5 || performance.now() - t < measureMs) {
      const t0 = performance.now();
      const r = run(1);
      times.push(performance.now() - t0);
      check(r, "during measurement");
    }
    times.sort((a, b) => a - b);
    const n = times.length;
    const median = n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    console.log(`${name.padEnd(14)} ${median.toFixed(3).padStart(10)} ${String(n).padStart(8)}`);
  } catch (e) {
    console.error(e.message);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
