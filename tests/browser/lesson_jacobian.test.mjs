// The Jacobian lesson, driven through window.backpropLab: J, det J, the square's area ratio and
// ∂L/∂x = ∂L/∂a · J against a layer written again here in JavaScript and differentiated by central
// differences; dragging the point on the left plane moves x; bad input leaves the map as it was.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, openLesson, lessonState, command, commandOk, waitFor, waitForStill } from './harness.mjs';

// The layer a = h(W x + b) again, independently of the app.
const H = {
  identity: (z) => z,
  tanh: (z) => Math.tanh(z),
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  relu: (z) => Math.max(0, z),
};
function layer(W, b, h, x) {
  return [0, 1].map((i) => H[h](W[i][0] * x[0] + W[i][1] * x[1] + b[i]));
}
function centralJacobian(W, b, h, x, step = 1e-6) {
  const J = [[0, 0], [0, 0]];
  for (let j = 0; j < 2; ++j) {
    const plus = x.slice(), minus = x.slice();
    plus[j] += step;
    minus[j] -= step;
    const ap = layer(W, b, h, plus), am = layer(W, b, h, minus);
    for (let i = 0; i < 2; ++i) J[i][j] = (ap[i] - am[i]) / (2 * step);
  }
  return J;
}
// The signed area of the image of a square of side s around x (its boundary cut in 64 pieces a side),
// divided by s².
function areaRatio(W, b, h, x, s) {
  const corners = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(([u, v]) => [x[0] + u * s / 2, x[1] + v * s / 2]);
  const image = [];
  for (let k = 0; k < 4; ++k) {
    const p = corners[k], q = corners[(k + 1) % 4];
    for (let n = 0; n < 64; ++n) {
      const t = n / 64;
      image.push(layer(W, b, h, [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]));
    }
  }
  let twice = 0;
  for (let k = 0; k < image.length; ++k) {
    const p = image[k], q = image[(k + 1) % image.length];
    twice += p[0] * q[1] - q[0] * p[1];
  }
  return twice / 2 / (s * s);
}
const loss = (a, t) => 0.5 * ((a[0] - t[0]) ** 2 + (a[1] - t[1]) ** 2);

test('Jacobian: J, det J, the area ratio and dL/dx against central differences of a JS layer', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'jacobian');
  const cases = [
    { W: [[1.2, 0.6], [-0.4, 1.0]], b: [0.1, -0.2], h: 'tanh', x: [0.5, 0.3] },
    { W: [[2, 0.5], [-0.5, 1.25]], b: [0.2, -0.1], h: 'tanh', x: [-1.3, 1.7] },
    { W: [[0, 1], [1, 0]], b: [0, 0], h: 'identity', x: [0.7, -0.4] },
    { W: [[-1.5, 0.8], [0.3, 2.2]], b: [0.4, 0.1], h: 'sigmoid', x: [-0.6, 0.9] },
    { W: [[1.1, -0.7], [0.9, 0.5]], b: [-0.2, 0.3], h: 'relu', x: [1.2, 0.4] },
  ];
  for (const c of cases) {
    await commandOk(page, { cmd: 'setMap', W: c.W, b: c.b, activation: c.h });
    const s = (await commandOk(page, { cmd: 'setPoint', x: c.x })).lessonState;
    const J = centralJacobian(c.W, c.b, c.h, c.x);
    for (let i = 0; i < 2; ++i) {
      for (let j = 0; j < 2; ++j) assertClose(s.J[i][j], J[i][j], 1e-7, `${c.h}: J(${i},${j})`);
    }
    const det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
    assertClose(s.det, det, 1e-7, `${c.h}: det J`);
    // The app's square has side s.side: the area ratio of its true image, a finite square, is close to
    // det J but not equal (the map bends inside it); the JS area of the same square agrees closely.
    assertClose(s.areaRatio, areaRatio(c.W, c.b, c.h, c.x, s.side), 2e-3 * Math.max(1, Math.abs(det)), `${c.h}: area ratio`);
    // A small square's image: area ratio → det J (independently, in JS).
    assertClose(areaRatio(c.W, c.b, c.h, c.x, 1e-4), s.det, 1e-4 * Math.max(1, Math.abs(det)), `${c.h}: det J is the area ratio`);
    const a = layer(c.W, c.b, c.h, c.x);
    assertClose(s.loss, loss(a, s.t), 1e-12, `${c.h}: L`);
    for (let j = 0; j < 2; ++j) {
      const plus = c.x.slice(), minus = c.x.slice();
      plus[j] += 1e-6;
      minus[j] -= 1e-6;
      const fd = (loss(layer(c.W, c.b, c.h, plus), s.t) - loss(layer(c.W, c.b, c.h, minus), s.t)) / 2e-6;
      assertClose(s.dLdx[j], fd, 1e-7, `${c.h}: dL/dx${j + 1}`);
    }
    console.log(`    ${c.h} at (${c.x}): det J ${s.det.toFixed(6)}, area ratio of the side-${s.side} square ${s.areaRatio.toFixed(6)}`);
  }
  // Mirror: J = W = [0 1; 1 0], det −1 everywhere (the question's answer).
  const mirror = (await commandOk(page, { cmd: 'preset', name: 'Mirror' })).lessonState;
  assert(mirror.det === -1 && mirror.linear === true, `Mirror: det J = ${mirror.det}`);
  await page.close();
});

