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
//   node test-modules/scripts/wasi-node.mjs --spec --all               compare against what a
//        spec-correct runtime must print: "expected" with the case's "specDiffs" applied.
//        Node fails the cases that have specDiffs, which shows exactly where it is wrong.
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
//     "stdio": "file",                  // optional: "file" (default) or "pipe", see below
//     "timeoutSeconds": 60,             // optional
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
//     },
//     "specDiffs": {                    // optional, hand-written: where Node's WASI is wrong
//                                       // (e.g. sandbox escapes), what a correct runtime prints
//       "stdout": [{"node": "line as Node prints it", "spec": "correct line"}, ...],
//       "stderr": [...],                // each "node" line must occur exactly once
//       "exitCode": 0, "outside": [], "dirsAfter": {...}   // replaced wholesale if present
//     },
//     "nodeSkip": "reason",             // optional: Node's WASI cannot run this case (it
//                                       // would hang or is wrong); "expected" is then
//                                       // hand-written and --record leaves it alone
//     "notes": "..."                    // optional free text
//   }
//
// Each case runs in a child Node process (killed after "timeoutSeconds", default
// 60). Guest stdio ("stdio": "file", the default) is connected to plain files
// (stdin: a file holding "stdin"; stdout/stderr: empty files read back after
// the run), so the guest sees regular files, not a terminal.  With
// "stdio": "pipe" the guest's stdin/stdout/stderr are pipes instead (Node's
// poll_oneoff can only wait on pipes, not on regular files).

import { WASI } from 'node:wasi';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
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

// Child side: runs one program under node:wasi with the given configuration and
// writes {exitCode, trap} to config.resultPath. With stdio "file" the guest's
// stdio are the files in the io folder; with "pipe" they are this process's own
// fds 0/1/2, which the parent connects to pipes.
async function childMain(configPath) {
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  const module = await WebAssembly.compile(fs.readFileSync(config.programPath));
  let fds = [0, 1, 2];
  if (config.stdio === 'file') {
    fds = [fs.openSync(config.stdinPath, 'r'), fs.openSync(config.stdoutPath, 'w'), fs.openSync(config.stderrPath, 'w')];
  }
  const wasi = new WASI({
    version: 'preview1',
    args: config.args,
    env: config.env,
    preopens: config.preopens,
    stdin: fds[0],
    stdout: fds[1],
    stderr: fds[2],
    returnOnExit: true,
  });
  const result = { exitCode: null, trap: null };
  try {
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    const rc = wasi.start(instance);
    result.exitCode = rc === undefined ? 0 : rc;
  } catch (e) {
    result.trap = String(e && e.message ? e.message : e);
  }
  if (config.stdio === 'file') for (const fd of fds) fs.closeSync(fd);
  fs.writeFileSync(config.resultPath, JSON.stringify(result));
}

