// Keyboard and accessibility: keyboard-only stepping and lesson navigation, quick taps that are
// never lost, the screen-reader mirror (aria-live) against the stepper's own words, the help
// overlay, the light and dark themes and the font size (docs/accessibility.md).
import { join } from 'node:path';
import { test, assert, openApp, appState, pngStatistics, command, stepState, openLesson, waitFor, waitForFrames, waitForStill } from './harness.mjs';

// A quick tap: down and up with no pause, as fast as a script can (shorter than one frame).
const tap = (page, key) => page.keyboard.press(key);
// Taps reach the app one per two frames (down, then up: src/platform/key_events.h), so after
// `taps` quick taps the app has seen them all, and drawn what they did, 2·taps + 2 frames later.
const settle = (page, taps = 1) => waitForFrames(page, 2 * taps + 2, `${taps} key tap(s) to reach the app and be drawn`);
const liveText = (page) => page.evaluate(() => document.getElementById('live').textContent);
// In the page: the stepper's state, the playground's, the lesson's (for waitFor).
const readStep = () => window.backpropLab.getState().step;
const readPlayground = () => window.backpropLab.command({ cmd: 'getPlayground' }).playground;
const readLesson = () => window.backpropLab.getState().lessonState;
const readState = () => window.backpropLab.getState();

test('accessibility: keyboard only, from the introduction to the update phase of the worked example', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await page.focus('#canvas');
  let state = await appState(page);
  const target = state.lessons.indexOf('worked-example');
  assert(state.lesson.index === 0 && target > 0, `starts at the introduction; worked-example is lesson ${target}`);
  // Page Down walks the lesson list; Page Up goes back one.
  // Wait for each burst to arrive in full (on the way, the worked example is open for a moment,
  // and a loaded machine draws few frames a second).
  for (let i = 0; i < target + 1; i += 1) await tap(page, 'PageDown');
  state = await waitFor(page, readState, (s, target) => s.lesson.index === target + 1,
                        `Page Down ×${target + 1} to reach lesson ${target + 1}`, { arg: target, timeoutMs: 30000 });
  assert(state.lesson.index === target + 1, `Page Down ×${target + 1} walks to lesson ${target + 1}: ${state.lesson.id}`);
  await tap(page, 'PageUp');
  state = await waitFor(page, readState, (s) => s.lesson.id === 'worked-example', 'Page Up to open the worked example',
                        { timeoutMs: 30000 });
  assert(state.lesson.id === 'worked-example', `Page Down ×${target + 1}, Page Up ×1 opens the worked example: ${state.lesson.id}`);
  // '3' steps by phase; four → presses: forward, loss, backward, update.
  await tap(page, '3');
  for (let i = 0; i < 4; i += 1) await tap(page, 'ArrowRight');
  let step = await waitFor(page, readStep, (s) => s.phase === 'update', 'four phase steps to reach the update phase');
  assert(step.granularity === 'phase', `'3' chose phase steps: ${step.granularity}`);
  assert(step.phase === 'update', `four phase steps reach the update phase: ${step.description}`);
  await page.screenshot({ path: join(artifactsDir, 'a11y-keyboard-update.png') });
  // End: on to the end of the step; Home: back to its start; '1': neuron steps again.
  await tap(page, 'End');
  await settle(page);
  step = await stepState(page);
  assert(step.phase === 'done', `End reaches "done": ${step.description}`);
  await tap(page, 'Home');
  await tap(page, '1');
  await settle(page, 2);
  step = await stepState(page);
  assert(step.position === 0 && step.granularity === 'neuron', `Home restarts (${step.position}), '1' picks neurons (${step.granularity})`);
  // Space plays; Space again pauses.
  await tap(page, 'Space');
  await settle(page);
  assert((await stepState(page)).playing === true, 'Space starts playing');
  await tap(page, 'Space');
  await settle(page);
  assert((await stepState(page)).playing === false, 'Space pauses');
  await page.close();
});

test('accessibility: quick taps are never lost (5 × → without holding the key)', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  await page.focus('#canvas');
  const before = (await stepState(page)).position;
  for (let i = 0; i < 5; i += 1) await tap(page, 'ArrowRight');
  let step = await waitFor(page, readStep, (s, before) => s.position === before + 5, 'five → taps to arrive', { arg: before });
  assert(step.position === before + 5, `five quick taps move five stations: ${before} → ${step.position}`);
  for (let i = 0; i < 2; i += 1) await tap(page, 'ArrowLeft');
  step = await waitFor(page, readStep, (s, before) => s.position === before + 3, 'two ← taps to arrive', { arg: before });
  assert(step.position === before + 3, `two quick ← taps move back two: ${step.position}`);
  await page.close();
});

