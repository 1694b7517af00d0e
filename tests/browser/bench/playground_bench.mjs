// The playground benchmark in headless Debian Chromium (software WebGL): the app itself, driven
// through window.backpropLab, on the two-arm spiral with a 2-8-8-8-8-1 ReLU network (tanh output,
// squared error, batch 10, lr 0.03: the classic playground's configuration). It measures, over
// several windows, the epochs trained per second and the frames drawn per second while training
// runs with the boundary, thumbnails and curves drawn every frame (each frame drawing the parts of
// the canvas that changed; then again with every frame drawn whole), the frame time with training
// paused (drawn every frame all the same: setDrawEveryFrame), and how many frames draw when the
// paused playground is left alone (normally none: a frame that would change no pixel draws nothing). Also the web build's size (each file gzip -9, what a server sends compressed) and the
// time from navigation to the first drawn frame (median of 3 fresh loads). Prints "result ..."
// lines (medians) for tests/run_bench.sh. Called by ./build.sh bench.
// Usage: node tests/browser/bench/playground_bench.mjs WEB_DIR [--windows N] [--seconds S] [--boundary PIXELS]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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
const windows = option('windows', 5);
const seconds = option('seconds', 3);
const boundary = option('boundary', 256);
if (!webDir || !existsSync(join(webDir, 'index.html'))) {
  console.error(`playground_bench.mjs: no index.html in '${webDir}' (build the web app first)`);
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const server = await startServer(webDir, 0);
const userDataDir = mkdtempSync(join(tmpdir(), 'backprop-lab-playground-bench-'));
let exitCode = 1;
try {
  const context = await launchBrowser(userDataDir);
  // Startup: the files the page loads, compressed, and the time to the first frame.
  let gzipBytes = 0;
  // Everything the app's page loads: index.html and every script and wasm file (not the example
  // page), one of the two builds: backprop_lab (wasm SIMD), not its fallback backprop_lab_scalar,
  // which only a browser without wasm SIMD loads instead.
  const loaded = (f) => f === 'index.html' || (/\.(js|wasm)$/.test(f) && !f.includes('_scalar.'));
  for (const name of readdirSync(webDir).filter(loaded)) {
    gzipBytes += gzipSync(readFileSync(join(webDir, name)), { level: 9 }).length;
  }
  const firstFrames = [];
  for (let i = 0; i < 3; ++i) {
    const fresh = await context.newPage();
    await fresh.setViewportSize({ width: 1280, height: 720 });
    await fresh.goto(`http://127.0.0.1:${server.address().port}/?load=${i}`);
    firstFrames.push(await fresh.evaluate(() => window.backpropLab.ready.then(() => performance.now())));
    await fresh.close();
  }
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  page.on('pageerror', (error) => console.error(`page error: ${error}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.evaluate(() => window.backpropLab.ready.then(() => true));
  const call = (request) => page.evaluate((r) => window.backpropLab.command(r), request);
  await page.evaluate(() => window.backpropLab.openLesson('playground'));
  let answer = await call({ cmd: 'configure', values: { data: 'spiral', points: 500, ratio: 0.5, noise: 0, seed: 1,
    features: 'x1,x2', hidden: '8,8,8,8', act: 'relu', head: 'tanh_mse', opt: 'sgd', lr: 0.03, batch: 10, wseed: 1 } });
  if (!answer.ok) throw new Error(`configure: ${answer.error}`);
  answer = await call({ cmd: 'setBoundaryPixels', pixels: boundary });
  if (!answer.ok) throw new Error(`setBoundaryPixels: ${answer.error}`);

  // One window: the counters before and after `seconds` of wall time.
  const measure = async () => {
    const before = await page.evaluate(() => {
      const s = window.backpropLab.getState();
      return { frame: s.frame, drawn: s.framesDrawn, epoch: s.lessonState.epoch, t: performance.now() };
    });
    await page.waitForTimeout(seconds * 1000);
    const after = await page.evaluate(() => {
      const s = window.backpropLab.getState();
      return { frame: s.frame, drawn: s.framesDrawn, epoch: s.lessonState.epoch, t: performance.now(),
               pixels: s.lessonState.boundaryPixels, diverged: s.lessonState.diverged, share: s.redrawnFraction };
    });
    const dt = (after.t - before.t) / 1000;
    return { fps: (after.frame - before.frame) / dt, epochsPerSecond: (after.epoch - before.epoch) / dt,
             drawnPerSecond: (after.drawn - before.drawn) / dt, pixels: after.pixels, diverged: after.diverged,
             share: after.share };
  };

  // Left alone, then drawn every frame (an older build without the command draws every frame anyway).
  await page.waitForTimeout(1000);
  const idle = await measure();
  await call({ cmd: 'setDrawEveryFrame', on: true });
  const paused = [];
  for (let i = 0; i < Math.max(2, Math.ceil(windows / 2)); ++i) paused.push(await measure());
  await call({ cmd: 'setDrawEveryFrame', on: false });
  answer = await call({ cmd: 'train', running: true, epochsPerFrame: 1000 });
  if (!answer.ok) throw new Error(`train: ${answer.error}`);
  await page.waitForTimeout(1000);  // warm-up
  const running = [];
  for (let i = 0; i < windows; ++i) running.push(await measure());
  // The same with every frame drawn whole (what a frame costs without keeping the unchanged parts).
  await call({ cmd: 'setDrawEveryFrame', on: true });
  await page.waitForTimeout(500);
  const runningWhole = [];
  for (let i = 0; i < Math.max(2, Math.ceil(windows / 2)); ++i) runningWhole.push(await measure());
  await call({ cmd: 'setDrawEveryFrame', on: false });
  await call({ cmd: 'train', running: false });
  const final = (await call({ cmd: 'getPlayground' })).playground;

  const fmt = (x) => x.toFixed(1);
  console.log(`Browser: ${await page.evaluate(() => navigator.userAgent)}`);
  console.log(`Playground, spiral 500 points (250 train), 2-8-8-8-8-1 ReLU, tanh output, batch 10, viewport 1280x720,`);
  console.log(`boundary evaluated on ${running[0].pixels}x${running[0].pixels} points, ${windows} windows of ${seconds} s:`);
  for (const [name, list] of [['paused', paused], ['running', running], ['whole', runningWhole]]) {
    console.log(`  ${name.padEnd(8)} epochs/s ${list.map((w) => fmt(w.epochsPerSecond)).join(' ')}` +
                `   frames/s ${list.map((w) => fmt(w.fps)).join(' ')}`);
  }
  const eps = median(running.map((w) => w.epochsPerSecond));
  const fps = median(running.map((w) => w.fps));
  const pausedFps = median(paused.map((w) => w.fps));
  const drawn = median(running.map((w) => w.drawnPerSecond / w.fps));
  const share = median(running.map((w) => w.share));
  const wholeEps = median(runningWhole.map((w) => w.epochsPerSecond));
  const wholeFps = median(runningWhole.map((w) => w.fps));
  console.log(`result playground_running epochs_per_second=${fmt(eps)} fps=${fmt(fps)} frame_ms=${fmt(1000 / fps)} ` +
              `boundary_pixels=${running[0].pixels} diverged=${final.diverged} train_accuracy=${final.train.accuracy} ` +
              `frames_drawn=${fmt(100 * drawn)}% canvas_redrawn=${fmt(100 * share)}%`);
  console.log(`result playground_running_whole epochs_per_second=${fmt(wholeEps)} fps=${fmt(wholeFps)} frame_ms=${fmt(1000 / wholeFps)}`);
  console.log(`result playground_paused fps=${fmt(pausedFps)} frame_ms=${fmt(1000 / pausedFps)}`);
  console.log(`result playground_idle fps=${fmt(idle.fps)} drawn_per_second=${fmt(idle.drawnPerSecond)}`);
  console.log(`Startup: time to the first frame ${firstFrames.map(fmt).join(' ')} ms; page files gzip -9 ${gzipBytes} bytes`);
  console.log(`result startup first_frame_ms=${fmt(median(firstFrames))} gzip_bytes=${gzipBytes}`);
  exitCode = 0;
  await context.close();
} catch (error) {
  console.error(`playground_bench.mjs: ${error.message}`);
} finally {
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(exitCode);
