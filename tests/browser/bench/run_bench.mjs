// Runs the wasm core benchmark in headless Debian Chromium and prints its output (the table and the
// "result" lines). Called by tests/run_bench.sh.
// Usage: node tests/browser/bench/run_bench.mjs WASM_BUILD_DIR [core_bench arguments, e.g. --runs 7]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../harness.mjs';
import { startServer } from '../../../tools/serve.mjs';

// Generous: the benchmark itself takes about half a minute on a 2-core machine.
const kTimeoutMs = 10 * 60 * 1000;

const [wasmDir, ...benchArguments] = process.argv.slice(2);
if (!wasmDir || !existsSync(join(wasmDir, 'core_bench.html')) || !existsSync(join(wasmDir, 'core_bench.wasm'))) {
  console.error(`run_bench.mjs: no core_bench.html / core_bench.wasm in '${wasmDir}' (build core_bench with Emscripten first)`);
  process.exit(2);
}
// "--runs 7 --min-seconds 0.5" -> "?runs=7&min-seconds=0.5"; the page turns it back into arguments.
const query = new URLSearchParams();
for (let i = 0; i + 1 < benchArguments.length; i += 2) query.append(benchArguments[i].replace(/^--/, ''), benchArguments[i + 1]);

const server = await startServer(wasmDir, 0);
const userDataDir = mkdtempSync(join(tmpdir(), 'backprop-lab-bench-chromium-'));
let exitCode = 1;
try {
  const context = await launchBrowser(userDataDir);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error}`));
  const url = `http://127.0.0.1:${server.address().port}/core_bench.html?${query}`;
  // 'commit': the page blocks its main thread while the benchmark runs, so do not wait for 'load'.
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.bench && window.bench.exitCode !== null, null,
                             { timeout: kTimeoutMs, polling: 1000 });
  const bench = await page.evaluate(() => window.bench);
  console.log(`Browser: ${bench.userAgent}`);
  console.log(bench.lines.join('\n'));
  exitCode = bench.exitCode;
  await context.close();
} catch (error) {
  console.error(`run_bench.mjs: ${error.message}`);
} finally {
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(exitCode);