test('accessibility: Tab hands the arrows to the controls, Esc gives them back to the stepper', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  await page.focus('#canvas');
  await tap(page, 'F6');  // focus the lesson list column
  await tap(page, 'Tab');
  await settle(page, 2);
  await tap(page, 'ArrowDown');
  await tap(page, 'ArrowRight');
  await settle(page, 2);
  await page.screenshot({ path: join(artifactsDir, 'a11y-focus-visible.png') });
  let step = await stepState(page);
  assert(step.position === 0, `with a control focused, → moves the focus, not the stepper: ${step.position}`);
  await tap(page, 'Escape');
  await settle(page);
  await tap(page, 'ArrowRight');
  await settle(page);
  step = await stepState(page);
  assert(step.position === 1, `after Esc, → steps again: ${step.position}`);
  assert((await appState(page)).lesson.id === 'worked-example', 'the lesson is still the worked example');
  await page.close();
});

// The playground's point tool without a mouse: F6 to the panel, Tab to the typed point's fields,
// the coordinates typed, Enter adds the point there (docs/accessibility.md).
test('accessibility: a data point added from the keyboard lands where it was typed', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=playground&data=xor' });
  await page.focus('#canvas');
  const before = (await command(page, { cmd: 'getPlayground' })).playground.trainSize;
  // From no focus, F6 goes to the lesson list, the canvas, then the panel; its fifth Tab stop is
  // the x₁ field (after the three data sliders and the class slider).
  for (let i = 0; i < 3; i += 1) {
    await tap(page, 'F6');
    await settle(page);
  }
  for (let i = 0; i < 5; i += 1) {
    await tap(page, 'Tab');
    await settle(page);
  }
  await page.keyboard.type('0.5', { delay: 80 });
  await tap(page, 'Tab');
  await settle(page);
  await page.keyboard.type('-0.25', { delay: 80 });
  await settle(page, 5);
  await tap(page, 'Enter');
  const after = await waitFor(page, () => window.backpropLab.command({ cmd: 'getPlayground' }).playground.trainSize,
                              (size, before) => size === before + 1, 'Enter to add a training point', { arg: before, timeoutMs: 5000 });
  assert(after === before + 1, `Enter adds one training point: ${before} -> ${after}`);
  const removed = await command(page, { cmd: 'removePoint', x: [0.5, -0.25], radius: 1e-9 });
  assert(removed.ok && removed.removed === true, `the point lies at (0.5, -0.25) exactly: ${JSON.stringify(removed.removed ?? removed.error)}`);
  await page.close();
});

test('accessibility: Space plays and pauses what a lesson runs live; in the playground → trains one epoch', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=playground&data=xor' });
  await page.focus('#canvas');
  const playground = async () => (await command(page, { cmd: 'getPlayground' })).playground;
  const start = await playground();
  assert(!start.running && start.epoch === 0, `paused at epoch 0: ${start.running}, ${start.epoch}`);
  await tap(page, 'ArrowRight');
  let p = await waitFor(page, readPlayground, (x) => x.epoch === 1, '→ to train one epoch');
  assert(p.epoch === 1 && !p.running, `→ trains one epoch: epoch ${p.epoch}`);
  await tap(page, 'Space');
  p = await waitFor(page, readPlayground, (x) => x.running, 'Space to start training');
  assert(p.running, 'Space starts training');
  await tap(page, 'Space');
  p = await waitFor(page, readPlayground, (x) => !x.running, 'Space to pause training');
  const paused = p.epoch;
  await settle(page);
  p = await playground();
  assert(!p.running && p.epoch === paused && paused > 1, `Space pauses it again (epoch ${paused}, then ${p.epoch})`);
  // Every lesson that runs something live has the same key: universal approximation plays at first.
  await openLesson(page, 'universal-approximation');
  let u = await waitFor(page, readLesson, (x) => x && x.playing === true, 'universal approximation to play');
  assert(u.playing === true, 'universal approximation plays when opened');
  await tap(page, 'Space');
  u = await waitFor(page, readLesson, (x) => x.playing === false, 'Space to pause it');
  assert(u.playing === false, 'Space pauses it');
  await tap(page, 'Space');
  u = await waitFor(page, readLesson, (x) => x.playing === true, 'Space to play it again');
  assert(u.playing === true, 'and plays it again');
  await page.close();
});

