// The frame's cost in the browser, as far as a test can check it without timing anything: while
// the playground trains (the heaviest frame: the boundary redrawn every frame, the neurons'
// thumbnails, curves, points), the app asks WebGL nothing that makes Chromium wait for the GPU
// process. A getParameter that Chromium cannot answer from its own copy of the state, a
// getError, a readPixels, a checkFramebufferStatus or a shader/program status query each wait
// for all drawing sent so far to finish: with ImGui's own OpenGL backend (which saved and
// restored the GL state with a dozen such queries a frame) that wait was 94% of the frame under
// software WebGL. And the training budget per frame stays within its bounds, and the triangles
// ImGui sends a frame stay few (software WebGL pays for each: lines of whole-pixel thickness take 2
// triangles a segment instead of 6, and curves keep at most 4 points per pixel column). And a
// frame draws only what changed, with the same pixels as if it drew everything.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { test, assert, openApp, appState, command, openLesson, waitFor, waitForFrames, waitForStill, measureFor } from './harness.mjs';

// Answered by Chromium from its own state, without a round trip: Emscripten's glBindVertexArray
// asks for the element-array buffer binding.
const CACHED_PARAMETERS = new Set([0x8895]);
const WAITING_CALLS = ['getError', 'readPixels', 'checkFramebufferStatus', 'getShaderParameter', 'getProgramParameter',
                       'getShaderInfoLog', 'getProgramInfoLog', 'finish'];

test('frame: while the playground trains, no frame asks WebGL a question that waits for the GPU', async ({ context, baseUrl }) => {
  const page = await context.newPage();
  await page.addInitScript((waiting) => {
    const proto = WebGL2RenderingContext.prototype;
    window.__glQuestions = [];
    window.__indices = 0;
    const drawElements = proto.drawElements;
    proto.drawElements = function (mode, count, type, offset) {
      window.__indices += count;
      return drawElements.call(this, mode, count, type, offset);
    };
    const original = proto.getParameter;
    proto.getParameter = function (name) {
      window.__glQuestions.push(`getParameter(0x${name.toString(16)})`);
      return original.call(this, name);
    };
    for (const call of waiting) {
      const f = proto[call];
      proto[call] = function (...args) {
        window.__glQuestions.push(call);
        return f.apply(this, args);
      };
    }
  }, WAITING_CALLS);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(baseUrl);
  await page.evaluate(() => window.backpropLab.ready.then(() => true));
  await openLesson(page, 'playground');
  let answer = await command(page, { cmd: 'configure', values: { data: 'spiral', points: 500, ratio: 0.5, seed: 1,
    hidden: '8,8,8,8', act: 'relu', head: 'tanh_mse', lr: 0.03, batch: 10, wseed: 1 } });
  assert(answer.ok, `configure: ${answer.error}`);
  answer = await command(page, { cmd: 'train', running: true, epochsPerFrame: 1000 });
  assert(answer.ok, `train: ${answer.error}`);
  // Every frame drawn whole, so that the triangles counted are the frame's, not only those of
  // the parts that changed.
  answer = await command(page, { cmd: 'setDrawEveryFrame', on: true });
  assert(answer.ok, `setDrawEveryFrame: ${answer.error}`);
  // The first frames compile the shaders and make the images (those ask, once); then count what
  // the frames of 1.5 s ask (a time, so that the frames counted are as many as the machine draws).
  await waitForFrames(page, 3, 'the first frames of training (shaders compiled, images made)');
  const start = await page.evaluate(() => {
    window.__glQuestions = [];
    window.__indices = 0;
    return window.backpropLab.getState().frame;
  });
  await measureFor(1500);
  const counted = await page.evaluate((start) => ({ frames: window.backpropLab.getState().frame - start,
    questions: window.__glQuestions, indices: window.__indices }), start);
  const state = (await command(page, { cmd: 'getPlayground' })).playground;
  assert(counted.frames >= 3, `frames were drawn meanwhile (${counted.frames})`);
  assert(state.epoch > 0 && !state.diverged, `training ran (epoch ${state.epoch})`);
  const waiting = counted.questions.filter((q) => {
    const parameter = q.match(/^getParameter\(0x([0-9a-f]+)\)$/);
    return !(parameter && CACHED_PARAMETERS.has(parseInt(parameter[1], 16)));
  });
  const distinct = [...new Set(waiting)];
  console.log(`        ${counted.frames} frames, ${counted.questions.length} state questions, of them waiting: ${distinct.join(', ') || 'none'}`);
  assert(distinct.length === 0, `frames ask WebGL questions that wait for the GPU process: ${distinct.join(', ')}`);
  // Measured: about 45,000 indices a frame (the 8-8-8-8 network view 8,300, the two plots with a
  // history of ~2,000 epochs 15,000, the points 4,500); 71,000 before the changes named above.
  const perFrame = counted.indices / counted.frames;
  console.log(`        ${Math.round(perFrame)} triangle indices a frame (epoch ${state.epoch})`);
  assert(perFrame < 55000, `ImGui draws at most 55,000 triangle indices a frame while training: ${Math.round(perFrame)}`);

  const timing = (await page.evaluate(() => window.backpropLab.getState().lessonState)).timing;
  assert(timing.trainBudgetMs >= 6 && timing.trainBudgetMs <= 14,
         `the training budget stays between 6 and 14 ms a frame: ${timing.trainBudgetMs}`);
  // A new boundary size while training (the quality cap here; slow frames lower it by themselves)
  // reallocates the image without asking the GPU anything.
  // The drawn size is min(plane, cap) over 2^boundaryReduction, but not below 32 while reduced
  // (playground_images.cpp): only a cap of 16 is sure to change a larger image, and back to the
  // largest cap to change an image of 16.
  const before = (await appState(page)).lessonState.boundaryPixels;
  const cap = before > 16 ? 16 : 2048;
  await page.evaluate(() => { window.__glQuestions = []; });
  const resized = await command(page, { cmd: 'setBoundaryPixels', pixels: cap });
  assert(resized.ok, `setBoundaryPixels: ${resized.error}`);
  const after = await waitFor(page, () => window.backpropLab.getState().lessonState.boundaryPixels, (p, was) => p !== was,
                              'the boundary image to be drawn at another size', { arg: before });
  await waitForFrames(page, 3, 'frames with the smaller image');
  const asked = await page.evaluate(() => window.__glQuestions.filter((q) => !q.startsWith('getParameter')));
  assert(before !== after && asked.length === 0, `resizing the image from ${before} to ${after} asks nothing: ${asked.join(', ')}`);
  await command(page, { cmd: 'train', running: false });
  await command(page, { cmd: 'setDrawEveryFrame', on: false });
  await page.close();
});

