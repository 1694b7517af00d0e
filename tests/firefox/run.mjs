// A small Firefox smoke suite: Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core
// (from tests/browser/node_modules). Headless Firefox has no WebGL2 here, so it runs in a window
// under Xvfb with Mesa:
//   xvfb-run -a -s '-screen 0 1280x800x24' node tests/firefox/run.mjs BUILD_DIR [name-filter]
// Any console error or page error fails the test that saw it. Prints "firefox: N passed, M failed" last.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, assertClose, pngStatistics } from '../browser/harness.mjs';
import { startServer } from '../../tools/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../browser/package.json'));
const buildDir = process.argv[2] || join(here, '../../build');
const filter = process.argv[3] || '';
const webDir = join(buildDir, 'web');
const artifactsDir = join(buildDir, 'test-artifacts');
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const VIEWPORT = { width: 1280, height: 720 };
const LAUNCH_TIMEOUT_MS = 60000;
const TEST_TIMEOUT_MS = 60000;
const WAIT_TIMEOUT_MS = 30000;
const PUBLISHED = 1e-8;  // the worked example's figures are published to 9 digits

// A promise that rejects, naming what it waited for, when it takes longer than ms.
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Waits until fn(arg) is truthy in the page (polled every 50 ms).
async function waitFor(page, what, fn, arg, ms = WAIT_TIMEOUT_MS) {
  try {
    return await page.waitForFunction(fn, { timeout: ms, polling: 50 }, arg);
  } catch (error) {
    throw new Error(`waiting (up to ${ms / 1000} s) for ${what} failed: ${error.message.split('\n')[0]}`);
  }
}

// Waits until the app has run `frames` more frames than now, so what a command changed is drawn.
async function waitFrames(page, frames, what) {
  const from = await page.evaluate(() => window.backpropLab.getState().frame);
  await waitFor(page, `${frames} frames after ${what}`, ([start, n]) => window.backpropLab.getState().frame >= start + n, [from, frames]);
}

const stepState = (page) => page.evaluate(() => window.backpropLab.getState().step);
const command = (page, request) => page.evaluate((r) => window.backpropLab.send(r), request);

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// The current test's page: opened fresh, its console errors and page errors collected.
async function openApp(browser, baseUrl, errors, path = '') {
  const page = await withTimeout(browser.newPage(), WAIT_TIMEOUT_MS, 'a new Firefox tab');
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => errors.push(`page error: ${error && error.message ? error.message : error}`));
  await page.setViewport(VIEWPORT);
  await withTimeout(page.goto(baseUrl + path, { waitUntil: 'load', timeout: WAIT_TIMEOUT_MS }), WAIT_TIMEOUT_MS + 1000,
                    `the page ${baseUrl + path} to load`);
  await waitFor(page, 'window.backpropLab to be defined', () => typeof window.backpropLab === 'object');
  // ready rejects with the page's sentence when Firefox cannot run the app (e.g. no WebGL2).
  const started = await withTimeout(
    page.evaluate(() => window.backpropLab.ready.then(() => ({ ok: true }), (error) => ({ ok: false, error: String(error && error.message || error) }))),
    WAIT_TIMEOUT_MS, 'window.backpropLab.ready');
  assert(started.ok, `the app did not start: ${started.error}`);
  return page;
}

async function screenshot(page, name) {
  const path = join(artifactsDir, `firefox-${name}.png`);
  const bytes = Buffer.from(await withTimeout(page.screenshot(), WAIT_TIMEOUT_MS, `a screenshot of ${name}`));
  writeFileSync(path, bytes);
  return { path, stats: pngStatistics(bytes) };
}

test('the app starts in Firefox with WebGL2 and answers through window.backpropLab', async ({ open }) => {
  const page = await open();
  const state = await page.evaluate(() => window.backpropLab.getState());
  assert(typeof state.version === 'string' && state.version.length > 0, `a version string, got ${state.version}`);
  assert(Array.isArray(state.lessons) && state.lessons.length > 5 && state.lessons.includes('worked-example'),
         `getState().lessons lists the lessons: ${state.lessons}`);
  assert(state.canvas.width > 0 && state.canvas.height > 0, `the canvas has a size: ${JSON.stringify(state.canvas)}`);
  await waitFor(page, 'the app to draw frames', () => window.backpropLab.getState().framesDrawn > 0);
});

