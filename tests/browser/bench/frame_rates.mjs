// Frame rates of the app in headless Debian Chromium (software WebGL: SwiftShader) at 1280x720,
// for comparing builds: the introduction, the worked example, and the playground (spiral,
// 2-8-8-8-8-1 ReLU, as playground_bench.mjs) paused and training. For each it reports frames per
// second and the CPU time per frame of all of Chromium's processes (from /proc: the page, the
// compositor and the GPU process that emulates the GPU), which depends much less than the frame
// rate on what else the machine is doing. Every frame draws (setDrawEveryFrame), so a still view
// is measured too. Give several web folders to compare them; the rounds
// alternate between them, and the medians are printed.
// Usage: node tests/browser/bench/frame_rates.mjs WEB_DIR [WEB_DIR ...] [--rounds N] [--seconds S]
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../harness.mjs';
import { startServer } from '../../../tools/serve.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && at + 1 < args.length ? Number(args[at + 1]) : fallback;
};
const rounds = option('rounds', 3);
const seconds = option('seconds', 3);
const dirs = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (dirs.length === 0 || dirs.some((d) => !existsSync(join(d, 'index.html')))) {
  console.error('frame_rates.mjs: give one or more web folders holding index.html (build the web app first)');
  process.exit(2);
}
const CLOCK_TICKS_PER_SECOND = 100;  // Linux's USER_HZ, the unit of utime and stime in /proc/PID/stat

// CPU time (ms) used so far by every process whose command line names `tag` (the profile folder).
function cpuMs(tag) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(tag)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);  // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function measureBuild(webDir) {
  const server = await startServer(webDir, 0);
  const profile = mkdtempSync(join(tmpdir(), 'backprop-lab-frame-rates-'));
  const context = await launchBrowser(profile);
  const results = {};
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.evaluate(() => window.backpropLab.ready.then(() => true));
    const call = async (request) => {
      const answer = await page.evaluate((r) => window.backpropLab.command(r), request);
      if (!answer.ok) throw new Error(`${request.cmd}: ${answer.error}`);
    };
    // Every frame draws, even an unchanged picture (which the app otherwise skips): the cost of a
    // frame is what is compared. Builds from before the command draw every frame anyway.
    await page.evaluate(() => window.backpropLab.command({ cmd: 'setDrawEveryFrame', on: true }));
    const measure = async (name) => {
      await page.waitForTimeout(800);  // settle: shaders compiled, images made
      const frame = () => page.evaluate(() => [window.backpropLab.getState().frame, performance.now()]);
      const [f0, t0] = await frame();
      const c0 = cpuMs(profile);
      await page.waitForTimeout(seconds * 1000);
      const [f1, t1] = await frame();
      const c1 = cpuMs(profile);
      results[name] = { fps: (f1 - f0) * 1000 / (t1 - t0), cpuPerFrame: (c1 - c0) / (f1 - f0) };
    };
    for (const lesson of ['intro', 'worked-example']) {
      await page.evaluate((id) => window.backpropLab.openLesson(id), lesson);
      await measure(lesson);
    }
    await page.evaluate(() => window.backpropLab.openLesson('playground'));
    await call({ cmd: 'configure', values: { data: 'spiral', points: 500, ratio: 0.5, noise: 0, seed: 1,
      features: 'x1,x2', hidden: '8,8,8,8', act: 'relu', head: 'tanh_mse', opt: 'sgd', lr: 0.03, batch: 10, wseed: 1 } });
    await call({ cmd: 'setBoundaryPixels', pixels: 256 });
    await measure('playground paused');
    await call({ cmd: 'train', running: true, epochsPerFrame: 1000 });
    await measure('playground training');
    await call({ cmd: 'train', running: false });
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

const all = dirs.map(() => []);
for (let round = 0; round < rounds; ++round) {
  for (let d = 0; d < dirs.length; ++d) all[d].push(await measureBuild(dirs[d]));
}
console.log(`Headless Chromium, 1280x720, ${rounds} rounds of ${seconds} s per view (medians; CPU = all Chromium processes)`);
for (const view of Object.keys(all[0][0])) {
  for (let d = 0; d < dirs.length; ++d) {
    const fps = median(all[d].map((r) => r[view].fps));
    const cpu = median(all[d].map((r) => r[view].cpuPerFrame));
    console.log(`  ${view.padEnd(20)} ${dirs[d].padEnd(28)} ${fps.toFixed(1).padStart(5)} frames/s  ${cpu.toFixed(1).padStart(6)} ms CPU per frame`);
  }
}
