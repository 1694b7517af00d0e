// Runs every tests/browser/*.test.mjs against build/web in headless Chromium.
// Usage: node run.mjs BUILD_DIR [name-filter]. Prints "browser: N passed, M failed" last.
import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runAll } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const buildDir = process.argv[2] || join(here, '../../build');
const filter = process.argv[3] || '';
for (const file of readdirSync(here).filter((name) => name.endsWith('.test.mjs')).sort()) {
  await import(join(here, file));
}
const userDataDir = mkdtempSync(join(tmpdir(), 'backprop-lab-chromium-'));
const port = 8600 + Math.floor(Math.random() * 300);
let result = { passed: 0, failed: 1 };
try {
  result = await runAll({ webDir: join(buildDir, 'web'), artifactsDir: join(buildDir, 'test-artifacts'), userDataDir, port, filter });
} catch (error) {
  console.log(`  FAIL  the browser tests could not start: ${error.message}`);
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`browser: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);
