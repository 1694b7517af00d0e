// The loss, autodiff and gradient-check lessons, driven through window.backpropLab: their key
// numbers against hand-computed values, and a screenshot of each.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, appState, lessonState, command, commandOk, openLesson, waitFor, waitForStill } from './harness.mjs';

// Lessons apply some requests at the start of the next frame: wait until the state shows it.
const readLesson = () => window.backpropLab.getState().lessonState;

test('the loss: cross-entropy, squared error and softmax numbers; the naive softmax breaks at logit 1000', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'loss');
  let s = await lessonState(page);
  // −ln 0.8 = 0.22314355; ½(1 − 0.75)² = 0.03125.
  assertClose(s.bce.loss, -Math.log(s.bce.p), 1e-12, 'BCE at the lesson\'s p');
  assertClose(s.bce.p, 0.8, 0, 'the default p');
  assertClose(s.bce.loss, 0.22314355, 1e-8, '−ln 0.8');
  assertClose(s.squared.loss, 0.5 * (s.squared.t - s.squared.a) ** 2, 1e-12, 'half squared error');
  // softmax(2, 1, 0.1) = (e², e¹, e^0.1) / (e² + e + e^0.1) = (0.6590011389, 0.2424329707, 0.0985658904);
  // L = −ln 0.6590011389 = 0.4170300163.
  assertClose(s.softmax.p[0], 0.6590011388, 1e-9, 'p₁');
  assertClose(s.softmax.p[1], 0.2424329707, 1e-9, 'p₂');
  assertClose(s.softmax.loss, 0.4170300163, 1e-9, 'softmax cross-entropy');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-loss-bce.png') });

  await command(page, { cmd: 'setLossSection', section: 'softmax' });
  let answer = await command(page, { cmd: 'typeValue', field: 'z1', text: '1000' });
  assert(answer.ok, `logit 1000 is accepted: ${answer.error}`);
  s = await lessonState(page);
  assert(s.softmax.naiveFinite === false, 'the naive softmax overflows at logit 1000');
  assert(s.softmax.p.every((p) => Number.isFinite(p)), `the stable softmax stays finite: ${s.softmax.p}`);
  assertClose(s.softmax.sum, 1, 1e-12, 'stable probabilities sum to 1');
  assertClose(s.softmax.p[0], 1, 1e-12, 'logit 1000 takes all the probability');
  answer = await command(page, { cmd: 'typeValue', field: 'z2', text: 'lots' });
  assert(!answer.ok && /not a number/.test(answer.error), `a word is refused: ${answer.error}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-loss-softmax-1000.png') });

  await command(page, { cmd: 'setLossSection', section: 'stability' });
  s = await lessonState(page);
  assert(Number.isFinite(s.stability.stableLoss), 'the stable BCE is finite at z = 40');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-loss-stability.png') });
  await page.close();
});

test('autodiff: the graph\'s gradients equal backprop on the worked example', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'autodiff');
  let s = await lessonState(page);
  assert(s.position === 0 && s.lastPosition > 20, `starts at 0 of ${s.lastPosition}`);
  // Forward only: the root's value, not yet its gradient.
  await command(page, { cmd: 'graphStep', direction: 'next', count: Math.floor(s.lastPosition / 2) });
  await waitFor(page, readLesson, (l) => l.position > 0, 'the graph to step forward');
  s = await lessonState(page);
  assertClose(s.root.value, 0.298371109, 1e-8, 'E_total after the forward half');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-autodiff-forward.png') });
  await command(page, { cmd: 'graphStep', direction: 'end' });
  await waitFor(page, readLesson, (l) => l.position === l.lastPosition, 'the graph to reach its end');
  s = await lessonState(page);
  assertClose(s.w5.grad, 0.082167041, 1e-8, '∂E/∂w5 from the graph (published)');
  assertClose(s.w1.grad, 0.000438568, 1e-8, '∂E/∂w1 from the graph (published)');
  assertClose(s.w5.grad, s.w5.backprop, 1e-12, 'graph and backprop agree on w5');
  assertClose(s.w1.grad, s.w1.backprop, 1e-12, 'graph and backprop agree on w1');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-autodiff-done.png') });
  await page.close();
});

test('gradient check: backprop agrees with finite differences; a tiny h shows round-off', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'gradient-check');
  await waitFor(page, readLesson, (l) => (l || {}).parameters > 0, 'the gradient check to run');
  let s = await lessonState(page);
  // 2-3-2: 2·3 + 3 + 3·2 + 2 = 17 parameters.
  assert(s.parameters === 17, `17 parameters, got ${s.parameters}`);
  assert(s.maxRelativeError < 1e-6 && s.disagreeing === 0, `all agree: max ${s.maxRelativeError}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-gradient-check.png') });
  const answer = await command(page, { cmd: 'gradientCheck', h: 1e-10 });
  assert(answer.ok, answer.error);
  await waitFor(page, readLesson, (l) => l.h === 1e-10, 'the check to re-run at h = 1e-10');
  await waitFor(page, readLesson, (l) => l.maxRelativeError > 1e-6, 'the round-off to show');
  s = await lessonState(page);
  assert(s.maxRelativeError > 1e-6, `round-off at h = 1e-10 makes the numeric gradient worse: ${s.maxRelativeError}`);
  const refused = await command(page, { cmd: 'gradientCheck', h: 5 });
  assert(!refused.ok && /h must be/.test(refused.error), `h = 5 is refused: ${refused.error}`);
  await page.close();
});

// Each lesson's text comes from its Markdown file (docs/content.md): the parts drawn are the
// lesson's own (or shared: course, stepper, notation), and none is missing.
function checkLessonText(state, id) {
  assert(state.text.length > 0, `${id} draws lesson text from content/en/${id}.md`);
  assert(state.text.some((part) => part.key.startsWith(`${id}#`)), `${id} draws a part of its own file: ${state.text.map((p) => p.key)}`);
  for (const part of state.text) {
    assert(part.text !== '(missing)' && part.text.length > 0, `${id}: the part ${part.key} is missing or empty`);
    assert(!/\{[a-z_]+\}/.test(part.text), `${id}: ${part.key} has an unfilled placeholder: ${part.text}`);
  }
}

test('every lesson opens and draws without console errors', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  const ids = (await appState(page)).lessons;
  assert(ids.length >= 7, `the lesson list: ${ids}`);
  for (const id of ids) {
    await openLesson(page, id);
    await waitForStill(page, 3, { orDrawnFrames: 3 });  // some lessons play live: never still
    await page.screenshot({ path: join(artifactsDir, `lesson-${id}-1280x720.png`) });
    checkLessonText(await appState(page), id);
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const id of ids) {
    await openLesson(page, id);
    await waitForStill(page, 3, { orDrawnFrames: 3 });
    await page.screenshot({ path: join(artifactsDir, `lesson-${id}-1920x1080.png`) });
  }
  const state = await appState(page);
  assert(state.lesson.id === ids[ids.length - 1], 'the last lesson is open');
  await page.close();
  // Embedded in a small frame (480 × 320): the panel is a drawer; opened, its text is drawn.
  for (const id of ids) {
    const { page: small } = await openApp(context, baseUrl, { path: `#lesson=${id}&embed=1`, viewport: { width: 480, height: 320 } });
    await commandOk(small, { cmd: 'setPanelOpen', open: true });
    await waitForStill(small, 3, { orDrawnFrames: 3 });
    await small.screenshot({ path: join(artifactsDir, `lesson-${id}-480x320-embedded.png`) });
    checkLessonText(await appState(small), id);
    await small.close();
  }
});
