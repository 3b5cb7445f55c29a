// Computes, with V8, the checksums the huge-module tests (HugeModulesTest) expect.
// Generate the modules first: java -cp test-modules/target/test-classes dev.bytelift.testmodules.huge.HugeModules DIR
// then: node test-modules/scripts/huge-node.mjs DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const load = (name) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(dir, name)))).exports;
const s64 = (x) => BigInt.asIntN(64, x).toString();

console.log('straight', s64(load('straight.wasm').run()));
const nesting = load('nesting.wasm');
let acc = 0n;
for (let n = 0; n < 2048; n += 37) acc = BigInt.asIntN(64, acc * 31n + nesting.run(n));
console.log('nesting', s64(acc));
const brtable = load('brtable.wasm');
acc = 0n;
for (let i = 0; i < 10000; i += 97) acc = BigInt.asIntN(64, acc * 31n + brtable.run(i));
console.log('brtable', s64(acc));
console.log('locals', s64(load('locals.wasm').run()));
const fns = load('functions.wasm');
console.log('functions', s64(fns.run()));
console.log('functionsIndirect', s64(fns.runIndirect(200000)));
console.log('data', s64(load('data.wasm').run()));
