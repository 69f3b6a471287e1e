// Tests the playground (web/site/, built into build-web/site/ by scripts/web.sh) in a real headless
// Chromium (Debian's chromium, driven by playwright-core), from file:// as a student would open it.
// Registered with ctest by tests/CMakeLists.txt when PIPESIM_WEB_SITE names the built site:
//   node tests/browser/playground_test.mjs PIPESIM_BINARY SITE_DIR OUTPUT_DIR
// The native CLI is the reference: cycle counts, stall explanations and check feedback on the page
// must be what `pipesim` prints for the same program. Writes screenshots into OUTPUT_DIR (with
// PIPESIM_DOCS_IMAGE=FILE also one for the docs), prints (does not assert) the measured speeds, and
// exits non-zero on the first failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { findChromium } from './chromium.mjs';

const [pipesimArg, siteArg, outArg] = process.argv.slice(2);
if (!pipesimArg || !siteArg || !outArg) {
  console.error('usage: node playground_test.mjs PIPESIM_BINARY SITE_DIR OUTPUT_DIR');
  process.exit(2);
}
const pipesim = resolve(pipesimArg), site = resolve(siteArg), out = resolve(outArg);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
mkdirSync(out, { recursive: true });
if (!existsSync(join(site, 'index.html'))) {
  console.error(`${site}/index.html not found: build the site with scripts/web.sh`);
  process.exit(1);
}

const { chromium, executablePath } = await findChromium();

// The CLI's stdout (any exit status: `check` exits non-zero on a wrong answer), run in `cwd` (the
// output folder) so that file names in its messages are the page's (program.s).
function cli(args, cwd = out) {
  const r = spawnSync(pipesim, args, { encoding: 'utf8', maxBuffer: 1 << 28, cwd });
  if (r.error) throw r.error;
  return r.stdout;
}
function cliCycles(file, config) { return JSON.parse(cli(['run', file, '--config', config, '--json', '-'])).cycles; }
// The CLI's reports name the program as given: the page's name for it.
const programName = 'program.s';

// The load-use case hand-worked in tests/golden/textbook_test.cpp, on 5-stage: add waits one cycle
// in ID for lw's a1 (S in cycle 6), 10 cycles in all; without forwarding it waits longer.
//                          1   2   3   4   5   6   7   8   9   10
// 00010000  li a0, 7       IF  ID  EX  MEM WB
// 00010004  sw a0, -4(sp)      IF  ID  EX  MEM WB
// 00010008  lw a1, -4(sp)          IF  ID  EX  MEM WB
// 0001000c  add a2, a1, a1             IF  ID  S   EX  MEM WB
// 00010010  ebreak                         IF  S   ID  EX  MEM WB
const loadUseSource = 'addi a0, zero, 7\nsw   a0, -4(sp)\nlw   a1, -4(sp)\nadd  a2, a1, a1\nebreak\n';
const loadUse = join(out, 'program.s');
writeFileSync(loadUse, loadUseSource);

// The stall cell's sentence in the CLI's own HTML view of the same run (row 3, cycle 6).
function cliStallNote() {
  const html = join(out, 'cli_load_use.html');
  execFileSync(pipesim, ['run', loadUse, '--config', '5-stage', '--html', html]);
  const page = readFileSync(html, 'utf8');
  const start = page.indexOf('>', page.indexOf('id="pipesim-data"')) + 1;
  const run = JSON.parse(page.slice(start, page.indexOf('</script>', start))).runs[0];
  const row = run.rows[3];
  return run.notes[row[5].find((n) => n[0] === 6 - row[2])[1]].replace(/`/g, '');
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
});
const failures = [];
const indexUrl = pathToFileURL(join(site, 'index.html')).href;

async function openPage(url = indexUrl) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  // Generous: the test machines are shared and often loaded (these are not timing tests).
  page.setDefaultTimeout(120000);
  page.setDefaultNavigationTimeout(120000);
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => page.errors.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!req.url().startsWith('file:') && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) {
      page.errors.push(`network: ${req.url()}`);
    }
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  return page;
}

async function test(name, body) {
  let page;
  try {
    page = await openPage();
    await body(page);
    assert.deepEqual(page.errors, [], 'no console error, page error or network request');
    console.log(`ok   ${name}`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}\n${e.stack || e}\n${page ? page.errors.join('\n') : ''}`);
  } finally {
    if (page) await page.close();
  }
}

const cursor = (page) => page.locator('.colhead .num.current').textContent();

async function typeProgram(page, source) {
  await page.fill('#file', programName);
  await page.locator('#source').fill('');
  await page.locator('#source').type(source);  // typed, as a student would
}