test('frame: a frame that would change no pixel draws nothing; input, commands and training draw', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground');
  const answer = await command(page, { cmd: 'configure', values: { data: 'circle', seed: 1, hidden: '4,4', wseed: 1 } });
  assert(answer.ok, `configure: ${answer.error}`);
  await page.mouse.move(5, 715);  // over no widget: no hover highlight, no tooltip
  // The frames after a change draw (the images of the new network, then hover states settle).
  await waitForStill(page, 10);
  const counts = () => page.evaluate(() => {
    const s = window.backpropLab.getState();
    return { frame: s.frame, drawn: s.framesDrawn };
  });
  // The frames and the drawn frames while `milliseconds` pass (a rate: frames go on while idle).
  const during = async (milliseconds, action = async () => {}) => {
    const before = await counts();
    await action();
    await measureFor(milliseconds);
    const after = await counts();
    return { frames: after.frame - before.frame, drawn: after.drawn - before.drawn };
  };
  // The frames and the drawn frames until an action's change has been drawn.
  const untilDrawn = async (what, action) => {
    const before = await counts();
    await action();
    const after = await waitFor(page, () => window.backpropLab.getState(), (s, drawn) => s.framesDrawn > drawn,
                                `${what} to be drawn`, { arg: before.drawn, timeoutMs: 5000 });
    return { frames: after.frame - before.frame, drawn: after.framesDrawn - before.drawn };
  };

  const idle = await during(1500);
  console.log(`        idle: ${idle.frames} frames, ${idle.drawn} drawn`);
  assert(idle.frames >= 10, `frames go on while idle (${idle.frames})`);
  assert(idle.drawn === 0, `an idle playground draws nothing: ${idle.drawn} of ${idle.frames} frames drew`);

  // A command that changes the picture draws it (the digits shown change), then idles again.
  const precision = await untilDrawn('a new precision', () => command(page, { cmd: 'setPrecision', digits: 4 }));
  assert(precision.drawn >= 1, `a new precision is drawn (${precision.drawn} frames drew)`);
  // The mouse over a button: its hover colour is drawn.
  const hover = await untilDrawn('the hover colour', () => page.mouse.move(40, 111));  // "0. Introduction"
  assert(hover.drawn >= 1, `hovering a lesson in the list is drawn (${hover.drawn} frames drew)`);
  await page.mouse.move(5, 715);
  await waitForStill(page, 5);

  // Training changes the picture every frame, so every frame draws.
  const training = await during(1500, () => command(page, { cmd: 'train', running: true, epochsPerFrame: 1 }));
  await command(page, { cmd: 'train', running: false });
  console.log(`        training: ${training.frames} frames, ${training.drawn} drawn`);
  assert(training.frames >= 5 && training.drawn >= training.frames - 2,
         `while training (nearly) every frame draws: ${training.drawn} of ${training.frames}`);
  await page.close();
});

