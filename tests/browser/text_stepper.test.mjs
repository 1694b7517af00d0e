// The step-through lessons' text (#15 item 13): the worked example's words describe the network
// on screen — the published numbers only while they are the ones shown, the learner's own network
// by its shape — and the backpropagation lesson writes the hidden rule with indices.
import { join } from 'node:path';
import { test, assert, openApp, openLesson, commandOk, shownText, waitFor, waitForStill } from './harness.mjs';

test('worked example: the text describes the network shown (published, stepped, changed, or the learner\'s own)', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  let shown = await shownText(page, 'worked-example#');
  assert(/net_h1 = 0\.3775/.test(shown['worked-example#published'] || ''), `the published numbers at the start: ${Object.keys(shown)}`);

  // Whole steps until one is completed: the screen shows the second step's numbers; the text says so.
  // (The first Next by step only walks the first step to its end: still the published numbers.)
  const first = await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step' });
  assert(first.step.stepsTaken === 0, `one Next by step ends the first step: ${first.step.stepsTaken}`);
  shown = await shownText(page, 'worked-example#');
  assert(shown['worked-example#published'], `at the end of the first step, still the published text: ${Object.keys(shown)}`);
  const second = await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step' });
  assert(second.step.stepsTaken === 1, `the next Next takes the step: ${second.step.stepsTaken}`);
  shown = await shownText(page, 'worked-example#');
  assert(!shown['worked-example#published'] && /taken 1 step since/.test(shown['worked-example#stepped'] || ''),
         `after a step: ${JSON.stringify(shown)}`);

  // A typed weight: the numbers are no longer the walk-through's.
  await commandOk(page, { cmd: 'typeValue', field: 'W:1:0:0', text: '0.5' });
  shown = await shownText(page, 'worked-example#');
  assert(/not the walk-through's/.test(shown['worked-example#changed'] || ''), `after an edit: ${JSON.stringify(shown)}`);

  // Another shape: the text names it and does not claim two hidden sigmoid neurons.
  await commandOk(page, { cmd: 'setNetwork', loss: 'bce', x: [0.5, -0.25], t: [1],
    layers: [{ W: [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]], b: [0, 0, 0], activation: 'tanh' },
             { W: [[0.7, -0.8, 0.9]], b: [0.1], activation: 'sigmoid' }] });
  shown = await shownText(page, 'worked-example#');
  const own = shown['worked-example#own'] || '';
  assert(/your own network, not the published one: 2-3-1 neurons, Tanh in hidden layer 1, Sigmoid in the output layer, and the loss Binary cross-entropy/.test(own),
         `the learner's own network: ${own}`);
  assert(!shown['worked-example#published'] && !shown['worked-example#changed'], `one description only: ${Object.keys(shown)}`);

  // Reset brings the published text back.
  await openLesson(page, 'forward');
  await openLesson(page, 'worked-example');
  shown = await shownText(page, 'worked-example#');
  assert(shown['worked-example#published'], `reopened: the published text: ${Object.keys(shown)}`);
  await page.close();
});

test('backpropagation: the output δ has h′(z), the hidden rule has indices', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'backprop');
  const intro = (await shownText(page, 'backprop#'))['backprop#intro'] || '';
  assert(intro.includes('δₖ = (aₖ − tₖ) · h′(zₖ)'), `the output δ with h′(z): ${intro}`);
  assert(intro.includes('∂L/∂aⱼ = Σₖ δₖ wₖⱼ'), `the hidden rule with indices: ${intro}`);
  assert(intro.includes('θ ← θ − η ∂L/∂θ'), `the update in the card's form: ${intro}`);
  await page.close();
});

test('a link to a page outside the app opens in a new tab only when clicked', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  await page.evaluate(() => { window.openedUrls = []; window.open = (url, target, features) => { window.openedUrls.push([url, target, features]); return null; }; });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'text-link-worked-example.png') });
  assert((await page.evaluate(() => window.openedUrls.length)) === 0, 'nothing opens by itself');
  // The title of Mazur's walk-through, the second line of the panel's text (1280 × 720).
  await page.mouse.click(1100, 57);
  const opened = await waitFor(page, () => window.openedUrls, (list) => list.length > 0, 'the link to open');
  assert(opened.length === 1 && opened[0][0].startsWith('https://mattmazur.com/') && opened[0][1] === '_blank' &&
         /noopener/.test(opened[0][2]), `a new tab, without access back: ${JSON.stringify(opened)}`);
  assert((await page.evaluate(() => window.backpropLab.getState().lesson.id)) === 'worked-example', 'the app stays on its lesson');
  await page.close();
});
