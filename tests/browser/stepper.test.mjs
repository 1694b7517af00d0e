// The stepper on the classic worked example (M. Mazur, "A Step by Step Backpropagation Example"):
// every published number read back through getState(), stepping back restores the exact weights,
// and typed bad values are refused. Published figures are rounded to 9 digits: checked to 1e-8.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, pngStatistics, command, stepState, openLesson, waitForFrames, waitForStill } from './harness.mjs';

const PUBLISHED = 1e-8;

test('worked example: forward, loss, backward and update match the published numbers', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  let step = await stepState(page);
  assert(step.phase === 'start' && step.position === 0, `starts at the start, got ${step.phase}`);
  // 2-2-2: start + 4 forward + 2 loss + 4 backward + 4 update + done = 16 stations.
  assert(step.stationCount === 16, `16 stations for a 2-2-2 net, got ${step.stationCount}`);

  // Neuron by neuron through the forward pass: 4 moves.
  await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 4 });
  step = await stepState(page);
  assert(step.phase === 'forward' && step.layer === 1 && step.neuron === 1, `after 4 moves: ${step.description}`);
  assertClose(step.layers[0].z[0], 0.3775, PUBLISHED, 'net_h1');
  assertClose(step.layers[0].a[0], 0.593269992, PUBLISHED, 'out_h1');
  assertClose(step.layers[0].a[1], 0.596884378, PUBLISHED, 'out_h2');
  assertClose(step.layers[1].z[0], 1.105905967, PUBLISHED, 'net_o1');
  assertClose(step.layers[1].a[0], 0.75136507, PUBLISHED, 'out_o1');
  assertClose(step.layers[1].a[1], 0.772928465, PUBLISHED, 'out_o2');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'stepper-forward.png') });

  await command(page, { cmd: 'jumpToPhase', phase: 'loss' });
  await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron' });
  step = await stepState(page);
  assertClose(step.lossTerms[0], 0.274811083, PUBLISHED, 'E_o1');
  assertClose(step.lossTerms[1], 0.023560026, PUBLISHED, 'E_o2');
  assertClose(step.loss, 0.298371109, PUBLISHED, 'E_total');

  // Backward: the output layer, then the hidden layer.
  await command(page, { cmd: 'step', direction: 'next', granularity: 'layer', count: 2 });
  step = await stepState(page);
  assert(step.phase === 'backward' && step.layer === 0, `two layer moves into backward end at layer 0: ${step.description}`);
  assertClose(step.layers[1].dL_da[0], 0.74136507, PUBLISHED, '∂E/∂out_o1');
  assertClose(step.layers[1].derivative[0], 0.186815602, PUBLISHED, '∂out_o1/∂net_o1');
  assertClose(step.layers[1].dW[0][0], 0.082167041, PUBLISHED, '∂E/∂w5');
  assertClose(step.layers[0].dW[0][0], 0.000438568, PUBLISHED, '∂E/∂w1');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'stepper-backward.png') });

  // The update: the rest of the step.
  await command(page, { cmd: 'step', direction: 'next', granularity: 'phase' });
  step = await stepState(page);
  assert(step.phase === 'update', `a phase move reaches the update: ${step.phase}`);
  const expectedNew = [[[0.149780716, 0.19956143], [0.24975114, 0.29950229]],
                       [[0.35891648, 0.408666186], [0.511301270, 0.561370121]]];
  for (let l = 0; l < 2; l += 1) {
    for (let j = 0; j < 2; j += 1) {
      for (let i = 0; i < 2; i += 1) {
        assertClose(step.layers[l].newW[j][i], expectedNew[l][j][i], PUBLISHED, `new weight layer ${l + 1} (${j},${i})`);
        assertClose(step.layers[l].shownW[j][i], expectedNew[l][j][i], PUBLISHED, `drawn weight layer ${l + 1} (${j},${i})`);
      }
    }
  }
  assert(step.layers[0].newB[0] === 0.35 && step.layers[1].newB[1] === 0.6, 'biases are not updated in this example');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'stepper-update.png') });
  assert(pngStatistics(await page.screenshot()).variance > 100, 'the canvas is not blank');
  await page.close();
});

