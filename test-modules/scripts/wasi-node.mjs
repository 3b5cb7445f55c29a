#!/usr/bin/env node
// wasi-node.mjs - reference runner for the WASI preview 1 test programs.
//
// Runs the programs in test-modules/src/main/resources/dev/bytelift/testmodules/wasi
// under Node's built-in WASI (node:wasi, preview1) and compares, or records,
// their stdout, stderr and exit code.
//
//   node test-modules/scripts/wasi-node.mjs CASE.json [CASE.json...]   compare
//   node test-modules/scripts/wasi-node.mjs --all                      compare all cases
//   node test-modules/scripts/wasi-node.mjs --record --all             re-record all cases
//   node test-modules/scripts/wasi-node.mjs --verbose CASE.json        also print outputs
//
// A case name without a path (e.g. "hello_basic") is looked up in cases/.
//
// Case file format (cases/NAME.json):
//   {
//     "program": "files.wasm",          // relative to the wasi/ resource folder
//     "args": ["/sandbox"],             // argv[1..]; argv[0] is "argv0" or the program name
//     "argv0": "files.wasm",            // optional
//     "env": {"KEY": "value"},          // the complete guest environment (default: empty)
//     "stdin": "text",                  // optional, UTF-8; default: empty stdin
//     "dirs": [{"host": "files", "guest": "/sandbox"}],
//                                       // host: a fixture folder name under fixtures/, or
//                                       // "tmp" for an empty directory. Each entry gets a
//                                       // fresh temporary copy, preopened at "guest".
//                                       // Optional "symlinks": {"name": "target", ...} are
//                                       // created by the host inside the copy before the run
//                                       // (fixtures themselves never contain symlinks).
//     "expected": {
//       "stdout": "...", "stderr": "...", "exitCode": 0,
//       "dirsAfter": {"/sandbox": ["file input.txt 58", ...]},
//                                       // files left in each preopened dir after the run
//       "outside": []                   // anything created next to the preopened dirs,
//                                       // i.e. a sandbox escape; must stay empty
//     }
//   }
//
// Guest stdio is connected to plain files (stdin: a file holding "stdin";
// stdout/stderr: empty files read back after the run), so the guest sees
// regular files, not a terminal, and stdio is fully buffered.

import { WASI } from 'node:wasi';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const wasiDir = path.resolve(scriptDir, '../src/main/resources/dev/bytelift/testmodules/wasi');
const casesDir = path.join(wasiDir, 'cases');
const fixturesDir = path.join(wasiDir, 'fixtures');

function usage() {
  console.error('usage: wasi-node.mjs [--record] [--verbose] (--all | CASE.json...)');
  process.exit(2);
}

// Lists a directory tree as sorted lines "dir a", "file a/b.txt 12", "symlink a/l -> target".
function listTree(root) {
  const out = [];
  const walk = (rel) => {
    const abs = rel ? path.join(root, rel) : root;
    for (const name of fs.readdirSync(abs).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(path.join(abs, name));
      if (st.isSymbolicLink()) {
        out.push(`symlink ${r} -> ${fs.readlinkSync(path.join(abs, name))}`);
      } else if (st.isDirectory()) {
        out.push(`dir ${r}`);
        walk(r);
      } else {
        out.push(`file ${r} ${st.size}`);
      }
    }
  };
  walk('');
  return out;
}