test('every lesson opens without a console error or page error', async ({ open, errors }) => {
  const page = await open();
  const lessons = await page.evaluate(() => window.backpropLab.getState().lessons);
  assert(lessons.length > 5, `lessons listed: ${lessons}`);
  for (const id of lessons) {
    const before = errors.length;
    const answer = await command(page, { cmd: 'openLesson', id });
    assert(answer.ok, `openLesson('${id}') refused: ${answer.error}`);
    await waitFor(page, `getState().lesson.id to be '${id}'`, (lesson) => window.backpropLab.getState().lesson.id === lesson, id);
    await waitFrames(page, 3, `opening '${id}'`);
    assert(errors.length === before, `lesson '${id}': ${errors.slice(before).join(' | ')}`);
  }
});

test('worked example: the published numbers after the forward pass, the loss and one update', async ({ open }) => {
  const page = await open();
  await page.evaluate(() => window.backpropLab.openLesson('worked-example'));
  await waitFor(page, "getState().lesson.id to be 'worked-example'", () => window.backpropLab.getState().lesson.id === 'worked-example');
  let step = await stepState(page);
  assert(step.phase === 'start' && step.position === 0 && step.stationCount === 16, `the start of 16 stations: ${step.description}`);

  let answer = await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 4 });
  assert(answer.ok, `4 neuron steps: ${answer.error}`);
  step = await stepState(page);
  assert(step.phase === 'forward' && step.layer === 1 && step.neuron === 1, `after 4 moves: ${step.description}`);
  assertClose(step.layers[0].a[0], 0.593269992, PUBLISHED, 'out_h1');
  assertClose(step.layers[1].a[0], 0.75136507, PUBLISHED, 'out_o1');

  await command(page, { cmd: 'jumpToPhase', phase: 'loss' });
  await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron' });
  step = await stepState(page);
  assertClose(step.loss, 0.298371109, PUBLISHED, 'E_total');

  answer = await command(page, { cmd: 'step', direction: 'next', granularity: 'layer', count: 2 });
  assert(answer.ok, `2 layer steps: ${answer.error}`);
  step = await stepState(page);
  assert(step.phase === 'backward' && step.layer === 0, `backward at layer 0: ${step.description}`);
  assertClose(step.layers[1].dW[0][0], 0.082167041, PUBLISHED, '∂E/∂w5');
  assertClose(step.layers[0].dW[0][0], 0.000438568, PUBLISHED, '∂E/∂w1');

  answer = await command(page, { cmd: 'step', direction: 'next', granularity: 'phase' });
  assert(answer.ok, `a phase step: ${answer.error}`);
  step = await stepState(page);
  assert(step.phase === 'update', `a phase move reaches the update: ${step.phase}`);
  assertClose(step.layers[1].newW[0][0], 0.35891648, PUBLISHED, 'new w5');
  assertClose(step.layers[0].newW[0][0], 0.149780716, PUBLISHED, 'new w1');

  // Two step moves: to "done", then past it, which takes the step. The next step starts from the
  // updated weights with a lower loss.
  answer = await command(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 2 });
  assert(answer.ok, `two step moves: ${answer.error}`);
  step = await stepState(page);
  assert(step.stepsTaken === 1, `one step taken, got ${step.stepsTaken}`);
  assertClose(step.layers[1].W[0][0], 0.35891648, PUBLISHED, 'w5 after one step');
  assertClose(step.layers[0].W[0][0], 0.149780716, PUBLISHED, 'w1 after one step');
  assert(step.loss < 0.298371109, `the loss went down after one step: ${step.loss}`);
});

