// The first window: the app loads, draws, answers getState(), and reports errors in words.
import { join } from 'node:path';
import { test, assert, openApp, appState, pngStatistics, command, waitFor, waitForFrames, waitForStill } from './harness.mjs';

test('app loads, draws a non-blank canvas and answers getState()', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  const state = await appState(page);
  assert(typeof state.version === 'string' && /^\d+\.\d+\.\d+$/.test(state.version), `version looks wrong: ${state.version}`);
  assert(state.lesson && state.lesson.id === 'intro', `expected the introduction first, got ${JSON.stringify(state.lesson)}`);
  assert(Array.isArray(state.lessons) && state.lessons.includes('intro'), 'getState().lessons lists the lesson ids');
  assert(state.frame >= 1, `at least one frame drawn before ready, got ${state.frame}`);
  assert(state.canvas.width === 1280 && state.canvas.height === 720, `canvas is ${state.canvas.width}x${state.canvas.height}`);
  // Round-trips through JSON unchanged: plain serialisable data.
  assert(JSON.stringify(JSON.parse(JSON.stringify(state))) === JSON.stringify(state), 'state is JSON-serialisable');
  const version = await page.evaluate(() => window.backpropLab.version);
  assert(version === state.version, 'backpropLab.version matches getState().version');
  const overlayHidden = await page.evaluate(() => getComputedStyle(document.getElementById('overlay')).display === 'none');
  assert(overlayHidden, 'the loading overlay is gone after the first frame');
  const png = await page.screenshot({ path: join(artifactsDir, 'browser-first-window.png') });
  const stats = pngStatistics(png);
  assert(stats.variance > 100, `the canvas looks blank (luminance variance ${stats.variance.toFixed(1)})`);
  await page.close();
});

test('HiDPI: the canvas backing store follows devicePixelRatio', async ({ context, baseUrl }) => {
  const scaled = await context.newPage();
  const cdp = await context.newCDPSession(scaled);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 2, mobile: false });
  await scaled.goto(baseUrl);
  await scaled.evaluate(() => window.backpropLab.ready);
  // Give the app a few frames to pick up the ratio.
  await waitFor(scaled, () => window.backpropLab.getState().canvas, (canvas) => canvas.width === 1600,
                'the canvas backing store to be 1600 pixels wide', { timeoutMs: 5000 });
  const state = await appState(scaled);
  assert(state.canvas.height === 1200, `backing store height ${state.canvas.height}, expected 1200`);
  assert(state.canvas.pixelRatio === 2, `pixel ratio ${state.canvas.pixelRatio}`);
  await scaled.close();
});

test('unknown commands and lessons are refused with a message', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const results = await page.evaluate(() => {
    const out = [];
    for (const attempt of [() => window.backpropLab.openLesson('no-such-lesson'),
                           () => window.backpropLab.command({ cmd: 'explode' }),
                           () => window.backpropLab.command({ nothing: 1 })]) {
      try { attempt(); out.push('no error'); } catch (error) { out.push(error.message); }
    }
    return out;
  });
  assert(results[0].includes("no lesson with id 'no-such-lesson'"), results[0]);
  assert(results[1].includes("unknown command 'explode'"), results[1]);
  assert(results[2].includes('needs "cmd"'), results[2]);
  const state = await appState(page);
  assert(state.lesson.id === 'intro', 'a refused command leaves the lesson as it was');
  await page.close();
});

test('a browser without WebGL2 gets a message in words, not a blank page', async ({ context, baseUrl }) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  });
  await page.goto(baseUrl);
  const text = await page.evaluate(() => document.getElementById('status').textContent);
  assert(/WebGL2/.test(text) && /browser/.test(text), `status says: ${text}`);
  const rejected = await page.evaluate(() => window.backpropLab.ready.then(() => false, () => true));
  assert(rejected, 'ready rejects when the app cannot start');
  await page.close();
});

