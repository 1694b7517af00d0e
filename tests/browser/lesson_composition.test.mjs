// "A network is a composition", driven through window.backpropLab: the chain's values, Jacobians and
// backward gradients against the same chain run again in JavaScript from the weights the lesson
// reports (and ∂L/∂x against central differences), the memory counts against counts by hand, and
// bad input refused with the chain kept.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, openLesson, lessonState, command, commandOk, waitForStill } from './harness.mjs';

const H = {
  identity: [(z) => z, () => 1],
  tanh: [(z) => Math.tanh(z), (z) => 1 - Math.tanh(z) ** 2],
  sigmoid: [(z) => 1 / (1 + Math.exp(-z)), (z) => { const s = 1 / (1 + Math.exp(-z)); return s * (1 - s); }],
  relu: [(z) => Math.max(0, z), (z) => (z > 0 ? 1 : 0)],
};
function forward(modules, x) {
  const values = [x];
  for (const m of modules) {
    const v = values[values.length - 1];
    values.push(m.kind === 'linear' ? m.W.map((row, i) => row.reduce((s, w, j) => s + w * v[j], m.b[i]))
                                    : v.map((z) => H[m.activation][0](z)));
  }
  return values;
}
const lossOf = (modules, x, t) => { const a = forward(modules, x).at(-1)[0]; return 0.5 * (a - t) ** 2; };

test('Composition: values, Jacobians and backward gradients against the chain run again in JS', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'composition');
  for (const setup of [
    { hidden: ['tanh'], output: 'sigmoid', x: [0.5, -1], t: 1 },
    { hidden: ['relu', 'tanh'], output: 'identity', x: [1.5, 0.25], t: -0.5, seed: 9 },
    { hidden: ['sigmoid', 'identity', 'tanh'], output: 'sigmoid', x: [-2, 3], t: 0 },
  ]) {
    const s = (await commandOk(page, Object.assign({ cmd: 'setChain' }, setup))).lessonState;
    assert(s.modules.length === 2 * (setup.hidden.length + 1), `${setup.hidden}: two modules a layer`);
    const values = forward(s.modules, setup.x);
    s.modules.forEach((m, k) => values[k + 1].forEach((v, i) => assertClose(m.value[i], v, 1e-12, `module ${k} value ${i}`)));
    const a = values.at(-1)[0];
    assertClose(s.loss, 0.5 * (a - setup.t) ** 2, 1e-12, 'L');
    // Backward by hand, module by module, from ∂L/∂a = a − t.
    let g = [a - setup.t];
    for (let k = s.modules.length - 1; k >= 0; --k) {
      const m = s.modules[k], input = values[k];
      g = m.kind === 'linear' ? input.map((_, j) => m.W.reduce((sum, row, i) => sum + g[i] * row[j], 0))
                              : g.map((gi, i) => gi * H[m.activation][1](input[i]));
      g.forEach((v, i) => assertClose(m.gradIn[i], v, 1e-12, `module ${k}: ∂L/∂input ${i}`));
      // Its Jacobian: W, or diag(h′(z)).
      m.jacobian.forEach((row, i) => row.forEach((v, j) => assertClose(
        v, m.kind === 'linear' ? m.W[i][j] : (i === j ? H[m.activation][1](input[i]) : 0), 1e-12, `J${k}(${i},${j})`)));
    }
    for (let j = 0; j < 2; ++j) {
      const plus = setup.x.slice(), minus = setup.x.slice();
      plus[j] += 1e-6;
      minus[j] -= 1e-6;
      const fd = (lossOf(s.modules, plus, setup.t) - lossOf(s.modules, minus, setup.t)) / 2e-6;
      assertClose(s.dLdx[j], fd, 1e-7, `∂L/∂x${j + 1} against central differences`);
      // The product of the Jacobians, times ∂L/∂a, is the same gradient.
      assertClose(s.chainJacobian[0][j] * (a - setup.t), s.dLdx[j], 1e-12, 'reverse product');
    }
  }
  await page.close();
});

test('Composition: memory counts by hand; bad input keeps the chain', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'composition');
  // 2-3-1: kept per sample x (2) + z₁ (3) + a₁ (3) + z₂ (1) = 9; with recomputing, x (2) and the widest
  // vector (3) = 5; extra work 0 + 6 + 9 + 12 = 27 per sample (operations before each module's input).
  let s = (await commandOk(page, { cmd: 'setChain', hidden: ['tanh'], output: 'sigmoid', batch: 32 })).lessonState;
  assert(s.storedPerSample === 9 && s.stored === 288 && s.checkpointKept === 160 && s.recomputeOps === 27 * 32 &&
         s.parameters === 13, `2-3-1 counts: ${JSON.stringify([s.storedPerSample, s.stored, s.checkpointKept, s.recomputeOps, s.parameters])}`);
  // 2-3-3-3-1: kept 2 + 3 + (3 + 3)·2 + 3 + 1 = 21 per sample, so 5/21 < 1/4: the goal.
  s = (await commandOk(page, { cmd: 'setChain', hidden: ['tanh', 'tanh', 'tanh'] })).lessonState;
  assert(s.storedPerSample === 21 && s.keptRatio < 0.25, `three hidden layers keep ${s.storedPerSample}, ratio ${s.keptRatio}`);
  await waitForStill(page);
  const goals = (await page.evaluate(() => window.backpropLab.getState().quiz.goals));
  assert(goals.some((g) => g.key === 'composition#goal-composition-checkpoint' && g.met), `the goal is met: ${JSON.stringify(goals)}`);
  await page.screenshot({ path: join(artifactsDir, 'composition-three-layers-1280.png') });
  for (const request of [
    { cmd: 'setChain', hidden: [] },
    { cmd: 'setChain', hidden: ['tanh', 'tanh', 'tanh', 'tanh', 'tanh'] },
    { cmd: 'setChain', hidden: ['softmax'] },
    { cmd: 'setChain', output: 'step' },
    { cmd: 'setChain', x: [1, 'a'] },
    { cmd: 'setChain', x: [1e300, 0] },
    { cmd: 'setChain', t: null },
    { cmd: 'setChain', batch: 0 },
    { cmd: 'setChain', batch: 2.5 },
    { cmd: 'setChain', seed: -1 },
    { cmd: 'setChain', hidden: ['relu'], x: [9, 9] },
  ]) {
    const answer = await command(page, request);
    assert(!answer.ok && answer.error.length > 10, `${JSON.stringify(request)} refused in words: ${answer.error}`);
    const now = await lessonState(page);
    assert(JSON.stringify(now.hidden) === JSON.stringify(s.hidden) && JSON.stringify(now.x) === JSON.stringify(s.x),
           `${JSON.stringify(request)} kept the chain`);
  }
  await page.setViewportSize({ width: 480, height: 320 });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'composition-480x320.png') });
  await page.close();
});