test('accessibility: the aria-live region says the step in the stepper\'s words, and the lesson on a change', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  const attributes = await page.evaluate(() => {
    const live = document.getElementById('live');
    const canvas = document.getElementById('canvas');
    return { live: live.getAttribute('aria-live'), label: canvas.getAttribute('aria-label'), tabindex: canvas.tabIndex,
             lang: document.documentElement.lang, title: document.title };
  });
  assert(attributes.live === 'polite' && attributes.tabindex === 0 && /keyboard/.test(attributes.label),
         `a polite live region and a focusable, labelled canvas: ${JSON.stringify(attributes)}`);
  assert(attributes.lang === 'en' && /Backprop Lab/.test(attributes.title), 'the page has a language and a title');
  await waitForFrames(page, 2, 'the app to announce the lesson');
  let text = await liveText(page);
  assert(text.startsWith('Lesson: ') && text.includes('Start: nothing computed yet'), `on opening, the lesson and the start: "${text}"`);
  await page.focus('#canvas');
  for (let i = 0; i < 2; i += 1) await tap(page, 'ArrowRight');
  let step = await waitFor(page, readStep, (s) => s.position === 2, 'two → taps to arrive');
  await waitForFrames(page, 2, 'the app to announce the step');
  text = await liveText(page);
  assert(text === step.description, `the live text is the step description: "${text}" vs "${step.description}"`);
  assert(/^Forward, layer 1, neuron 2: z = 0\.3925, a = 0\.596884/.test(text), `the second forward station in words: "${text}"`);
  // Through the API too: the mirror follows whatever moved the stepper.
  await command(page, { cmd: 'jumpToPhase', phase: 'backward' });
  await waitForFrames(page, 2, 'the app to announce the jump');
  step = await stepState(page);
  text = await liveText(page);
  assert(text === step.description && text.startsWith('Backward'), `after a jump: "${text}"`);
  assert((await appState(page)).announcement === text, 'getState().announcement is what the page shows');
  // A lesson change says the new lesson's title and the part of the course it is in (course.md).
  const title = (await page.evaluate(() => window.backpropLab.openLesson('activations'))).lesson.title;
  await waitForFrames(page, 2, 'the app to announce the lesson');
  text = await liveText(page);
  assert(text === `Lesson: ${title} (Multi-layer networks)`, `the lesson change is announced: "${text}"`);
  await page.close();
});

test('accessibility: ? opens the keyboard-shortcuts overlay, Esc closes it, and the stepper waits meanwhile', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  await page.focus('#canvas');
  assert((await appState(page)).helpOpen === false, 'the overlay starts closed');
  await tap(page, '?');
  await settle(page);
  assert((await appState(page)).helpOpen === true, '? opens the overlay');
  // Its words come from content/en/shell.md: the table lists N for the notation card.
  const keys = Object.fromEntries((await appState(page)).text.map((part) => [part.key, part.text]));
  assert(/N Show or hide the notation card/.test(keys['shell#shortcuts'] || ''), `the shortcuts table: ${keys['shell#shortcuts']}`);
  await tap(page, 'ArrowRight');
  await settle(page);
  assert((await stepState(page)).position === 0, 'while the overlay is open, → does not step');
  await page.screenshot({ path: join(artifactsDir, 'a11y-help-dark.png') });
  await command(page, { cmd: 'setTheme', theme: 'light' });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'a11y-help-light.png') });
  await tap(page, 'Escape');
  await settle(page);
  assert((await appState(page)).helpOpen === false, 'Esc closes the overlay');
  await tap(page, 'ArrowRight');
  await settle(page);
  assert((await stepState(page)).position === 1, 'after closing, → steps again');
  // ? toggles: a second ? closes it too.
  await tap(page, '?');
  await settle(page);
  await tap(page, '?');
  await settle(page);
  assert((await appState(page)).helpOpen === false, 'a second ? closes the overlay');
  await page.close();
});

test('accessibility: light and dark themes on three lessons, by luminance and by eye', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  const lessons = (await appState(page)).lessons;
  const chosen = ['worked-example', 'playground', 'activations'].filter((id) => lessons.includes(id));
  assert(chosen.length >= 2, `lessons to look at: ${chosen.join(', ')}`);
  for (const id of chosen) {
    await openLesson(page, id);
    const means = {};
    for (const theme of ['light', 'dark']) {
      const answer = await command(page, { cmd: 'setTheme', theme });
      assert(answer.ok && answer.state.theme === theme, `setTheme ${theme}: ${answer.error}`);
      await waitForStill(page);
      const png = await page.screenshot({ path: join(artifactsDir, `a11y-theme-${theme}-${id}.png`) });
      const stats = pngStatistics(png);
      means[theme] = stats.mean;
      assert(stats.variance > 100, `${id} in the ${theme} theme is not blank (variance ${stats.variance.toFixed(0)})`);
    }
    assert(means.light > 170, `${id}: the light theme is light (mean luminance ${means.light.toFixed(0)})`);
    assert(means.dark < 90, `${id}: the dark theme is dark (mean luminance ${means.dark.toFixed(0)})`);
  }
  await page.close();
});

