// The perceptron, XOR, features and stacking lessons, driven through window.backpropLab: the rule
// converges on separable data, never on XOR, converges once x1·x2 is a feature; a stack of linear
// layers stays linear on XOR while tanh solves it. One screenshot per lesson.
import { join } from 'node:path';
import { test, assert, openApp, command, openLesson, waitForStill } from './harness.mjs';

test('perceptron: steps show Δw = η(y − ŷ)x, and it converges on two separable clusters', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'perceptron');
  let answer = await command(page, { cmd: 'perceptronReset' });
  assert(answer.ok, `reset: ${answer.error}`);
  answer = await command(page, { cmd: 'perceptronStep' });
  assert(answer.ok, `step: ${answer.error}`);
  let s = answer.lessonState;
  const step = s.lastStep;
  // From w = 0, b = 0: z = 0, ŷ = 0; Δw = η(y − ŷ)x.
  assert(step.prediction === 0, `first prediction is 0: ${step.prediction}`);
  for (let i = 0; i < 2; i++) {
    const expected = s.eta * (step.y - step.prediction) * step.x[i];
    assert(Math.abs(step.deltaW[i] - expected) < 1e-12, `Δw[${i}] = ${step.deltaW[i]}, expected ${expected}`);
  }
  answer = await command(page, { cmd: 'perceptronRun', epochs: 1000, untilConverged: true });
  assert(answer.ok, `run: ${answer.error}`);
  s = answer.lessonState;
  assert(s.converged === true, `converged after ${s.epochs} epochs: ${s.mistakesPerEpoch.slice(-5)}`);
  assert(s.mistakesPerEpoch[s.mistakesPerEpoch.length - 1] === 0, 'the last epoch has no mistakes');
  assert(s.epochs < 1000, `converged well within 1000 epochs (${s.epochs})`);
  answer = await command(page, { cmd: 'perceptronRun', epochs: 20000 });
  assert(!answer.ok, 'more than 10000 epochs in one call is refused');
  answer = await command(page, { cmd: 'setEta', eta: -1 });
  assert(!answer.ok, 'a negative η is refused');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-perceptron.png') });
  await page.close();
});

test('perceptron on XOR: every one of 1000 epochs has a mistake', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'xor');
  await command(page, { cmd: 'perceptronReset' });
  const answer = await command(page, { cmd: 'perceptronRun', epochs: 1000 });
  assert(answer.ok, `run: ${answer.error}`);
  const s = answer.lessonState;
  assert(s.points === 4, `four corners: ${s.points}`);
  assert(s.epochs === 1000, `1000 epochs ran: ${s.epochs}`);
  assert(s.mistakesPerEpoch.every((m) => m > 0), 'no epoch is free of mistakes');
  assert(s.converged === false, 'never converges');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-xor.png') });
  await page.close();
});

test('perceptron with the feature x1·x2 separates XOR; with raw x1, x2 it does not', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'features');
  let answer = await command(page, { cmd: 'setFeatures', product: false });
  assert(answer.ok, `raw features: ${answer.error}`);
  answer = await command(page, { cmd: 'perceptronRun', epochs: 1000, untilConverged: true });
  assert(answer.ok && answer.lessonState.converged === false, 'raw x1, x2 never converge on XOR quadrants');
  answer = await command(page, { cmd: 'setFeatures', product: true });
  assert(answer.ok && answer.lessonState.product === true, `x1·x2 on: ${answer.error}`);
  answer = await command(page, { cmd: 'perceptronRun', epochs: 10000, untilConverged: true });
  assert(answer.ok, `run: ${answer.error}`);
  const s = answer.lessonState;
  assert(s.converged === true, `converges with x1·x2 (epochs ${s.epochs}, last ${s.mistakesPerEpoch.slice(-3)})`);
  assert(s.mistakesPerEpoch[s.mistakesPerEpoch.length - 1] === 0, 'the last epoch has no mistakes');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-features.png') });
  await page.close();
});

test('stacked linear layers stay linear on XOR; tanh solves it', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'stacking-linear');
  let answer = await command(page, { cmd: 'setHidden', activation: 'identity' });
  assert(answer.ok, `identity: ${answer.error}`);
  answer = await command(page, { cmd: 'trainEpochs', epochs: 2000 });
  assert(answer.ok, `train: ${answer.error}`);
  let s = answer.lessonState;
  assert(s.linear === true, 'the identity net is linear');
  assert(s.accuracy <= 0.75, `identity accuracy on the 4 corners stays at or below 75%: ${s.accuracy}`);
  assert(s.collapsedW.length === 1 && s.collapsedW[0].length === 2, 'W₂W₁ is 1×2');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-stacking-identity.png') });
  answer = await command(page, { cmd: 'setHidden', activation: 'tanh' });
  assert(answer.ok, `tanh: ${answer.error}`);
  answer = await command(page, { cmd: 'trainEpochs', epochs: 2000 });
  s = answer.lessonState;
  assert(s.accuracy === 1, `tanh reaches 100%: ${s.accuracy} (loss ${s.loss})`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-stacking-tanh.png') });
  await page.close();
});