async function runCase(caseFile) {
  const spec = JSON.parse(fs.readFileSync(caseFile, 'utf8'));
  const programPath = path.join(wasiDir, spec.program);
  const module = await WebAssembly.compile(fs.readFileSync(programPath));

  // Layout of the scratch area:
  //   work/io/       stdin/stdout/stderr files (never visible to the guest)
  //   work/root/     parent of the preopened dirs; must contain nothing else afterwards
  //   work/root/dN/  one fresh directory per "dirs" entry
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bytelift-wasi-'));
  const ioDir = path.join(work, 'io');
  const root = path.join(work, 'root');
  fs.mkdirSync(ioDir);
  fs.mkdirSync(root);
  try {
    const preopens = {};
    const hostDirs = [];
    (spec.dirs || []).forEach((d, i) => {
      const hostDir = path.join(root, `d${i}`);
      if (d.host === 'tmp') {
        fs.mkdirSync(hostDir);
      } else {
        const fixture = path.join(fixturesDir, d.host);
        if (!fs.statSync(fixture).isDirectory()) throw new Error(`no fixture ${fixture}`);
        fs.cpSync(fixture, hostDir, { recursive: true, verbatimSymlinks: true });
      }
      for (const [name, target] of Object.entries(d.symlinks || {})) {
        fs.mkdirSync(path.dirname(path.join(hostDir, name)), { recursive: true });
        fs.symlinkSync(target, path.join(hostDir, name));
      }
      preopens[d.guest] = hostDir;
      hostDirs.push({ guest: d.guest, host: hostDir, name: `d${i}` });
    });

    const stdinPath = path.join(ioDir, 'stdin');
    const stdoutPath = path.join(ioDir, 'stdout');
    const stderrPath = path.join(ioDir, 'stderr');
    fs.writeFileSync(stdinPath, spec.stdin ?? '', 'utf8');
    const stdinFd = fs.openSync(stdinPath, 'r');
    const stdoutFd = fs.openSync(stdoutPath, 'w');
    const stderrFd = fs.openSync(stderrPath, 'w');

    const argv0 = spec.argv0 ?? path.basename(spec.program);
    const wasi = new WASI({
      version: 'preview1',
      args: [argv0, ...(spec.args || [])],
      env: spec.env || {},
      preopens,
      stdin: stdinFd,
      stdout: stdoutFd,
      stderr: stderrFd,
      returnOnExit: true,
    });

    let exitCode;
    let trap = null;
    try {
      const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
      const rc = wasi.start(instance);
      exitCode = rc === undefined ? 0 : rc;
    } catch (e) {
      trap = String(e && e.message ? e.message : e);
      exitCode = null;
    } finally {
      fs.closeSync(stdinFd);
      fs.closeSync(stdoutFd);
      fs.closeSync(stderrFd);
    }

    const observed = {
      stdout: fs.readFileSync(stdoutPath, 'utf8'),
      stderr: fs.readFileSync(stderrPath, 'utf8'),
      exitCode,
    };
    if (trap !== null) observed.trap = trap;
    if (hostDirs.length > 0) {
      observed.dirsAfter = {};
      for (const d of hostDirs) observed.dirsAfter[d.guest] = listTree(d.host);
    }
    const known = new Set(hostDirs.map((d) => d.name));
    observed.outside = fs.readdirSync(root).filter((n) => !known.has(n)).sort();
    return { spec, observed };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function diffField(name, expected, actual) {
  const e = JSON.stringify(expected);
  const a = JSON.stringify(actual);
  if (e === a) return null;
  if (typeof expected === 'string' && typeof actual === 'string') {
    const el = expected.split('\n');
    const al = actual.split('\n');
    for (let i = 0; i < Math.max(el.length, al.length); i++) {
      if (el[i] !== al[i]) {
        return `${name} differs at line ${i + 1}:\n    expected: ${JSON.stringify(el[i])}\n    actual:   ${JSON.stringify(al[i])}`;
      }
    }
  }
  return `${name} differs:\n    expected: ${e}\n    actual:   ${a}`;
}

async function main() {
  const argv = process.argv.slice(2);
  let record = false;
  let verbose = false;
  let all = false;
  const files = [];
  for (const a of argv) {
    if (a === '--record') record = true;
    else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--all') all = true;
    else if (a.startsWith('-')) usage();
    else files.push(a);
  }
  if (all) {
    for (const f of fs.readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort()) {
      files.push(path.join(casesDir, f));
    }
  }
  if (files.length === 0) usage();

  let failures = 0;
  for (let f of files) {
    if (!fs.existsSync(f) && fs.existsSync(path.join(casesDir, f.endsWith('.json') ? f : `${f}.json`))) {
      f = path.join(casesDir, f.endsWith('.json') ? f : `${f}.json`);
    }
    const name = path.basename(f, '.json');
    let result;
    try {
      result = await runCase(f);
    } catch (e) {
      console.log(`ERROR ${name}: ${e && e.stack ? e.stack : e}`);
      failures++;
      continue;
    }
    const { spec, observed } = result;
    if (verbose) {
      console.log(`--- ${name} stdout ---\n${observed.stdout}--- ${name} stderr ---\n${observed.stderr}--- ${name} exit ${observed.exitCode}`);
    }
    if (record) {
      spec.expected = observed;
      fs.writeFileSync(f, JSON.stringify(spec, null, 2) + '\n');
      console.log(`RECORDED ${name} (exit ${observed.exitCode}${observed.trap ? ', trap: ' + observed.trap : ''})`);
      continue;
    }
    const exp = spec.expected;
    if (!exp) {
      console.log(`FAIL ${name}: no "expected" section (run with --record)`);
      failures++;
      continue;
    }
    const problems = [];
    for (const key of ['stdout', 'stderr', 'exitCode', 'trap', 'dirsAfter', 'outside']) {
      if (!(key in exp) && !(key in observed)) continue;
      const d = diffField(key, exp[key], observed[key]);
      if (d) problems.push(d);
    }
    if (problems.length === 0) {
      console.log(`PASS ${name}`);
    } else {
      failures++;
      console.log(`FAIL ${name}`);
      for (const p of problems) console.log(`  ${p}`);
    }
  }
  if (!record) {
    console.log(`${files.length - failures}/${files.length} passed`);
  }
  process.exit(failures === 0 ? 0 : 1);
}

main();