test('Jacobian: dragging on the left plane moves the point; bad input keeps the map', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'jacobian');
  await commandOk(page, { cmd: 'preset', name: 'Start' });
  await commandOk(page, { cmd: 'setPoint', x: [0.5, 0.3] });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'jacobian-start-1280.png') });
  // At 1280×720 the input plane is the upper left one, x₁ from −2 at 290 px to 2 at 550 px, x₂ from 2
  // at 63 px to −2 at 323 px: (0.5, 0.3) is at about (453, 174). Drag it up and to the right.
  const before = await lessonState(page);
  await page.mouse.move(453, 174);
  await page.mouse.down();
  await page.mouse.move(480, 150, { steps: 5 });
  await page.mouse.move(500, 128, { steps: 5 });
  const during = await waitFor(page, () => window.backpropLab.getState().lessonState.x,
                               (x, was) => x[0] !== was[0] || x[1] !== was[1], 'the point to follow the drag', { arg: before.x });
  await page.mouse.up();
  await waitForStill(page);
  const after = await lessonState(page);
  assert(Math.abs(after.x[0]) <= 2 && Math.abs(after.x[1]) <= 2, `x stays on the plane: ${after.x}`);
  assert(during[0] !== before.x[0], `the drag moved x: ${before.x} → ${during}`);
  // (500, 128) is x ≈ (0.5 + 47/65, 0.3 + 46/65) ≈ (1.22, 1.01): up and to the right.
  assert(Math.abs(after.x[0] - 1.22) < 0.1 && Math.abs(after.x[1] - 1.01) < 0.1, `x follows the mouse: ${after.x}`);
  await page.screenshot({ path: join(artifactsDir, 'jacobian-dragged-1280.png') });

  const bad = [
    { cmd: 'setMap', W: [[1, 2], [3]] },
    { cmd: 'setMap', W: [[1, 2], [3, 'x']] },
    { cmd: 'setMap', W: [[1e9, 2], [3, 4]] },
    { cmd: 'setMap', b: [0] },
    { cmd: 'setMap', b: [0, null] },
    { cmd: 'setMap', activation: 'softmax' },
    { cmd: 'setMap', activation: 7 },
    { cmd: 'setMap', W: [[1, 0], [0, 1]], activation: 'step' },
    { cmd: 'setPoint', x: [3, 0] },
    { cmd: 'setPoint', x: [0] },
    { cmd: 'setPoint' },
    { cmd: 'preset', name: 'Nope' },
  ];
  for (const request of bad) {
    const answer = await command(page, request);
    assert(!answer.ok && answer.error.length > 10, `${JSON.stringify(request)} refused in words: ${answer.error}`);
    const now = await lessonState(page);
    assert(JSON.stringify(now.W) === JSON.stringify(after.W) && now.activation === after.activation &&
           JSON.stringify(now.x) === JSON.stringify(after.x), `${JSON.stringify(request)} left the map and point as they were`);
  }
  // The squeeze goal: tanh, |det W| > 1, a far point.
  await commandOk(page, { cmd: 'preset', name: 'Squash' });
  const far = (await commandOk(page, { cmd: 'setPoint', x: [2, 2] })).lessonState;
  assert(far.absDet < 0.01 && far.absDetW > 1 && far.linear === false, `Squash at (2, 2): |det J| = ${far.absDet}`);
  await waitFor(page, () => window.backpropLab.getState().quiz.goals.find((g) => g.key === 'jacobian#goal-jacobian-squeeze'),
                (goal) => goal && goal.met === true && !goal.error, 'the squeeze goal to be met');
  await page.screenshot({ path: join(artifactsDir, 'jacobian-squash-1280.png') });
  await page.setViewportSize({ width: 480, height: 320 });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'jacobian-480x320.png') });
  await page.close();
});