async function runCase(caseFile) {
  const spec = JSON.parse(fs.readFileSync(caseFile, 'utf8'));
  const programPath = path.join(wasiDir, spec.program);
  if (!fs.existsSync(programPath)) throw new Error(`no program ${programPath} (run build-wasi.sh)`);

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
    const resultPath = path.join(ioDir, 'result.json');
    fs.writeFileSync(stdinPath, spec.stdin ?? '', 'utf8');
    const stdio = spec.stdio ?? 'file';
    if (stdio !== 'file' && stdio !== 'pipe') throw new Error(`bad "stdio": ${stdio}`);
    const config = {
      programPath,
      args: [spec.argv0 ?? path.basename(spec.program), ...(spec.args || [])],
      env: spec.env || {},
      preopens,
      stdio,
      stdinPath,
      stdoutPath,
      stderrPath,
      resultPath,
    };
    const configPath = path.join(ioDir, 'config.json');
    fs.writeFileSync(configPath, JSON.stringify(config));

    // Each case runs in a child Node process, so that a hanging program can be killed.
    const timeoutMs = (spec.timeoutSeconds ?? 60) * 1000;
    const child = spawnSync(process.execPath, ['--no-warnings', fileURLToPath(import.meta.url), '--child', configPath], {
      input: stdio === 'pipe' ? Buffer.from(spec.stdin ?? '', 'utf8') : undefined,
      stdio: 'pipe',
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.error && child.error.code === 'ETIMEDOUT') {
      throw new Error(`timed out after ${timeoutMs / 1000} s`);
    }
    if (!fs.existsSync(resultPath)) {
      throw new Error(`runner child failed (status ${child.status}, signal ${child.signal}):\n${child.stderr}`);
    }
    const { exitCode, trap } = JSON.parse(fs.readFileSync(resultPath, 'utf8'));

    const observed = {
      stdout: stdio === 'pipe' ? child.stdout.toString('utf8') : fs.readFileSync(stdoutPath, 'utf8'),
      stderr: stdio === 'pipe' ? child.stderr.toString('utf8') : fs.readFileSync(stderrPath, 'utf8'),
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

// "expected" as a spec-correct runtime must report it: Node's lines replaced by the
// hand-written ones from "specDiffs". Throws if a "node" line no longer occurs exactly
// once (the diffs went stale after re-recording).
function applySpecDiffs(expected, diffs) {
  const out = JSON.parse(JSON.stringify(expected));
  for (const stream of ['stdout', 'stderr']) {
    for (const d of diffs[stream] || []) {
      const lines = out[stream].split('\n');
      const hits = lines.filter((l) => l === d.node).length;
      if (hits !== 1) {
        throw new Error(`specDiffs ${stream} line occurs ${hits} times in expected: ${JSON.stringify(d.node)}`);
      }
      lines[lines.indexOf(d.node)] = d.spec;
      out[stream] = lines.join('\n');
    }
  }
  for (const key of ['exitCode', 'outside', 'dirsAfter']) {
    if (key in diffs) out[key] = diffs[key];
  }
  return out;
}

function diffField(name, expected, actual) {
  const e = JSON.stringify(expected);
  const a = JSON.stringify(actual);
  if (e === a) return null;
  if (typeof expected === 'string' && typeof actual === 'string') {
    const el = expected.split('\n');
    const al = actual.split('\n');
    const out = [];
    let shown = 0;
    for (let i = 0; i < Math.max(el.length, al.length); i++) {
      if (el[i] !== al[i]) {
        if (++shown > 10) {
          out.push('    ...');
          break;
        }
        out.push(`    line ${i + 1}:\n      expected: ${JSON.stringify(el[i])}\n      actual:   ${JSON.stringify(al[i])}`);
      }
    }
    return `${name} differs:\n${out.join('\n')}`;
  }
  return `${name} differs:\n    expected: ${e}\n    actual:   ${a}`;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    await childMain(argv[1]);
    return;
  }
  let record = false;
  let verbose = false;
  let all = false;
  let useSpec = false;
  const files = [];
  for (const a of argv) {
    if (a === '--record') record = true;
    else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--all') all = true;
    else if (a === '--spec') useSpec = true;
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
  let skipped = 0;
  for (let f of files) {
    if (!fs.existsSync(f) && fs.existsSync(path.join(casesDir, f.endsWith('.json') ? f : `${f}.json`))) {
      f = path.join(casesDir, f.endsWith('.json') ? f : `${f}.json`);
    }
    const name = path.basename(f, '.json');
    const raw = JSON.parse(fs.readFileSync(f, 'utf8'));
    if (raw.nodeSkip) {
      console.log(`SKIP ${name}: ${raw.nodeSkip}`);
      skipped++;
      continue;
    }
    let result;
    try {
      result = await runCase(f);
    } catch (e) {
      console.log(`ERROR ${name}: ${e && e.message ? e.message : e}`);
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
    let exp = spec.expected;
    if (exp && spec.specDiffs) {
      let specExp;
      try {
        specExp = applySpecDiffs(exp, spec.specDiffs);
      } catch (e) {
        console.log(`FAIL ${name}: ${e.message}`);
        failures++;
        continue;
      }
      if (useSpec) exp = specExp;
    }
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
    console.log(`${files.length - failures - skipped}/${files.length - skipped} passed` +
                (skipped ? `, ${skipped} skipped (not runnable on Node)` : ''));
  }
  process.exit(failures === 0 ? 0 : 1);
}

main();
