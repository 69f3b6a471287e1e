// Tests pipesim's HTML view (`run --html`, `compare --html`) in a real headless Chromium
// (Debian's chromium, driven by playwright-core). Registered with ctest by tests/CMakeLists.txt:
//   node tests/browser/html_view_test.mjs PIPESIM_BINARY OUTPUT_DIR
// It writes the pages and screenshots into OUTPUT_DIR and exits non-zero on the first failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { findChromium } from './chromium.mjs';

const [pipesim, outArg] = process.argv.slice(2);
if (!pipesim || !outArg) {
  console.error('usage: node html_view_test.mjs PIPESIM_BINARY OUTPUT_DIR');
  process.exit(2);
}
const out = resolve(outArg);
mkdirSync(out, { recursive: true });

const { chromium, executablePath } = await findChromium();

function pipesimRun(args, expectStatus = 0) {
  try {
    execFileSync(pipesim, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    assert.equal(0, expectStatus, `pipesim ${args.join(' ')} exited 0`);
  } catch (e) {
    if (e.status === undefined || e.status !== expectStatus) throw e;
  }
}

// The load-use case hand-worked in tests/golden/textbook_test.cpp ("load-use costs one stall with
// forwarding"), on the 5-stage preset:
//                          1   2   3   4   5   6   7   8   9   10
// 00010000  li a0, 7       IF  ID  EX  MEM WB
// 00010004  sw a0, -4(sp)      IF  ID  EX  MEM WB
// 00010008  lw a1, -4(sp)          IF  ID  EX  MEM WB
// 0001000c  add a2, a1, a1             IF  ID  S   EX  MEM WB
// 00010010  ebreak                         IF  S   ID  EX  MEM WB
const loadUse = join(out, 'load_use.s');
writeFileSync(loadUse, 'addi a0, zero, 7\nsw   a0, -4(sp)\nlw   a1, -4(sp)\nadd  a2, a1, a1\nebreak\n');

// A loop of 25000 iterations of addi + bnez on 5-stage (branches resolved in EX, predict
// not-taken): each of the 24999 taken bnez flushes 2 instructions (2 control stall cycles).
// Committed: li (lui + addi) 2 + 25000 * 2 + ebreak 1 = 50003; cycles = 50003 + 4 fill +
// 2 * 24999 = 100005; rows = 50003 + 49998 flushed = 100001.
const longLoop = join(out, 'long_loop.s');
writeFileSync(longLoop, '  li t0, 25000\nloop:\n  addi t0, t0, -1\n  bnez t0, loop\n  ebreak\n');

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
});
const failures = [];
async function test(name, body) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Generous: the test machines are shared and often loaded (these are not timing tests).
  page.setDefaultTimeout(120000);
  page.setDefaultNavigationTimeout(120000);
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) errors.push(`network: ${req.url()}`);
  });
  try {
    await body(page);
    assert.deepEqual(errors, [], 'no console error, page error or network request');
    console.log(`ok   ${name}`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}\n${e.stack || e}\n${errors.join('\n')}`);
  } finally {
    await page.close();
  }
}

await test('run --html: the load-use diagram', async (page) => {
  const html = join(out, 'load_use.html');
  pipesimRun(['run', loadUse, '--config', '5-stage', '--html', html]);
  await page.goto(pathToFileURL(html).href);

  // 5 rows: the 5 committed instructions (those fetched behind ebreak are hidden, as in the text
  // diagram). Non-empty cells: 5 stages per row plus one S in rows 4 and 5 = 5*5 + 2 = 27, of
  // which 2 are stalls.
  assert.equal(await page.locator('.rowhead .label').count(), 5);
  const cells = await page.locator('.body .cell').allTextContents();
  assert.equal(cells.filter((t) => t.trim() !== '').length, 27);
  assert.equal(await page.locator('.body .cell.stall').count(), 2);
  // Row 4 (add, index 3) reads, cycle by cycle from 4: IF ID S EX MEM WB.
  const row4 = [];
  for (let c = 4; c <= 9; c++) row4.push(await page.locator(`.cell[data-r="3"][data-c="${c}"]`).textContent());
  assert.deepEqual(row4, ['IF', 'ID', 'S', 'EX', 'MEM', 'WB']);

  // add's S in cycle 6: held in ID waiting for lw's a1, which exists after MEM.
  await page.locator('.cell[data-r="3"][data-c="6"]').hover();
  const tip = await page.locator('#tooltip').textContent();
  assert.ok(await page.locator('#tooltip').isVisible(), 'tooltip shown');
  assert.match(tip, /stalled in ID: load-use on a1 from lw a1, -4\(sp\) at 0x10008, available after MEM/);
  // ebreak's S in cycle 6 (IF) is frozen behind it.
  await page.locator('.cell[data-r="4"][data-c="6"]').hover();
  assert.match(await page.locator('#tooltip').textContent(), /stalled in IF behind add a2, a1, a1 at 0x1000c.*load-use on a1/);
  // add's EX in cycle 7 receives a1 from lw over MEM/WB (the textbook's comment).
  await page.locator('.cell[data-r="3"][data-c="7"]').hover();
  assert.match(await page.locator('#tooltip').textContent(), /gets a1 forwarded over MEM\/WB → EX from lw a1, -4\(sp\)/);

  // Forwarding arrows: sw gets a0 from li over EX/MEM in cycle 4, add gets a1 from lw over MEM/WB
  // in cycle 7 (both its operands: one path) = 2 arrows.
  assert.equal(await page.locator('svg.arrows path[d]').count(), 2 + 1 /* the arrow-head marker */);

  // The cursor starts at cycle 1; → moves it to cycle 2, whose column holds li's ID and sw's IF.
  assert.equal(await page.locator('.colhead .num.current').textContent(), '1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('.colhead .num.current').textContent(), '2');
  assert.deepEqual(await page.locator('.cell.cur').allTextContents(), ['ID', 'IF']);
  // Register file: li a0, 7 writes a0 in its WB, cycle 5; before that a0 is 0.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('.regs td[data-reg="10"]').textContent(), '0x00000000');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('.colhead .num.current').textContent(), '5');
  assert.equal(await page.locator('.regs td[data-reg="10"]').textContent(), '0x00000007');
  assert.equal(await page.locator('.regs td.changed').count(), 1);
  // At cycle 7 the "at the cursor" list shows the forwarding path; add a2 = 14 after cycle 9.
  await page.click('#next');
  await page.click('#next');
  assert.match(await page.locator('.now-list').textContent(), /forwarding a1 over MEM\/WB → EX/);
  await page.click('#next');
  await page.click('#next');
  assert.equal(await page.locator('.regs td[data-reg="12"]').textContent(), '0x0000000e');
  await page.click('#prev');
  assert.equal(await page.locator('.colhead .num.current').textContent(), '8');
  await page.screenshot({ path: join(out, 'html-view-load-use.png'), fullPage: true });
});

await test('compare --html: one diagram per config, side by side', async (page) => {
  const html = join(out, 'compare.html');
  pipesimRun(['compare', loadUse, '--configs', '5-stage,5-stage-no-forwarding,single-cycle', '--html', html]);
  await page.goto(pathToFileURL(html).href);
  assert.equal(await page.locator('section.run').count(), 3);
  assert.equal(await page.locator('section.run .diagram').count(), 3);
  assert.deepEqual(await page.locator('section.run h2').allTextContents(),
    ['5-stage', '5-stage-no-forwarding', 'single-cycle']);
  // Side by side: the panels share a top edge.
  const tops = await page.locator('section.run').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  assert.ok(tops.every((t) => t === tops[0]), `panels side by side (tops ${tops})`);
  // The single-cycle machine: one `*` cell per instruction (5 instructions, one cycle each).
  assert.equal(await page.locator('section.run:nth-of-type(3) .cell').count(), 5);
  assert.match(await page.locator('#comparison').textContent(), /5-stage-no-forwarding/);
  await page.screenshot({ path: join(out, 'html-view-compare.png'), fullPage: true });
});

// Every preset on one page: multi-cycle and single-cycle machines, functional-unit positions,
// caches, no interlocks. Checks that each draws and explains its cells without a script error.
const mix = join(out, 'mix.s');
writeFileSync(mix, '  li t0, 3\n  li t1, 7\nloop:\n  lw a0, -4(sp)\n  add a1, a0, t1\n  mul a2, a1, t1\n' +
  '  div a3, a2, t0\n  addi t0, t0, -1\n  bnez t0, loop\n  ebreak\n');
await test('compare --html: every preset draws', async (page) => {
  const presets = execFileSync(pipesim, ['configs']).toString().trim().split('\n').map((l) => l.split(/\s+/)[0]);
  const html = join(out, 'presets.html');
  pipesimRun(['compare', mix, '--configs', presets.join(','), '--html', html]);
  await page.goto(pathToFileURL(html).href);
  assert.equal(await page.locator('section.run').count(), presets.length);
  for (let k = 0; k < presets.length; k++) {
    const run = page.locator('section.run').nth(k);
    assert.ok(await run.locator('.cell').count() > 0, `${presets[k]} has cells`);
    await run.locator('.cell').first().hover();
    assert.match(await page.locator('#tooltip').textContent(), /cycle 1/);
    const stall = run.locator('.cell.stall');
    if (await stall.count() > 0) {
      await stall.first().hover();
      assert.match(await page.locator('#tooltip').textContent(), /stall|stays/);
    }
  }
  // The shortest run (single-cycle) is 21 cycles: li, li, 3 * 6 in the loop, ebreak.
  for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#cycle').inputValue(), '21');
  assert.equal(await page.locator('.colhead .num.current').count(), presets.length);
});

await test('a 100k-cycle run stays small in the DOM and scrolls', async (page) => {
  const html = join(out, 'long_loop.html');
  pipesimRun(['run', longLoop, '--config', '5-stage', '--html', html]);
  await page.goto(pathToFileURL(html).href);
  const [last, rows] = await page.evaluate(() => {
    const run = JSON.parse(document.getElementById('pipesim-data').textContent).runs[0];
    return [run.lastCycle, run.rows.length];
  });
  assert.equal(last, 100005);
  assert.equal(rows, 100001);
  const domSize = () => page.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(await domSize() < 3000, `DOM small at the start (${await domSize()} elements)`);
  // Scroll to the middle: the cells drawn are those of the middle of the run.
  await page.locator('.diagram').evaluate((d) => { d.scrollTop = d.scrollHeight / 2; d.scrollLeft = d.scrollWidth / 2; });
  await page.waitForFunction(() => {
    const c = document.querySelector('.body .cell');
    return c && +c.dataset.c > 40000;
  });
  const cycles = await page.locator('.body .cell').evaluateAll((els) => els.map((e) => +e.dataset.c));
  assert.ok(cycles.length > 10, `cells in view (${cycles.length})`);
  assert.ok(Math.min(...cycles) > 45000 && Math.max(...cycles) < 56000, `middle cycles (${Math.min(...cycles)}..${Math.max(...cycles)})`);
  assert.ok(await domSize() < 3000, `DOM small in the middle (${await domSize()} elements)`);
  // End moves the cursor to the last cycle and brings it into view; zooming out keeps it small.
  await page.keyboard.press('End');
  assert.equal(await page.locator('.colhead .num.current').textContent(), String(last));
  assert.ok(await page.locator('.cell.cur').count() >= 1, 'the last cycle is drawn');
  for (let k = 0; k < 8; k++) await page.click('#zoom-out');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await domSize() < 8000, `DOM small zoomed out (${await domSize()} elements)`);
});

await browser.close();
if (failures.length > 0) {
  console.error(`${failures.length} browser test(s) failed: ${failures.join(', ')}`);
  process.exit(1);
}
