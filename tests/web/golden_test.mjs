// The playground's numbers are the command's: for each example and exercise program on a set of
// presets, the WebAssembly module's `run` reply (result_text) must be byte for byte what
// `pipesim run P --config C --json -` writes (with `--html F` when the reply has the view),
// host_seconds aside (a measured time), and `explain`
// must print exactly what `pipesim explain P --config C` does. Every difference is listed, then
// the test fails. Node only, no browser: the module is the same file the page loads.
//   node tests/web/golden_test.mjs SITE_DIR PIPESIM_BINARY SOURCE_ROOT
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const [siteDir, pipesim, root] = process.argv.slice(2);
if (!siteDir || !pipesim || !root) {
  console.error('usage: node golden_test.mjs SITE_DIR PIPESIM_BINARY SOURCE_ROOT');
  process.exit(2);
}

// The presets the suite's golden tests lean on: forwarding and its absence, a cache, a
// multi-cycle unit, two-wide issue, and a deeper pipe.
const PRESETS = ['5-stage', '5-stage-no-forwarding', '5-stage-cache', '5-stage-mul-div', '2-wide',
                 '7-stage'];
const programs = ['programs/examples', 'programs/exercises'].flatMap((dir) =>
  readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.s')).sort()
    .map((f) => `${dir}/${f}`));

const scratch = mkdtempSync(path.join(os.tmpdir(), 'pipesim-golden-'));
const htmlScratch = path.join(scratch, 'view.html');

const createPipesim = createRequire(import.meta.url)(path.resolve(siteDir, 'pipesim.js'));
const module = await createPipesim();
function call(op, args) {
  return JSON.parse(module.call(JSON.stringify({ api: 1, op, ...args })));
}

function native(args) {
  const r = spawnSync(pipesim, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return r.stdout;
}

// A measured time is the one field that may differ.
const maskHostSeconds = (text) => text.replace(/("host_seconds":\s*)[-+0-9.eE]+/g, '$1<masked>');

const differences = [];
function compare(what, expected, actual) {
  if (expected === actual) return;
  const e = expected.split('\n');
  const a = actual.split('\n');
  let line = 0;
  while (line < e.length && e[line] === a[line]) ++line;
  differences.push(`${what}: first difference at line ${line + 1}\n` +
                   `  pipesim: ${JSON.stringify(e[line])}\n  wasm:    ${JSON.stringify(a[line])}`);
}

let checks = 0;
for (const file of programs) {
  const source = readFileSync(path.join(root, file), 'utf8');
  for (const preset of PRESETS) {
    const machine = { preset };
    // With the view, the command's counterpart is `run --html`: both take the cycle model (the
    // view draws its every cycle), and the result names that engine.
    for (const view of [false, true]) {
      const args = ['run', file, '--config', preset, '--json', '-'];
      if (view) args.push('--html', htmlScratch);
      const reply = call('run', { source, file, machine, view });
      const what = `run ${file} --config ${preset}${view ? ' --html (view)' : ''}`;
      if (!reply.ok) differences.push(`${what}: the API failed: ${reply.error}`);
      else compare(what, maskHostSeconds(native(args)), maskHostSeconds(reply.result_text));
      ++checks;
    }
    const explained = call('explain', { source, file, machine });
    const what = `explain ${file} --config ${preset}`;
    if (!explained.ok) differences.push(`${what}: the API failed: ${explained.error}`);
    else compare(what, native(['explain', file, '--config', preset]), explained.text);
    ++checks;
  }
}

rmSync(scratch, { recursive: true, force: true });
for (const d of differences) console.log(d);
console.log(`golden_test: ${programs.length} programs x ${PRESETS.length} presets, ${checks} ` +
            `comparisons, ${differences.length} different`);
if (programs.length < 10) {
  console.log('golden_test: fewer than 10 programs found: wrong SOURCE_ROOT?');
  process.exit(1);
}
process.exit(differences.length === 0 ? 0 : 1);
