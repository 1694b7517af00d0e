// The heaviest things a learner or a host page can ask for, in headless Debian Chromium (software
// WebGL), for docs/performance.md ("Heavy input") and #19:
//  - the heaviest playground link (10,000 points in six classes, eight hidden layers of 16, every
//    input feature, the largest boundary image) while it trains: the time between frames
//    (requestAnimationFrame), median and 90th percentile, and the longest;
//  - the longest command the work budget lets through (src/app/session/work_budget.h): runEpochs on
//    that link, `step` with the most whole steps on the largest stepper network, width vs depth's
//    trainEpochs; each asked for with a count over the budget first (refused), then with the count
//    the refusal offers, timed; and how long getState takes right after.
// Prints "result heavy_... key=value" lines (medians over --runs) for tests/run_bench.sh.
// Usage: node tests/browser/bench/heavy_bench.mjs WEB_DIR [--runs N] [--seconds S]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../harness.mjs';
import { startServer } from '../../../tools/serve.mjs';

const args = process.argv.slice(2);
const webDir = args[0];
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at > 0 && at + 1 < args.length ? Number(args[at + 1]) : fallback;
};
const runs = option('runs', 3);
const seconds = option('seconds', 4);
if (!webDir || !existsSync(join(webDir, 'index.html'))) {
  console.error(`heavy_bench.mjs: no index.html in '${webDir}' (build the web app first)`);
  process.exit(2);
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (x) => x.toFixed(1);

export const HEAVY_LINK = 'lesson=playground&data=blobs&classes=6&points=10000&hidden=16,16,16,16,16,16,16,16' +
  '&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2';

const server = await startServer(webDir, 0);
const userDataDir = mkdtempSync(join(tmpdir(), 'backprop-lab-heavy-bench-'));
let exitCode = 1;
try {
  const context = await launchBrowser(userDataDir);
  const base = `http://127.0.0.1:${server.address().port}/index.html#`;
  const open = async (fragment) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(base + fragment);
    await page.evaluate(() => window.backpropLab.ready.then(() => true));
    return page;
  };
  // Sends a command and times it in the page; the answer and the milliseconds.
  const timed = (page, request) => page.evaluate((r) => {
    const start = performance.now();
    const answer = window.backpropLab.send(r);
    const ms = performance.now() - start;
    const afterStart = performance.now();
    window.backpropLab.getState();
    return { answer, ms, getStateMs: performance.now() - afterStart };
  }, request);
  // Over the budget first (the refusal says how many fit), then that many, timed.
  const largestAllowed = async (page, request, countKey, tooMany) => {
    const refused = await timed(page, { ...request, [countKey]: tooMany });
    const fits = /at most (\d+) fit/.exec(refused.answer.error || '');
    if (refused.answer.ok || !fits) throw new Error(`${request.cmd} ${tooMany}: not refused by the budget: ${JSON.stringify(refused.answer).slice(0, 300)}`);
    const count = Number(fits[1]);
    const run = await timed(page, { ...request, [countKey]: count });
    if (!run.answer.ok) throw new Error(`${request.cmd} ${count}: ${run.answer.error}`);
    return { count, ms: run.ms, getStateMs: run.getStateMs };
  };

  const frames = [], commands = { runEpochs: [], step: [], trainEpochs: [] };
  for (let run = 0; run < runs; ++run) {
    // The heaviest link, training, largest boundary.
    let page = await open(HEAVY_LINK);
    await page.evaluate(() => window.backpropLab.send({ cmd: 'setBoundaryPixels', pixels: 2048 }));
    await page.evaluate(() => window.backpropLab.send({ cmd: 'train', running: true, epochsPerFrame: 100000 }));
    await page.waitForTimeout(3000);  // warm-up: the first frames adapt the boundary's resolution
    const gaps = await page.evaluate((ms) => new Promise((resolve) => {
      const times = [];
      const tick = (t) => {
        times.push(t);
        if (t - times[0] < ms) requestAnimationFrame(tick); else resolve(times.slice(1).map((x, i) => x - times[i]));
      };
      requestAnimationFrame(tick);
    }), seconds * 1000);
    const sorted = [...gaps].sort((a, b) => a - b);
    const state = await page.evaluate(() => window.backpropLab.getState().lessonState);
    frames.push({ median: median(gaps), p90: sorted[Math.floor(0.9 * (sorted.length - 1))], max: sorted[sorted.length - 1],
                  epochs: state.epoch, pixels: state.boundaryPixels });
    await page.evaluate(() => window.backpropLab.send({ cmd: 'train', running: false }));
    commands.runEpochs.push(await largestAllowed(page, { cmd: 'runEpochs' }, 'epochs', 100000));
    await page.close();
    // The largest stepper network: 16 inputs, eight hidden layers of 16, 16 outputs.
    page = await open('lesson=forward');
    const row = (i) => Array.from({ length: 16 }, (_, k) => ((i * 7 + k * 3) % 11 - 5) / 10);
    const layers = Array.from({ length: 9 }, (_, l) => ({ W: Array.from({ length: 16 }, (_, i) => row(i)), b: row(l),
                                                         activation: l === 8 ? 'sigmoid' : 'tanh' }));
    const set = await page.evaluate((r) => window.backpropLab.send(r), { cmd: 'setNetwork', layers, x: row(1), t: row(2).map((v) => (v + 0.5) / 2), learningRate: 0.01 });
    if (!set.ok) throw new Error(`setNetwork: ${set.error}`);
    commands.step.push(await largestAllowed(page, { cmd: 'step', granularity: 'step' }, 'count', 10000));
    await page.close();
    page = await open('lesson=width-depth');
    commands.trainEpochs.push(await largestAllowed(page, { cmd: 'trainEpochs' }, 'epochs', 20000));
    await page.close();
  }
  console.log(`Browser: ${await (await context.newPage()).evaluate(() => navigator.userAgent)}`);
  console.log(`Heaviest link #${HEAVY_LINK}, 1280x720, training, boundary cap 2048 (${frames[0].pixels}² drawn), ${runs} runs of ${seconds} s:`);
  for (const f of frames) console.log(`  frame gaps: median ${fmt(f.median)} ms, 90th percentile ${fmt(f.p90)} ms, longest ${fmt(f.max)} ms; epoch ${f.epochs} after the run`);
  for (const [name, list] of Object.entries(commands)) {
    console.log(`  ${name}: ${list.map((c) => `${c.count} in ${fmt(c.ms)} ms (getState after ${fmt(c.getStateMs)} ms)`).join('; ')}`);
  }
  console.log(`result heavy_frames median_ms=${fmt(median(frames.map((f) => f.median)))} p90_ms=${fmt(median(frames.map((f) => f.p90)))} ` +
              `max_ms=${fmt(median(frames.map((f) => f.max)))} boundary_pixels=${frames[0].pixels}`);
  for (const [name, list] of Object.entries(commands)) {
    console.log(`result heavy_${name} count=${list[0].count} ms=${fmt(median(list.map((c) => c.ms)))} ` +
                `get_state_ms=${fmt(median(list.map((c) => c.getStateMs)))}`);
  }
  exitCode = 0;
  await context.close();
} catch (error) {
  console.error(`heavy_bench.mjs: ${error.message}`);
} finally {
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(exitCode);