test('accessibility: font scale 1.5 at 1280×720, and bad display values refused with sentences', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  const normal = await appState(page);
  assert(normal.fontScale === 1, `the default font scale is 1: ${normal.fontScale}`);
  let answer = await command(page, { cmd: 'setFontScale', scale: 1.5 });
  assert(answer.ok && answer.state.fontScale === 1.5, `setFontScale 1.5: ${answer.error}`);
  await command(page, { cmd: 'step', direction: 'next', count: 3 });
  await waitForStill(page);
  const png = await page.screenshot({ path: join(artifactsDir, 'a11y-font-150.png') });
  const stats = pngStatistics(png);
  assert(stats.width === 1280 && stats.height === 720 && stats.variance > 100, `a drawn 1280×720 page: ${JSON.stringify(stats)}`);
  await command(page, { cmd: 'setFontScale', scale: 2 });
  await command(page, { cmd: 'setTheme', theme: 'light' });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'a11y-font-200-light.png') });

  const refusals = [
    [{ cmd: 'setTheme', theme: 'purple' }, /no theme 'purple'/],
    [{ cmd: 'setTheme' }, /needs "theme"/],
    [{ cmd: 'setTheme', theme: 1 }, /needs "theme"/],
    [{ cmd: 'setFontScale', scale: 3 }, /outside the range/],
    [{ cmd: 'setFontScale', scale: 0.5 }, /outside the range/],
    [{ cmd: 'setFontScale', scale: -1 }, /outside the range/],
    [{ cmd: 'setFontScale', scale: '1.5' }, /needs "scale": a number/],
    [{ cmd: 'setFontScale', scale: NaN }, /needs "scale": a number/],  // JSON turns NaN into null
    [{ cmd: 'setFontScale' }, /needs "scale"/],
  ];
  for (const [request, pattern] of refusals) {
    answer = await command(page, request);
    assert(!answer.ok && pattern.test(answer.error), `${JSON.stringify(request)} is refused in words: ${answer.error}`);
  }
  const after = await appState(page);
  assert(after.fontScale === 2 && after.theme === 'light', `refused values left the display alone: ${after.fontScale}, ${after.theme}`);
  await page.close();
});

// The notation card (#15): N opens it over any lesson, the screen-reader mirror reads it, Esc closes
// it; the panel's "Next: ‹title› ▸" button opens the next lesson of the course.
test('accessibility: N opens the notation card and the mirror reads it; the panel ends with Next', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  await waitForStill(page);
  await page.focus('#canvas');
  await tap(page, 'n');
  let state = await waitFor(page, () => window.backpropLab.getState(), (s) => s.notationOpen, 'the notation card to open');
  await settle(page);
  const text = await liveText(page);
  assert(text.startsWith('Notation card: ') && text.includes('η the learning rate') && text.endsWith('Esc closes it.'),
         `the mirror reads the card: "${text.slice(0, 120)}…"`);
  state = await appState(page);
  const card = state.text.find((part) => part.key === 'notation#card');
  assert(card && /row j is the neuron it feeds, column i the input it comes from/.test(card.text), 'the card explains W\'s index order');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'notation-card-1280x720.png') });
  await tap(page, 'Escape');
  await waitFor(page, () => window.backpropLab.getState().notationOpen, (open) => !open, 'Esc to close the card');
  // "Next: Autodiff graph ▸" at the end of the worked example's panel (1280 × 720), below its
  // questions: the mouse wheel scrolls the panel down to it (a notch a frame, as a hand turns it).
  await page.mouse.move(1100, 400);
  for (let i = 0; i < 40; i += 1) {
    await page.mouse.wheel(0, 100);
    await waitForFrames(page, 1, 'the wheel notch to reach the app');
  }
  await waitForStill(page);
  await page.mouse.click(1155, 701);
  state = await waitFor(page, () => window.backpropLab.getState().lesson, (lesson) => lesson.id === 'autodiff',
                        'the Next button to open the autodiff lesson');
  assert(state.index === 14, `the next lesson of the course: ${state.id} (${state.index})`);
  await page.close();
});
