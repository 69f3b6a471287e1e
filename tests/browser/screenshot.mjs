// Makes the README's screenshot of the HTML view (docs/images/html-view.png):
//   node tests/browser/screenshot.mjs build/pipesim docs/images/html-view.png
// pipeline_demo.s on the 5-stage preset, the cursor on the cycle the slli is stalled in (load-use
// on t2), with that cell's tooltip showing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [pipesim, png] = process.argv.slice(2);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const html = join(mkdtempSync(join(tmpdir(), 'pipesim-shot-')), 'demo.html');
try {
  execFileSync(resolve(pipesim), ['run', 'programs/examples/pipeline_demo.s', '--config', '5-stage',
    '--html', html, '-q'], { stdio: 'ignore', cwd: root });
} catch (e) {
  if (e.status !== 90) throw e;  // the demo exits with its result, 90
}

const browser = await chromium.launch({
  executablePath: process.env.PIPESIM_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
await page.goto(pathToFileURL(html).href);
// Row 6 is `slli t3, t2, 0x1` (rows count from 0), stalled in cycle 8 (README's diagram).
for (let c = 1; c < 8; c++) await page.keyboard.press('ArrowRight');
const cell = page.locator('.cell[data-r="5"][data-c="8"]');
await cell.hover();
await page.screenshot({ path: resolve(png) });
await browser.close();
