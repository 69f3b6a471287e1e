// Headless Debian chromium through playwright-core, for the browser tests: the module and the
// browser's path, or a clear message and exit status 1 when either is missing.
import { existsSync } from 'node:fs';

export async function findChromium() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    console.error('playwright-core is missing: run `npm ci` in tests/browser (scripts/test.sh does)');
    process.exit(1);
  }
  const executablePath = process.env.PIPESIM_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(`${executablePath} not found: install Debian's chromium (scripts/deps.sh)`);
    process.exit(1);
  }
  return { chromium, executablePath };
}
