// A small browser-test harness: one static server for build/web, one headless Debian Chromium,
// fresh pages per test, and the helpers the tests share. Tests register with test().
//
// Console errors and page errors: the harness listens on every page a test opens (openApp or
// context.newPage()) and fails the test after its body if any page logged one, naming the text.
// A test that provokes one on purpose says so: test(name, fn, { allowConsoleErrors: /what it expects/ }).
//
// No fixed sleeps: a test waits for a state it can name (waitFor, waitForFrames, waitForStill);
// only a rate measurement lets time pass (measureFor).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { startServer } from '../../tools/serve.mjs';

const registered = [];
const TEST_TIMEOUT_MS = 180000;
// options.allowConsoleErrors: a RegExp; console or page errors whose text matches it do not fail the test.
export function test(name, fn, options = {}) {
  if (options.allowConsoleErrors !== undefined && !(options.allowConsoleErrors instanceof RegExp)) {
    throw new Error(`test '${name}': allowConsoleErrors must be a RegExp`);
  }
  registered.push({ name, fn, options });
}

// ---- Assertions ----

export class AssertionError extends Error {}
export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}
export function assertClose(actual, expected, tolerance, what) {
  assert(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance,
         `${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

// ---- Pictures ----

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

// mulberry32: a small seeded PRNG (numbers in [0, 1)), so every run draws the same test data.
export function seededRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- The browser ----

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

// ---- Console and page errors, per test ----

let running = null;           // the test whose body runs now: { errors: [], pages: [], over }
const pageErrors = new WeakMap();  // page -> its own list of errors (for openApp's callers' reports)

// Starts listening on a page (once): its console errors and page errors go to the test that opened
// it, and to the page's own list. Called for every page of the context (its 'page' event).
function watchPage(page) {
  if (pageErrors.has(page)) return pageErrors.get(page);
  const own = [];
  pageErrors.set(page, own);
  const owner = running;
  if (owner) {
    owner.pages.push(page);
    // A timed-out test's body may still open pages after the harness moved on: close them.
    if (owner.over) page.close().catch(() => {});
  }
  const record = (text) => {
    own.push(text);
    (owner || running)?.errors.push({ text, url: page.url() });
  };
  page.on('console', (message) => { if (message.type() === 'error') record(message.text()); });
  page.on('pageerror', (error) => record(String(error)));
  return own;
}

// The errors that fail a test: those its allowConsoleErrors pattern (if any) does not match.
function unexpectedErrors(run, allowed) {
  return run.errors.filter(({ text }) => !(allowed && allowed.test(text)));
}

// ---- Pages ----

// Opens the app in a fresh page and waits for backpropLab.ready. Returns the page and the list of
// its console errors so far (for reports: the harness itself fails the test on any of them).
export async function openApp(context, baseUrl, { path = '', viewport = { width: 1280, height: 720 }, waitReady = true } = {}) {
  const page = await context.newPage();
  const errors = watchPage(page);
  await page.setViewportSize(viewport);
  await page.goto(baseUrl + path);
  if (waitReady) await page.evaluate(() => window.backpropLab.ready.then(() => true));
  return { page, errors };
}

// A host page on another origin (http://localhost:PORT; the app is http://127.0.0.1:PORT) with two
// embedded apps at `fragment`: "allowed" (its link allows the host's origin) and "other" (it does
// not). window.received lists every message the host gets, {from, origin, data}; window.send(which,
// message) posts a command to one of them and returns its id.
export async function openCrossOriginHost(context, baseUrl, fragment) {
  const page = await context.newPage();
  const hostOrigin = baseUrl.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
  const appUrl = baseUrl + 'index.html#' + fragment;
  // Any document of the host's origin will do (the app's script, shown as text); the host page is
  // then written into it. Its favicon is answered here so no 404 reaches the console.
  await page.route(hostOrigin + '/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
  await page.goto(hostOrigin + '/backprop-lab.js');
  await page.setContent(`<!doctype html><head><link rel="icon" href="data:,"></head><body>
    <iframe id="allowed" width="640" height="400" src="${appUrl}&origin=${encodeURIComponent(hostOrigin)}"></iframe>
    <iframe id="other" width="480" height="320" src="${appUrl}"></iframe>
    <script>
      window.received = [];
      window.addEventListener('message', (event) => {
        const from = event.source === document.getElementById('allowed').contentWindow ? 'allowed' : 'other';
        window.received.push({ from, origin: event.origin, data: event.data });
      });
      let nextId = 1;
      window.send = (which, message) => {
        const id = nextId++;
        document.getElementById(which).contentWindow.postMessage(Object.assign({ source: 'backprop-lab', id }, message), '*');
        return id;
      };
    </script></body>`);
  return { page, hostOrigin };
}

// The whole state, getState(), read once.
export async function appState(page) {
  return page.evaluate(() => window.backpropLab.getState());
}
// The open lesson's key numbers (getState().lessonState).
export async function lessonState(page) {
  return page.evaluate(() => window.backpropLab.getState().lessonState);
}
// The stepper's state (getState().step; null outside the step-through lessons).
export async function stepState(page) {
  return page.evaluate(() => window.backpropLab.getState().step);
}
// A command whose refusal comes back as {ok: false, error} instead of a thrown error.
export async function command(page, request) {
  return page.evaluate((r) => {
    try { return window.backpropLab.command(r); } catch (error) { return { ok: false, error: error.message }; }
  }, request);
}
// A command that must be accepted: a refusal fails the test with the app's sentence.
export async function commandOk(page, request) {
  const answer = await command(page, request);
  assert(answer.ok, `${request.cmd}: ${answer.error}`);
  return answer;
}
// Opens a lesson through the API and waits until the app shows it, and, given `until` (run in the
// page on getState().lessonState), until the lesson's own state says it is set up.
export async function openLesson(page, id, until = null) {
  await page.evaluate((lesson) => window.backpropLab.openLesson(lesson), id);
  return waitFor(page,
    () => { const s = window.backpropLab.getState(); return { lesson: s.lesson.id, lessonState: s.lessonState }; },
    `(value, lesson) => value.lesson === lesson && Boolean((${until || '() => true'})(value.lessonState))`,
    `lesson '${id}' to open${until ? ` and ${until}` : ''}`, { arg: id });
}

// The lesson text drawn after a frame or two: getState().text as a map from a part's key
// ("rnn#gradient-grows") to its words (placeholders filled). `keyPrefix` ("rnn#") narrows it.
export async function shownText(page, keyPrefix = '') {
  await waitForFrames(page, 2);
  const parts = await page.evaluate(() => window.backpropLab.getState().text);
  return Object.fromEntries(parts.filter((p) => p.key.startsWith(keyPrefix)).map((p) => [p.key, p.text]));
}

// ---- Waiting for a state ----

// Waits until a state of the page holds. `read(arg, memo)` runs in the page (so it can use only its
// argument) each animation frame and returns a JSON value; `until(value, arg, memo)` (in the page too;
// omitted: the value is truthy) says whether that value is the one waited for; `memo` is an object
// kept between the reads of one wait. Both are functions or their source text. Returns the value.
// After timeoutMs the test fails, saying what it waited for and the last value seen. Works on a Page
// or a Frame (anything with evaluate).
export async function waitFor(page, read, until, what, { arg = null, timeoutMs = 20000 } = {}) {
  const untilSource = until ? until.toString() : '(value) => Boolean(value)';
  const expression = `(async () => {
    const read = (${read.toString()});
    const until = (${untilSource});
    const arg = ${JSON.stringify(arg)};
    const memo = {};
    const deadline = performance.now() + ${Number(timeoutMs)};
    for (;;) {
      const value = await read(arg, memo);
      if (until(value, arg, memo)) return { done: true, value };
      if (performance.now() > deadline) return { done: false, value };
      // The next animation frame (the app draws in them too), or 50 ms if frames stall.
      await new Promise((resolve) => { requestAnimationFrame(() => resolve()); setTimeout(resolve, 50); });
    }
  })()`;
  const { done, value } = await page.evaluate(expression);
  if (!done) {
    const seen = value === undefined ? 'undefined' : JSON.stringify(value);
    throw new Error(`waited ${timeoutMs} ms for ${what}; the last value seen: ${seen.length > 400 ? seen.slice(0, 400) + '…' : seen}`);
  }
  return value;
}

// Waits until the app has run `count` more frames (getState().frame, which counts every frame,
// whether it drew or not): enough for input or a command to reach the app and be drawn.
export async function waitForFrames(page, count, what = `${count} more app frames`, timeoutMs = 20000) {
  return waitFor(page,
    (_, memo) => {
      const frame = window.backpropLab.getState().frame;
      if (memo.start === undefined) memo.start = frame;
      return { start: memo.start, frame };
    },
    (value, frames) => value.frame >= value.start + frames,
    what, { arg: count, timeoutMs });
}

// Waits until the picture is complete and still: `frames` app frames in a row drew nothing
// (getState().framesDrawn unchanged; a frame that would change no pixel draws nothing). A lesson
// that plays live never stops drawing: with `orDrawnFrames`, the wait also ends once that many
// frames have drawn (the picture has caught up with the change, and moves on).
export async function waitForStill(page, frames = 3, { orDrawnFrames = 0, timeoutMs = 20000 } = {}) {
  return waitFor(page,
    () => { const s = window.backpropLab.getState(); return { frame: s.frame, framesDrawn: s.framesDrawn }; },
    (value, arg, memo) => {
      if (memo.firstDrawn === undefined) memo.firstDrawn = value.framesDrawn;
      if (memo.drawn !== value.framesDrawn) {
        memo.drawn = value.framesDrawn;
        memo.since = value.frame;
      }
      return value.frame - memo.since >= arg.frames ||
             (arg.orDrawnFrames > 0 && value.framesDrawn - memo.firstDrawn >= arg.orDrawnFrames);
    },
    `the picture to be still (${frames} frames in a row that draw nothing)` +
      (orDrawnFrames ? `, or ${orDrawnFrames} frames drawn` : ''),
    { arg: { frames, orDrawnFrames }, timeoutMs });
}

// Lets `ms` milliseconds pass. Only for measuring a rate (frames a second, what idle frames draw):
// there the time is the measurement; everything else waits for a state (waitFor).
export function measureFor(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- Running ----

export async function runAll({ webDir, artifactsDir, userDataDir, port, filter }) {
  mkdirSync(artifactsDir, { recursive: true });
  const server = await startServer(webDir, port);
  const baseUrl = `http://127.0.0.1:${port}/`;
  const context = await launchBrowser(userDataDir);
  context.on('page', watchPage);
  let passed = 0;
  let failed = 0;
  for (const { name, fn, options } of registered) {
    if (filter && !name.includes(filter)) continue;
    const started = Date.now();
    const run = { errors: [], pages: [], over: false };
    running = run;
    let timer;
    let failure = null;
    try {
      // A hung page fails its test instead of hanging the suite.
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
      });
      await Promise.race([fn({ context, baseUrl, artifactsDir }), timeout]);
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(timer);
    }
    // Pages the test left open are closed before the check, so that what they logged until then counts.
    run.over = true;
    for (const page of run.pages) await page.close().catch(() => {});
    running = null;
    const unexpected = unexpectedErrors(run, options.allowConsoleErrors);
    const errorList = unexpected.slice(0, 5).map(({ text, url }) => `${text} (${url})`).join('\n          ') +
                      (unexpected.length > 5 ? `\n          … and ${unexpected.length - 5} more` : '');
    if (!failure && unexpected.length > 0) {
      failed += 1;
      console.log(`  FAIL  ${name}\n        ${unexpected.length} console or page error(s) in the test's pages:\n          ${errorList}`);
    } else if (failure) {
      failed += 1;
      console.log(`  FAIL  ${name}\n        ${failure && failure.stack ? failure.stack.split('\n').slice(0, 4).join('\n        ') : failure}`);
      if (unexpected.length > 0) console.log(`        console or page errors meanwhile:\n          ${errorList}`);
    } else {
      passed += 1;
      console.log(`  ok    ${name} (${Date.now() - started} ms)`);
    }
  }
  await context.close();
  server.close();
  return { passed, failed };
}