// The canvas keeps its picture, and a frame draws again only the rectangles whose pixels change
// (src/platform/redraw_plan.h). If a change were missed, the picture built up that way would
// differ from the same frame drawn whole: this compares the two, pixel for pixel, after training,
// the pause and hovering have each changed parts of it.
test('frame: drawing only what changed gives the same pixels as drawing everything', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground');
  let answer = await command(page, { cmd: 'configure', values: { data: 'spiral', points: 500, ratio: 0.5, seed: 1,
    hidden: '8,8,8,8', act: 'relu', head: 'tanh_mse', lr: 0.03, batch: 10, wseed: 1 } });
  assert(answer.ok, `configure: ${answer.error}`);
  await page.mouse.move(5, 715);
  answer = await command(page, { cmd: 'train', running: true, epochsPerFrame: 1000 });
  assert(answer.ok, `train: ${answer.error}`);
  await waitForFrames(page, 4, 'training to be under way');
  // The share of the canvas each training frame draws: the boundary, the network's connections,
  // the curves and the numbers change; the lesson list and the settings do not.
  const shares = await page.evaluate(async () => {
    const seen = [];
    for (let k = 0; k < 15; ++k) {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      seen.push(window.backpropLab.getState().redrawnFraction);
    }
    return seen;
  });
  const sorted = [...shares].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`        training frames draw ${(100 * median).toFixed(0)} % of the canvas (median of ${shares.length})`);
  assert(median > 0.05 && median < 0.7, `a training frame draws part of the canvas: ${shares.join(', ')}`);

  answer = await command(page, { cmd: 'train', running: false });
  assert(answer.ok, `pause: ${answer.error}`);

  // Until nothing draws any more (the picture is complete and still).
  await waitForStill(page, 5);
  // Hovering: a highlight comes and goes, and only its surroundings are drawn.
  for (const [x, y] of [[40, 87], [40, 107], [930, 141], [1060, 270], [300, 44]]) {
    await page.mouse.move(x, y);
    await waitForStill(page);
  }
  const hovered = await page.evaluate(() => window.backpropLab.getState().redrawnFraction);
  console.log(`        a hover highlight draws ${(100 * hovered).toFixed(1)} % of the canvas`);
  assert(hovered > 0 && hovered < 0.1, `a hover highlight draws a small part of the canvas: ${hovered}`);
  await page.mouse.move(5, 715);
  await waitForStill(page, 5);
  const kept = PNG.sync.read(await page.screenshot());
  answer = await command(page, { cmd: 'setDrawEveryFrame', on: true });
  assert(answer.ok, `setDrawEveryFrame: ${answer.error}`);
  await waitForFrames(page, 3, 'frames drawn whole');
  const whole = PNG.sync.read(await page.screenshot());
  const wholeShare = await page.evaluate(() => window.backpropLab.getState().redrawnFraction);
  await command(page, { cmd: 'setDrawEveryFrame', on: false });
  assert(wholeShare === 1, `with setDrawEveryFrame every frame is drawn whole: ${wholeShare}`);

  let differing = 0;
  const diff = new PNG({ width: whole.width, height: whole.height });
  for (let i = 0; i < whole.data.length; i += 4) {
    const same = kept.data[i] === whole.data[i] && kept.data[i + 1] === whole.data[i + 1] &&
                 kept.data[i + 2] === whole.data[i + 2];
    if (!same) differing += 1;
    diff.data.set(same ? [0, 0, 0, 255] : [255, 0, 255, 255], i);
  }
  console.log(`        ${differing} of ${whole.width * whole.height} pixels differ between the kept and the whole picture`);
  if (differing > 0) {
    writeFileSync(join(artifactsDir, 'frame-kept.png'), PNG.sync.write(kept));
    writeFileSync(join(artifactsDir, 'frame-whole.png'), PNG.sync.write(whole));
    writeFileSync(join(artifactsDir, 'frame-differing-pixels.png'), PNG.sync.write(diff));
  }
  assert(differing === 0, `the picture drawn in parts equals the same frame drawn whole (${differing} pixels differ; ` +
                          'frame-kept.png, frame-whole.png and frame-differing-pixels.png in the artifacts)');
  await page.close();
});
