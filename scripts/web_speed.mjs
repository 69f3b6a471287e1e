// The WebAssembly module's speed in Node (docs/web.md, "Building and serving"): runs one of the
// benchmark programs (programs/bench/*.s, scaled by rewriting its ITERATIONS line as
// scripts/bench.sh does) through the API's `run` without the view, the way the page's fast run
// does, and prints the simulated cycles per second of host time. Compare with
// `pipesim run P --config C` natively (its summary prints the same rate).
//   node scripts/web_speed.mjs SITE_DIR [PROGRAM.s] [PRESET] [ITERATIONS]
// defaults: programs/bench/alu_loop.s, 5-stage, 2000000
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [siteDir, program = 'programs/bench/alu_loop.s', preset = '5-stage',
       iterations = '2000000'] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node scripts/web_speed.mjs SITE_DIR [PROGRAM.s] [PRESET] [ITERATIONS]');
  process.exit(2);
}
const source = readFileSync(program, 'utf8')
  .replace(/^(\s*\.equ\s+ITERATIONS,\s*)\d+/m, `$1${iterations}`);
const createPipesim = createRequire(import.meta.url)(path.resolve(siteDir, 'pipesim.js'));
const started = performance.now();
const module = await createPipesim();
const loaded = performance.now();
const request = { api: 1, op: 'run', source, file: path.basename(program), machine: { preset },
                  view: false };
const reply = JSON.parse(module.call(JSON.stringify(request)));
const finished = performance.now();
if (!reply.ok) {
  console.error(`web_speed: ${reply.error}`);
  process.exit(1);
}
const seconds = (finished - loaded) / 1000;
console.log(`${path.basename(program)} on ${preset}: ${reply.cycles} cycles, ` +
            `${reply.instructions} instructions in ${seconds.toFixed(2)} s of the call ` +
            `(module start ${((loaded - started) / 1000).toFixed(2)} s); ` +
            `${(reply.cycles_per_second / 1e6).toFixed(2)} M cycles/s as the module timed the run`);
