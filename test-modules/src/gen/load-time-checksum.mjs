// Node's result of run(n) for a module of LoadTimeModule (test-modules/src/test/.../huge/LoadTimeModule.java):
// node test-modules/src/gen/load-time-checksum.mjs load-time.wasm N
import { readFileSync } from "node:fs";
const [file, n] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file));
console.log(instance.exports.run(Number(n)));