let permalink = null;
await test('type a load-use program, run, step, change the machine', async (page) => {
  await typeProgram(page, loadUseSource);
  await page.selectOption('#preset', '5-stage');
  await page.click('#run');
  // The cycle count is the CLI's (10, hand-derived above).
  const expected = cliCycles(loadUse, '5-stage');
  assert.equal(expected, 10);
  assert.equal(await page.locator('#result-cycles').textContent(), String(expected));
  // The run ends with the cursor on its last cycle, the whole diagram drawn: add's row reads
  // IF ID S EX MEM WB from cycle 4.
  assert.equal(await cursor(page), '10');
  const row = [];
  for (let c = 4; c <= 9; c++) row.push(await page.locator(`.cell[data-r="3"][data-c="${c}"]`).textContent());
  assert.deepEqual(row, ['IF', 'ID', 'S', 'EX', 'MEM', 'WB']);
  // The stall cell explains itself with the CLI's sentence.
  await page.locator('.cell[data-r="3"][data-c="6"]').hover();
  const tip = await page.locator('#tooltip').textContent();
  const note = cliStallNote();
  assert.match(note, /load-use on a1/);
  assert.ok(tip.includes(note), `tooltip "${tip}" holds the CLI's "${note}"`);
  await page.screenshot({ path: join(out, 'playground-run.png') });

  // Step back and forth: the diagram grows with the cursor (cells of later cycles are not drawn).
  await page.locator('#source').blur();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await cursor(page), '9');
  assert.equal(await page.locator('.cell[data-c="10"]').count(), 0);
  await page.click('#prev');
  await page.click('#prev');
  assert.equal(await cursor(page), '7');
  assert.equal(await page.locator('#cycle').inputValue(), '7');
  assert.equal(await page.locator('.cell[data-c="8"]').count(), 0);
  // Not growing: the whole run is drawn, the cursor over it.
  await page.uncheck('#grow');
  assert.equal(await page.locator('.cell[data-c="10"]').count(), 1);
  await page.check('#grow');
  assert.equal(await page.locator('.cell[data-c="10"]').count(), 0);
  await page.click('#next');
  assert.equal(await cursor(page), '8');
  assert.equal(await page.locator('.cell[data-c="8"]').count(), 2);  // add's MEM, ebreak's EX
  await page.keyboard.press('ArrowRight');
  assert.equal(await cursor(page), '9');
  // The register file at the cursor: add a2 = 14 is written in its WB, cycle 9.
  assert.equal(await page.locator('.regs td[data-reg="12"]').textContent(), '0x0000000e');
  // Animated stepping at the fastest speed runs the cursor to the end (the diagram growing).
  await page.click('#reset');
  await page.locator('#speed').fill('10');
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('.colhead .num.current').textContent === '10');
  assert.equal(await page.locator('#play').textContent(), 'play');  // stopped at the end
  await page.click('#reset');
  assert.equal(await cursor(page), '1');
  assert.equal(await page.locator('.regs td[data-reg="12"]').textContent(), '0x00000000');
  await page.fill('#cycle', '6');
  await page.click('#goto');
  assert.equal(await cursor(page), '6');
  permalink = await page.evaluate(() => window.PipesimApp.writePermalink());
  assert.match(permalink, /#[pj]1\./);

  // Without forwarding the count changes, and is the CLI's again.
  await page.selectOption('#preset', '5-stage-no-forwarding');
  await page.click('#run');
  const noForwarding = cliCycles(loadUse, '5-stage-no-forwarding');
  assert.notEqual(noForwarding, expected);
  assert.equal(await page.locator('#result-cycles').textContent(), String(noForwarding));
});

await test('a permalink brings back the program, the machine and the cursor', async (page) => {
  assert.ok(permalink, 'the first test made a permalink');
  // Opened in a fresh page, as a student would open the link.
  const linked = await openPage(permalink);
  try {
    await linked.waitForFunction(() => document.querySelector('.colhead .num.current'));
    assert.equal(await linked.locator('#source').inputValue(), loadUseSource);
    assert.equal(await linked.locator('#preset').inputValue(), '5-stage');
    assert.equal(await cursor(linked), '6');
    assert.equal(await linked.locator('#result-cycles').textContent(), '10');
    assert.equal(await linked.locator('.body .cell.stall').count(), 2);  // add's and ebreak's S in cycle 6
    assert.deepEqual(linked.errors, []);
  } finally {
    await linked.close();
  }
  // A damaged link says so, and the page still works.
  await page.goto(indexUrl + '#p1.' + permalink.split('#p1.')[1].slice(0, 12) + 'x');
  // (a new fragment on the same page: the page restores it on hashchange)
  await page.waitForFunction(() => /the link is damaged/.test(document.getElementById('status').textContent));
});