test('worked example: stepping back restores the exact initial weights, across a whole step too', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  const initial = await stepState(page);
  // Into the update phase, then all the way back neuron by neuron.
  await command(page, { cmd: 'jumpToPhase', phase: 'update' });
  await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 3 });
  let step = await stepState(page);
  assert(JSON.stringify(step.layers[0].shownW) !== JSON.stringify(initial.layers[0].shownW), 'the update changed the drawn weights');
  await command(page, { cmd: 'step', direction: 'previous', granularity: 'neuron', count: step.position });
  step = await stepState(page);
  assert(step.position === 0 && step.phase === 'start', `back at the start: ${step.description}`);
  assert(JSON.stringify(step.layers.map((l) => l.shownW)) === JSON.stringify(initial.layers.map((l) => l.shownW)),
         'weights restored exactly');
  // A whole step forward takes it for real; stepping back undoes it exactly.
  await command(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 2 });
  step = await stepState(page);
  assert(step.stepsTaken === 1, `one step taken, got ${step.stepsTaken}`);
  assertClose(step.layers[1].W[0][0], 0.35891648, PUBLISHED, 'the second step starts from the updated w5');
  assert(step.loss < initial.loss, `the loss went down after one step: ${initial.loss} → ${step.loss}`);
  await command(page, { cmd: 'step', direction: 'previous', granularity: 'step', count: 2 });
  step = await stepState(page);
  assert(step.stepsTaken === 0 && step.position === 0, `undone: ${step.stepsTaken} steps, position ${step.position}`);
  assert(JSON.stringify(step.layers.map((l) => [l.W, l.b])) === JSON.stringify(initial.layers.map((l) => [l.W, l.b])),
         'the network before the first step is restored bit for bit');
  await page.close();
});

test('typed values: bad text is refused with a message and the old value kept; good text retraces', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  for (const text of ['abc', '', 'NaN', 'inf', '1e400', '-infinity', '0.4.5']) {
    const answer = await command(page, { cmd: 'typeValue', field: 'W:1:0:0', text });
    assert(!answer.ok, `"${text}" must be refused`);
    assert(/not a|empty|finite/.test(answer.error), `a message in words for "${text}": ${answer.error}`);
    const step = await stepState(page);
    assert(step.layers[1].W[0][0] === 0.4, `w5 kept at 0.4 after "${text}", got ${step.layers[1].W[0][0]}`);
    assert(step.fieldError.includes('kept 0.4'), `the visible message says the value was kept: ${step.fieldError}`);
  }
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'stepper-refused-input.png') });
  // Out of range and unknown fields.
  let answer = await command(page, { cmd: 'typeValue', field: 'eta', text: '-1' });
  assert(!answer.ok && /outside/.test(answer.error), `a negative learning rate is refused: ${answer.error}`);
  answer = await command(page, { cmd: 'typeValue', field: 'W:9:0:0', text: '1' });
  assert(!answer.ok && /no field/.test(answer.error), `an unknown field is refused: ${answer.error}`);
  // A good value: w5 = 0.5 changes out_o1 = σ(0.5·out_h1 + 0.45·out_h2 + 0.6).
  answer = await command(page, { cmd: 'typeValue', field: 'W:1:0:0', text: ' 0.5 ' });
  assert(answer.ok, `0.5 is accepted: ${answer.error}`);
  const step = await stepState(page);
  assert(step.layers[1].W[0][0] === 0.5 && step.fieldError === '', 'w5 is 0.5 and the message is gone');
  // out_h1 = 0.593269992, out_h2 = 0.596884378 (published): net_o1 = 0.5·0.593269992 + 0.45·0.596884378 + 0.6.
  const net = 0.5 * 0.593269992 + 0.45 * 0.596884378 + 0.6;
  assertClose(step.layers[1].a[0], 1 / (1 + Math.exp(-net)), 1e-8, 'out_o1 after typing w5 = 0.5');
  await page.close();
});