test('a link opens a lesson by id; an unknown id gets a banner in words', async ({ context, baseUrl }) => {
  let { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  let state = await appState(page);
  assert(state.lesson.id === 'worked-example', `the link opened ${state.lesson.id}`);
  await page.evaluate(() => { window.location.hash = 'lesson=perceptron'; });
  await waitFor(page, () => window.backpropLab.getState().lesson.id, (id) => id === 'perceptron',
                'the new fragment to open the perceptron', { timeoutMs: 5000 });
  await page.close();
  ({ page } = await openApp(context, baseUrl, { path: '#lesson=no-such-lesson' }));
  state = await appState(page);
  assert(state.lesson.id === 'intro' && /no lesson called 'no-such-lesson'/.test(state.banner),
         `an unknown lesson falls back to the introduction with a banner: ${state.banner}`);
  await page.close();
});

// Touch: a tap presses what is under the finger. (Emscripten's GLFW alone pressed wherever the
// pointer last was: web/backprop-lab.js hands the app mouse events at the finger's place.) The
// taps go to places in the lesson list, whose layout at 1280×720 the accessibility tests use too:
// a touch has no other way to say where it is.
test('touch: a tap presses what is under the finger, and each tap only that', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const tap = (x, y) => page.evaluate(([x, y]) => {
    const canvas = document.getElementById('canvas');
    const touch = new Touch({ identifier: 1, target: canvas, clientX: x, clientY: y, screenX: x, screenY: y });
    const send = (type, touches) => canvas.dispatchEvent(new TouchEvent(type, {
      bubbles: true, cancelable: true, touches, targetTouches: touches, changedTouches: [touch] }));
    send('touchstart', [touch]);
    send('touchend', []);
  }, [x, y]);
  // Until the state shows what the tap did (a tap goes down and up over two frames).
  const tapped = (until, what) => waitFor(page, () => window.backpropLab.getState(), until, what, { timeoutMs: 3000 });
  // The "Light" radio button of the Display section, then the fifth lesson, then "Dark" (the lesson
  // list at 1280 × 720: five part headings above and between the lessons).
  await tap(118, 700);
  let s = await tapped((x) => x.theme === 'light', 'the light theme');
  assert(s.theme === 'light', `a tap on "Light" switches the theme: ${s.theme}`);
  await tap(80, 235);
  s = await tapped((x) => x.lesson.id === 'forward', 'lesson 5 (forward) to open');
  assert(s.lesson.id === 'forward' && s.theme === 'light',
         `a tap on lesson 5 opens it, and does not press "Light" again: ${s.lesson.id}, ${s.theme}`);
  await tap(40, 700);
  s = await tapped((x) => x.theme === 'dark', 'the dark theme');
  assert(s.theme === 'dark' && s.lesson.id === 'forward', `a tap on "Dark": ${s.theme}, still ${s.lesson.id}`);
  await page.close();
});

// Touch screens have no wheel: a finger dragged up over the side panel's empty part scrolls the
// panel (its picture moves), while the settings stay as they were.
test('touch: a finger dragged over the panel scrolls it', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=playground&data=xor' });
  await waitForStill(page);
  const touch = (type, x, y) => page.evaluate(([type, x, y]) => {
    const canvas = document.getElementById('canvas');
    const t = new Touch({ identifier: 2, target: canvas, clientX: x, clientY: y, screenX: x, screenY: y });
    canvas.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true, changedTouches: [t],
      touches: type === 'touchend' ? [] : [t], targetTouches: type === 'touchend' ? [] : [t] }));
  }, [type, x, y]);
  const panel = { x: 885, y: 130, width: 380, height: 560 };
  const before = await page.screenshot({ clip: panel });
  const settings = JSON.stringify((await command(page, { cmd: 'getPlayground' })).playground.values);
  // Right of the "now: sigmoid_bce" line: no control there.
  // Each touch event in a frame of its own, as a finger's are (the app reads the pointer once a frame).
  await touch('touchstart', 1230, 660);
  await waitForFrames(page, 2, 'the app to see the finger down');
  for (let y = 640; y >= 360; y -= 40) {
    await touch('touchmove', 1230, y);
    await waitForFrames(page, 2, `the app to see the finger at y = ${y}`);
  }
  await touch('touchend', 1230, 360);
  await waitForStill(page);
  const after = await page.screenshot({ clip: panel });
  assert(!before.equals(after), 'the picture of the panel moved: it scrolled');
  const now = JSON.stringify((await command(page, { cmd: 'getPlayground' })).playground.values);
  assert(now === settings, `no setting changed on the way: ${now}`);
  await page.close();
});
