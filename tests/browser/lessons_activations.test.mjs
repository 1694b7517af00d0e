// The activation gallery and the vanishing-gradients lesson, driven through window.backpropLab:
// slopes h'(z) against hand-known values, the layer-1 / output gradient ratio of a deep sigmoid
// network against a ReLU one, and a screenshot of each lesson.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, lessonState, command, openLesson, waitForStill } from './harness.mjs';

// Sets the gallery's activation and probe z; returns the lesson state.
async function probe(page, name, z) {
  let answer = await command(page, { cmd: 'setActivation', name });
  assert(answer.ok, `setActivation ${name}: ${answer.error}`);
  answer = await command(page, { cmd: 'typeValue', field: 'z', text: String(z) });
  assert(answer.ok, `typeValue z = ${z}: ${answer.error}`);
  return lessonState(page);
}

test('activations: h(z) and h\'(z) match hand-known values; the small network\'s units are counted', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'activations', (s) => (s || {}).hiddenCount > 0);
  // σ(0) = ½, σ'(0) = σ(0)(1 − σ(0)) = ¼.
  let s = await probe(page, 'sigmoid', 0);
  assert(s.activation === 'sigmoid', `activation is ${s.activation}`);
  assertClose(s.f, 0.5, 1e-15, 'sigmoid(0)');
  assertClose(s.fprime, 0.25, 1e-15, "sigmoid'(0)");
  // tanh'(0) = 1 − tanh²(0) = 1.
  s = await probe(page, 'tanh', 0);
  assertClose(s.fprime, 1, 1e-15, "tanh'(0)");
  // ReLU'(−1) = 0: a dead unit; ReLU(2) = 2 with slope 1.
  s = await probe(page, 'relu', -1);
  assertClose(s.f, 0, 0, 'ReLU(−1)');
  assertClose(s.fprime, 0, 0, "ReLU'(−1)");
  s = await probe(page, 'relu', 2);
  assertClose(s.fprime, 1, 0, "ReLU'(2)");
  // GELU'(0) = Φ(0) + 0 · φ(0) = ½.
  s = await probe(page, 'gelu', 0);
  assertClose(s.fprime, 0.5, 1e-12, "GELU'(0)");
  // ELU (α = 1): h(−1) = e^−1 − 1, h'(−1) = e^−1 = 0.3678794412.
  s = await probe(page, 'elu', -1);
  assertClose(s.f, Math.exp(-1) - 1, 1e-12, 'ELU(−1)');
  assertClose(s.fprime, 0.3678794412, 1e-9, "ELU'(−1)");
  // Leaky ReLU keeps slope 0.01 on the left; linear has slope 1 everywhere.
  s = await probe(page, 'leaky_relu', -3);
  assertClose(s.fprime, 0.01, 1e-15, "LeakyReLU'(−3)");
  s = await probe(page, 'linear', 7);
  assert(s.activation === 'identity', `linear reads back as ${s.activation}`);
  assertClose(s.f, 7, 0, 'linear(7)');
  assertClose(s.fprime, 1, 0, "linear'(7)");
  // The counts are over the 2-6-6-1 network's 12 hidden units × 16 points; a ReLU network has dead units,
  // a linear one none.
  assert(s.hiddenCount === 192 && s.dead === 0 && s.saturated === 0, `linear: ${JSON.stringify(s)}`);
  s = await probe(page, 'relu', 0.5);
  assert(s.dead > 0 && s.dead < s.hiddenCount, `ReLU has some dead units: ${s.dead} of ${s.hiddenCount}`);
  // Refusals: a word for z, a non-gallery activation.
  let answer = await command(page, { cmd: 'typeValue', field: 'z', text: 'big' });
  assert(!answer.ok, 'a word is refused as z');
  answer = await command(page, { cmd: 'setActivation', name: 'softmax' });
  assert(!answer.ok, 'softmax is not in the gallery');
  s = await probe(page, 'sigmoid', 1.5);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-activations.png') });
  await page.close();
});

test('activations and depth (vanishing gradients): 8 sigmoid layers starve layer 1, ReLU does not', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'vanishing-gradients');
  let answer = await command(page, { cmd: 'setVanishing', activation: 'sigmoid', depth: 8 });
  assert(answer.ok, `setVanishing: ${answer.error}`);
  let s = answer.lessonState;
  assert(s.gradientNorms.length === 9, `8 hidden layers + output: ${s.gradientNorms.length}`);
  const sigmoidRatio = s.gradientNorms[0] / s.gradientNorms[8];
  assert(sigmoidRatio < 0.01, `sigmoid: layer 1 / output = ${sigmoidRatio}`);
  answer = await command(page, { cmd: 'setVanishing', activation: 'relu' });
  s = answer.lessonState;
  assert(s.activation === 'relu' && s.depth === 8, `relu at depth 8: ${JSON.stringify(s)}`);
  const reluRatio = s.gradientNorms[0] / s.gradientNorms[8];
  assert(reluRatio > 100 * sigmoidRatio, `ReLU ratio ${reluRatio} is far above sigmoid's ${sigmoidRatio}`);
  answer = await command(page, { cmd: 'setVanishing', depth: 11 });
  assert(!answer.ok, 'depth 11 is refused');
  answer = await command(page, { cmd: 'setVanishing', activation: 'sigmoid', depth: 8 });
  assert(answer.ok, 'back to sigmoid');
  // One training step: the layer next to the input moves far less, relative to its size, than the output layer.
  answer = await command(page, { cmd: 'vanishingStep' });
  s = answer.lessonState;
  assert(answer.ok && s.steps === 1 && s.relativeChange.length === 9, `one step: ${JSON.stringify(s)}`);
  assert(s.relativeChange[0] < 0.01 * s.relativeChange[8], `layer 1 barely moves: ${s.relativeChange}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-vanishing-gradients.png') });
  await page.close();
});
