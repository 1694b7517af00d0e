// A small browser-test harness: one static server for build/web, one headless Debian Chromium,
// a fresh page per test, console errors collected and failed on. Tests register with test().
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { startServer } from '../../tools/serve.mjs';

const registered = [];
const TEST_TIMEOUT_MS = 180000;
export function test(name, fn, options = {}) {
  registered.push({ name, fn, options });
}

export class AssertionError extends Error {}
export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}
export function assertClose(actual, expected, tolerance, what) {
  assert(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance,
         `${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

// Mean and variance of the luminance of a PNG (a blank canvas has variance ~0), and how many
// distinct colours it has (a smooth boundary image has hundreds; flat UI a few dozen).
export function pngStatistics(pngBytes) {
  const png = PNG.sync.read(pngBytes);
  let sum = 0;
  let sumSquares = 0;
  const colors = new Set();
  const count = png.width * png.height;
  for (let i = 0; i < png.data.length; i += 4) {
    const luminance = 0.2126 * png.data[i] + 0.7152 * png.data[i + 1] + 0.0722 * png.data[i + 2];
    sum += luminance;
    sumSquares += luminance * luminance;
    colors.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  }
  const mean = sum / count;
  return { width: png.width, height: png.height, mean, variance: sumSquares / count - mean * mean,
           distinctColors: colors.size };
}
export function pngFileStatistics(path) {
  return pngStatistics(readFileSync(path));
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic', '--disable-default-apps', '--mute-audio',
];

export async function launchBrowser(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
  });
}

// Opens the app in a fresh page and waits for backpropLab.ready. Returns the page and its console errors.
export async function openApp(context, baseUrl, { path = '', viewport = { width: 1280, height: 720 }, waitReady = true } = {}) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(baseUrl + path);
  if (waitReady) await page.evaluate(() => window.backpropLab.ready.then(() => true));
  return { page, errors };
}

export async function runAll({ webDir, artifactsDir, userDataDir, port, filter }) {
  mkdirSync(artifactsDir, { recursive: true });
  const server = await startServer(webDir, port);
  const baseUrl = `http://127.0.0.1:${port}/`;
  const context = await launchBrowser(userDataDir);
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of registered) {
    if (filter && !name.includes(filter)) continue;
    const started = Date.now();
    let timer;
    try {
      // A hung page fails its test instead of hanging the suite.
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
      });
      await Promise.race([fn({ context, baseUrl, artifactsDir }), timeout]);
      passed += 1;
      console.log(`  ok    ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`  FAIL  ${name}\n        ${error && error.stack ? error.stack.split('\n').slice(0, 4).join('\n        ') : error}`);
      for (const page of context.pages()) await page.close().catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  }
  await context.close();
  server.close();
  return { passed, failed };
}

// Shortcuts the tests share: the open lesson's key numbers, the stepper's state, and a command
// whose refusal comes back as {ok: false, error} instead of a thrown error.
export async function lessonState(page) {
  return page.evaluate(() => window.backpropLab.getState().lessonState);
}
export async function stepState(page) {
  return page.evaluate(() => window.backpropLab.getState().step);
}
export async function command(page, request) {
  return page.evaluate((r) => {
    try { return window.backpropLab.command(r); } catch (error) { return { ok: false, error: error.message }; }
  }, request);
}