test('screenshots of the worked example and the playground are drawn (not blank)', async ({ open }) => {
  const page = await open('#lesson=worked-example');
  await waitFor(page, "getState().lesson.id to be 'worked-example'", () => window.backpropLab.getState().lesson.id === 'worked-example');
  const answer = await command(page, { cmd: 'jumpToPhase', phase: 'backward' });
  assert(answer.ok, `jumpToPhase backward: ${answer.error}`);
  await waitFrames(page, 3, 'jumping to the backward pass');
  let shot = await screenshot(page, 'worked-example');
  assert(shot.stats.width === VIEWPORT.width && shot.stats.height === VIEWPORT.height,
         `the screenshot is ${VIEWPORT.width}×${VIEWPORT.height}: ${shot.stats.width}×${shot.stats.height}`);
  assert(shot.stats.variance > 100, `${shot.path} is not blank: luminance variance ${shot.stats.variance.toFixed(1)}`);

  // The playground draws its decision boundary with a shader: train a little, then look.
  await page.evaluate(() => window.backpropLab.openLesson('playground'));
  await waitFor(page, "getState().lesson.id to be 'playground'", () => window.backpropLab.getState().lesson.id === 'playground');
  const trained = await command(page, { cmd: 'runEpochs', epochs: 200 });
  assert(trained.ok && trained.playground.epoch >= 200, `200 epochs trained: ${trained.error || trained.playground.epoch}`);
  await waitFrames(page, 3, 'training the playground');
  shot = await screenshot(page, 'playground');
  assert(shot.stats.variance > 100, `${shot.path} is not blank: luminance variance ${shot.stats.variance.toFixed(1)}`);
  assert(shot.stats.distinctColors > 100, `${shot.path} shows a shaded boundary: ${shot.stats.distinctColors} colours`);
});

async function main() {
  mkdirSync(artifactsDir, { recursive: true });
  const puppeteer = require('puppeteer-core');
  const port = 8900 + Math.floor(Math.random() * 300);
  const server = await startServer(webDir, port);
  const baseUrl = `http://127.0.0.1:${port}/`;
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    try {
      browser = await withTimeout(puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX,
        headless: false,  // headless Firefox has no WebGL2 here: run under xvfb-run
        defaultViewport: VIEWPORT,
        args: [`--width=${VIEWPORT.width}`, `--height=${VIEWPORT.height + 80}`],
        extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false },
        env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
        timeout: LAUNCH_TIMEOUT_MS,
        protocolTimeout: TEST_TIMEOUT_MS,
      }), LAUNCH_TIMEOUT_MS + 5000, `Firefox (${FIREFOX}) to start`);
      console.log(`  Firefox ${await browser.version()}`);
    } catch (error) {
      failed += 1;
      console.log(`  FAIL  Firefox could not start: ${error.message.split('\n').slice(0, 4).join('\n        ')}`);
      if (!process.env.DISPLAY) console.log('        (no DISPLAY: run this under xvfb-run, as tests/run_all.sh does)');
      return { passed, failed };
    }
    for (const { name, fn } of tests) {
      if (filter && !name.includes(filter)) continue;
      const started = Date.now();
      const errors = [];
      const pages = [];
      const open = async (path) => {
        const page = await openApp(browser, baseUrl, errors, path);
        pages.push(page);
        return page;
      };
      try {
        await withTimeout(fn({ open, errors }), TEST_TIMEOUT_MS, `the test to finish`);
        assert(errors.length === 0, `console or page errors: ${errors.join(' | ')}`);
        passed += 1;
        console.log(`  ok    ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed += 1;
        const text = error && error.stack ? error.stack.split('\n').slice(0, 4).join('\n        ') : String(error);
        console.log(`  FAIL  ${name}\n        ${text}`);
      } finally {
        for (const page of pages) await withTimeout(page.close(), 10000, 'a tab to close').catch(() => {});
      }
      if (!browser.connected) {
        console.log('  FAIL  Firefox went away during the tests');
        failed += 1;
        break;
      }
    }
  } finally {
    if (browser) {
      // Close Firefox; kill it if it does not close in time.
      await withTimeout(browser.close(), 15000, 'Firefox to close').catch((error) => {
        console.log(`  note: ${error.message}; killing it`);
        browser.process()?.kill('SIGKILL');
      });
    }
    server.close();
  }
  return { passed, failed };
}

let result = { passed: 0, failed: 1 };
try {
  result = await main();
} catch (error) {
  console.log(`  FAIL  the Firefox tests could not run: ${error && error.stack ? error.stack.split('\n').slice(0, 4).join('\n        ') : error}`);
}
console.log(`firefox: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);