await test('an assembler error is marked at its line', async (page) => {
  await typeProgram(page, 'addi a0, zero, 1\nadd a1, a0, q7\nebreak\n');
  await page.click('#run');
  // The CLI's message for the same file: `program.s:2:13: error: undefined symbol 'q7'`.
  writeFileSync(join(out, programName), 'addi a0, zero, 1\nadd a1, a0, q7\nebreak\n');
  const r = spawnSync(pipesim, ['run', programName, '--config', '5-stage'], { encoding: 'utf8', cwd: out });
  const m = /^(program\.s:(\d+):(\d+)): error: (.*)$/m.exec(r.stderr);
  assert.ok(m, `the CLI reports a line (${r.stderr})`);
  assert.equal(m[2], '2');
  assert.equal(await page.locator('#gutter div.error').count(), 1);
  assert.equal(await page.locator('#gutter div.error').textContent(), m[2]);
  assert.equal(await page.locator('#errors li').first().textContent(), m[1] + ': ' + m[4]);
  assert.equal(await page.locator('#backdrop .error-message').count(), 1);
  assert.match(await page.locator('#backdrop .error-message').textContent(), new RegExp(m[4].replace(/'/g, '.')));
  writeFileSync(loadUse, loadUseSource);
});

await test('a bad machine JSON is reported with its path', async (page) => {
  await page.check('#use-json');
  const config = JSON.parse(await page.locator('#config-json').inputValue());
  assert.ok(config && typeof config === 'object', 'the preset as JSON');
  await page.fill('#config-json', '{ not json');
  await page.click('#run');
  assert.match(await page.locator('#status').textContent(), /JSON/);
  // JSON the model rejects: the problem is listed with its path, as --config FILE reports it.
  config.bogus_key = 1;
  await page.fill('#config-json', JSON.stringify(config));
  await page.click('#run');
  assert.match(await page.locator('#config-errors').textContent(), /bogus_key/);
  await page.uncheck('#use-json');
  await page.fill('#sets', 'branches.polcy=x');
  await page.click('#run');
  assert.match(await page.locator('#config-errors').textContent(), /branches\.polcy/);
});

await test('explain, compare, datapath and memory panels', async (page) => {
  await typeProgram(page, loadUseSource);
  await page.click('#run');
  await page.click('#tabs button[data-tab="explain"]');
  const explain = cli(['explain', programName, '--config', '5-stage']);
  assert.equal(await page.locator('#explain').textContent(), explain);
  await page.click('#tabs button[data-tab="compare"]');
  await page.click('#compare-run');
  const machines = await page.locator('#compare-machines input:checked').evaluateAll((els) => els.map((e) => e.value));
  assert.equal(await page.locator('#compare-text').textContent(), cli(['compare', programName, '--configs', machines.join(',')]));
  assert.equal(await page.locator('svg.bars rect.bar').count(), machines.length);
  await page.screenshot({ path: join(out, 'playground-compare.png') });
  await page.click('#tabs button[data-tab="datapath"]');
  await page.fill('#cycle', '7');
  await page.click('#goto');
  assert.equal(await page.locator('svg.datapath .dp-stage').count(), 5);
  // Cycle 7: add receives a1 over MEM/WB -> EX.
  assert.ok(await page.locator('svg.datapath .dp-forward.active').count() >= 1, 'a forwarding path is active');
  assert.match(await page.locator('svg.datapath .dp-stage[data-stage="2"]').textContent(), /add a2, a1, a1/);
  await page.screenshot({ path: join(out, 'playground-datapath.png') });
  // Memory at the cursor: `sw a0, -4(sp)` (sp = 0x80000000) writes 7 at 0x7ffffffc and commits in
  // its WB, cycle 6; at cycle 5 the functional model has not run it yet.
  await page.click('#tabs button[data-tab="memory"]');
  await page.fill('#mem-addr', '0x7ffffff0');
  await page.fill('#mem-length', '16');
  await page.locator('#mem-length').dispatchEvent('change');
  const dump = async (cycle) => {
    await page.fill('#cycle', String(cycle));
    await page.click('#goto');
    await page.waitForFunction((c) => document.getElementById('mem-when').textContent.endsWith('cycle ' + c), cycle);
    return page.locator('#memory').textContent();
  };
  assert.match(await dump(5), /^7ffffff0 {2}(00 ){12}00 00 00 00 /);
  assert.match(await page.locator('#mem-when').textContent(), /after the 1 instruction committed/);
  assert.match(await dump(6), /^7ffffff0 {2}(00 ){12}07 00 00 00 /);
});

// Every preset runs, draws its diagram and its datapath without a script error (multi-cycle and
// single-cycle machines, parallel units, caches, two-issue machines).
await test('every preset: run, diagram and datapath', async (page) => {
  await typeProgram(page, '  li t0, 3\n  li t1, 7\nloop:\n  lw a0, -4(sp)\n  add a1, a0, t1\n  mul a2, a1, t1\n' +
    '  div a3, a2, t0\n  addi t0, t0, -1\n  bnez t0, loop\n  ebreak\n');
  await page.click('#tabs button[data-tab="datapath"]');
  const presets = await page.locator('#preset option').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(presets.length > 10, `presets listed (${presets.length})`);
  for (const preset of presets) {
    await page.selectOption('#preset', preset);
    await page.click('#run');
    assert.equal(await page.locator('#status').getAttribute('class'), '', `${preset} ran: ${await page.locator('#status').textContent()}`);
    await page.fill('#cycle', '8');
    await page.click('#goto');
    assert.ok(await page.locator('svg.datapath .dp-stage').count() >= 1, `${preset} has a datapath`);
  }
});

await test('an exercise: a wrong answer gets the same first line as pipesim check', async (page) => {
  await page.selectOption('#exercise', 'load_use');
  assert.match(await page.locator('#exercise-text').textContent(), /load-use hazard/);
  // A wrong answer: every instruction one cycle after the other, no stall.
  const rows = await page.locator('#exercise-grid tr th.label').count();
  assert.equal(rows, 9);
  const cells = [];
  for (let r = 0; r < rows; r++) cells.push(Array(r).fill('').concat(['IF', 'ID', 'EX', 'MEM', 'WB']));
  await page.evaluate((c) => window.PipesimApp.exercise.setCells(c), cells);
  await page.click('#exercise-check');
  const feedback = await page.locator('#exercise-feedback').textContent();
  // The exercise and the answer named as the page names them (the report quotes the names).
  const dir = join(out, 'exercise');
  mkdirSync(dir, { recursive: true });
  for (const f of ['load_use.s', 'load_use.md']) copyFileSync(join(repo, 'programs/exercises', f), join(dir, f));
  writeFileSync(join(dir, 'answer.csv'), await page.evaluate(() => window.PipesimApp.exercise.answer()));
  const expected = cli(['check', 'load_use.s', '--config', '5-stage', '--answer', 'answer.csv'], dir);
  assert.equal(feedback.split('\n')[0], expected.split('\n')[0]);
  assert.doesNotMatch(expected.split('\n')[0], /score 100\/100/);
  await page.screenshot({ path: join(out, 'playground-exercise.png') });
});

// Speed (printed, not asserted: docs/performance.md records it).
await test('speed: a long run without the diagram, a 100k-cycle run with it', async (page) => {
  const loop = (n) => `  li t0, ${n}\nloop:\n  addi t0, t0, -1\n  bnez t0, loop\n  ebreak\n`;
  const m = await page.evaluate((source) => {
    const app = window.PipesimApp;
    const started = performance.now();
    const reply = app.call('run', { source, machine: { preset: '5-stage' }, view: false, max_cycles: 1e9 });
    return { ms: performance.now() - started, ok: reply.ok, error: reply.error, cycles: reply.ok && JSON.parse(reply.result_text).cycles,
      reported: reply.cycles_per_second };
  }, loop(2500000));
  assert.ok(m.ok, m.error);
  console.log(`     5-stage, view off: ${m.cycles} cycles in ${m.ms.toFixed(0)} ms = ${(m.cycles / m.ms / 1000).toFixed(1)} M cycles/s` +
    ` (the model says ${m.reported ? (m.reported / 1e6).toFixed(1) + ' M' : '–'})`);
  // 25000 iterations: 100005 cycles (tests/browser/html_view_test.mjs derives it).
  await typeProgram(page, 'x');
  await page.locator('#source').fill(loop(25000));
  const t = await page.evaluate(() => new Promise((done) => {
    const started = performance.now();
    window.PipesimApp.run();
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
  }));
  assert.equal(await page.locator('#result-cycles').textContent(), '100005');
  console.log(`     100005-cycle run with its diagram: ${t.toFixed(0)} ms from Run to the diagram drawn`);
  const shot = join(out, 'playground.png');
  await page.evaluate(() => window.PipesimApp.setCycle(40));
  await page.screenshot({ path: shot });
});

await test('the docs screenshot', async (page) => {
  const demo = existsSync(join(repo, 'programs/examples/pipeline_demo.s'));
  if (!demo) return;
  await page.selectOption('#example', 'pipeline_demo');
  await page.fill('#cycle', '9');
  await page.click('#goto');
  const shot = join(out, 'playground-docs.png');
  await page.screenshot({ path: shot });
  if (process.env.PIPESIM_DOCS_IMAGE) copyFileSync(shot, process.env.PIPESIM_DOCS_IMAGE);
});

await browser.close();
if (failures.length > 0) {
  console.error(`${failures.length} browser test(s) failed: ${failures.join(', ')}`);
  process.exit(1);
}
