// The playground for people who look closely (#18 item 5): the hover read-out's numbers (the API's
// probeOutput gives what the tooltip shows) and the live confusion matrices, both checked against
// a forward pass written here in JavaScript from the network's weights — an independent computation.
import { join } from 'node:path';
import { test, assert, openApp, openLesson, appState, commandOk, waitFor, waitForStill } from './harness.mjs';

// z = W a + b, tanh in the hidden layers, softmax or sigmoid at the output.
function forward(weights, x) {
  let a = x;
  weights.layers.forEach((layer, l) => {
    const z = layer.W.map((row, j) => row.reduce((sum, w, i) => sum + w * a[i], 0) + layer.b[j]);
    if (layer.activation === 'tanh') a = z.map(Math.tanh);
    else if (layer.activation === 'sigmoid') a = z.map((v) => 1 / (1 + Math.exp(-v)));
    else if (layer.activation === 'softmax') {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((s, v) => s + v, 0);
      a = e.map((v) => v / sum);
    } else throw new Error(`no ${layer.activation} here (layer ${l})`);
  });
  return a;
}
const argmax = (v) => v.indexOf(Math.max(...v));

test('playground read-out: the output under the mouse and the confusion matrix are the network\'s', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground', (s) => s.built);
  const csv = 'x1,x2,label\n0.5,0.5,0\n-0.5,0.5,1\n-0.5,-0.5,2\n0.5,-0.5,0\n0.1,0.8,1\n-0.7,-0.2,2\n0.9,0.1,0\n-0.1,-0.9,2\n';
  await commandOk(page, { cmd: 'importData', text: csv });
  await commandOk(page, { cmd: 'configure', values: { ratio: 1, hidden: '5', act: 'tanh', lr: 0.1 } });
  await commandOk(page, { cmd: 'runEpochs', epochs: 40 });
  const lesson = (await appState(page)).lessonState;
  const weights = lesson.weights;
  assert(weights.layers[1].activation === 'softmax' && lesson.head === 'softmax_ce', 'three classes: softmax');
  // The read-out at a few points of the plane.
  for (const x of [[0, 0], [0.3, -0.8], [-0.9, 0.95], [1.1, 1.1]]) {
    const probe = await commandOk(page, { cmd: 'probeOutput', x });
    const expected = forward(weights, x);
    probe.output.forEach((p, k) => assert(Math.abs(p - expected[k]) < 1e-12, `P(class ${k}) at ${x}: ${p} vs ${expected[k]}`));
    assert(Math.abs(probe.output.reduce((s, v) => s + v, 0) - 1) < 1e-12, 'the probabilities sum to 1');
    assert(probe.class === argmax(expected), `the class at ${x}`);
  }
  // The confusion matrix of the eight training points (ratio 1: no test points).
  const rows = csv.trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  const expected = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (const [x1, x2, label] of rows) expected[label][argmax(forward(weights, [x1, x2]))] += 1;
  assert(JSON.stringify(lesson.train.confusion) === JSON.stringify(expected),
         `confusion ${JSON.stringify(lesson.train.confusion)} vs ${JSON.stringify(expected)}`);
  const right = expected[0][0] + expected[1][1] + expected[2][2];
  assert(Math.abs(lesson.train.accuracy - right / 8) < 1e-15, 'its diagonal is the accuracy');
  assert(lesson.test === null, 'no test set, no test matrix');
  // Regression has none.
  await commandOk(page, { cmd: 'importData', text: 'x,y\n-1,1\n0,0\n1,1\n' });
  assert((await appState(page)).lessonState.train.confusion === null, 'regression: no confusion matrix');

  // A look: the tooltip over the plane and the matrices in the panel (circle data, trained a little).
  await commandOk(page, { cmd: 'configure', values: { data: 'circle', ratio: 0.5, hidden: '4,4' } });
  await commandOk(page, { cmd: 'runEpochs', epochs: 30 });
  await waitForStill(page, 3);
  await page.mouse.move(760, 250);
  await waitForStill(page, 3);
  await page.screenshot({ path: join(artifactsDir, 'playground-readout.png') });
  // The panel scrolled down to the confusion matrices.
  await page.mouse.move(1070, 400);
  for (let i = 0; i < 12; i += 1) await page.mouse.wheel(0, 120);
  await waitForStill(page, 3);
  await page.screenshot({ path: join(artifactsDir, 'playground-confusion.png') });
});

test('playground help: a control under the mouse says what it does and which lesson explains it', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground', (s) => s.built);
  await waitForStill(page, 3);
  // Down the Data section's controls at the panel's middle until one shows its help.
  let found = null;
  for (let y = 140; y < 420 && !found; y += 6) {
    await page.mouse.move(1010, y);
    await waitForStill(page, 2);
    const text = await page.evaluate(() => window.backpropLab.getState().text);
    found = text.find((p) => p.key.startsWith('playground#help-'));
  }
  assert(found, 'a control of the Data section shows its help');
  assert(/Lessons?: /.test(found.text) && found.text.split(' ').length <= 60, `${found.key}: ${found.text}`);
  await page.screenshot({ path: join(artifactsDir, 'playground-help.png') });
  // Each section ends with links to the lessons behind it.
  const parts = (await page.evaluate(() => window.backpropLab.getState().text)).map((p) => p.key);
  for (const key of ['playground#learn-data', 'playground#learn-network', 'playground#learn-training']) {
    assert(parts.includes(key), `${key} is shown`);
  }
});

test('playground help: the keyboard focus on a control shows its help too', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=playground' });
  await page.focus('#canvas');
  // F6 three times: the lesson list, the canvas, then the panel (docs/accessibility.md); Tab: its
  // first control.
  for (const key of ['F6', 'F6', 'F6', 'Tab']) {
    await page.keyboard.press(key);
    await waitForStill(page, 2);
  }
  const shown = await waitFor(page, () => window.backpropLab.getState().text.filter((p) => p.key.startsWith('playground#help-')),
                              (parts) => parts.length > 0, 'a help shown for the focused control');
  assert(/Lessons?: /.test(shown[0].text), `${shown[0].key}: ${shown[0].text}`);
});