test('stepper commands refuse bad input and need a step-through lesson', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  let answer = await command(page, { cmd: 'step', direction: 'next' });
  assert(!answer.ok && /no stepper/.test(answer.error), `the introduction has no stepper: ${answer.error}`);
  await openLesson(page, 'worked-example');
  answer = await command(page, { cmd: 'step', direction: 'sideways' });
  assert(!answer.ok, 'an unknown direction is refused');
  answer = await command(page, { cmd: 'jumpToPhase', phase: 'lunch' });
  assert(!answer.ok && /unknown phase/.test(answer.error), answer.error);
  answer = await command(page, { cmd: 'setSample', x: [0.05, 'a'], t: [0.01, 0.99] });
  assert(!answer.ok && /x\[1\]/.test(answer.error), `a non-number in x is named: ${answer.error}`);
  answer = await command(page, { cmd: 'setNetwork', layers: [{ W: [[1, 2]], b: [0], activation: 'relu2' }] });
  assert(!answer.ok && /relu2/.test(answer.error), `an unknown activation is named: ${answer.error}`);
  const step = await stepState(page);
  assert(step.layers[1].W[0][0] === 0.4 && step.x[0] === 0.05, 'refused commands left the example untouched');
  await page.close();
});

test('the canvas scales to a 6-layer network of 8 neurons per layer', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'backprop');
  // 2 inputs, five hidden layers of 8, 8 outputs: six layers of weights, values from a fixed pattern.
  const sizes = [2, 8, 8, 8, 8, 8, 8];
  const layers = [];
  for (let l = 1; l < sizes.length; l += 1) {
    const W = Array.from({ length: sizes[l] }, (_, j) =>
      Array.from({ length: sizes[l - 1] }, (_, i) => Math.sin(7 * l + 3 * j + i) * 0.6));
    layers.push({ W, b: Array(sizes[l]).fill(0.1), activation: l === sizes.length - 1 ? 'sigmoid' : 'tanh' });
  }
  const answer = await command(page, { cmd: 'setNetwork', layers, loss: 'half_mse', x: [0.5, -0.25], t: Array(8).fill(0.5) });
  assert(answer.ok, `a 6×8 network is accepted: ${answer.error}`);
  // start + 48 forward + 8 loss + 48 backward + 48 update + done.
  assert(answer.step.stationCount === 1 + 48 + 8 + 48 + 48 + 1, `stations: ${answer.step.stationCount}`);
  await command(page, { cmd: 'jumpToPhase', phase: 'backward' });
  await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 10 });
  const step = await stepState(page);
  assert(step.layers.length === 6 && step.layers[5].delta.every(Number.isFinite), 'six layers with finite deltas');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'stepper-6x8-network.png') });
  await page.close();
});

test('keyboard: → steps forward, ← steps back, Home restarts (no mouse needed)', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  await page.focus('#canvas');
  // Dear ImGui 1.86 reads the key state once per frame, so a key must stay down for at least a frame
  // (as a person's press does): hold each for two of the app's frames, and let it see the release.
  const press = async (key) => {
    await page.keyboard.down(key);
    await waitForFrames(page, 2, `the app to see ${key} held`);
    await page.keyboard.up(key);
    await waitForFrames(page, 2, `the app to see ${key} released`);
  };
  for (let i = 0; i < 3; i += 1) await press('ArrowRight');
  let step = await stepState(page);
  assert(step.position === 3 && step.phase === 'forward', `three → presses reach station 3: ${step.description}`);
  await press('ArrowLeft');
  step = await stepState(page);
  assert(step.position === 2, `← steps back one station: ${step.position}`);
  await press('Home');
  step = await stepState(page);
  assert(step.position === 0 && step.phase === 'start', `Home restarts the step: ${step.description}`);
  await page.close();
});
