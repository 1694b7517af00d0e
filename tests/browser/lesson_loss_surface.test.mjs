// "Gradient descent on a loss surface", driven through window.backpropLab: the first steps of
// gradient descent, momentum and Adam against the update rules computed here in JavaScript from the
// lesson's eight points, a minibatch step that must be a gradient step on some two of the points,
// divergence caught and said in words, the plateau where Adam gets away, and bad settings refused.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, openLesson, lessonState, command, commandOk, waitFor, waitForStill } from './harness.mjs';

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
// ∇L at w for the points with indices `which`: L = mean ½ (h(w·x) − t)², by the chain rule.
function gradient(s, w, which) {
  const g = [0, 0];
  for (const n of which) {
    const x = [s.X[0][n], s.X[1][n]], t = s.T[0][n];
    const z = w[0] * x[0] + w[1] * x[1];
    const a = s.problem === 'bowl' ? z : sigmoid(z);
    const slope = s.problem === 'bowl' ? 1 : a * (1 - a);
    for (let i = 0; i < 2; ++i) g[i] += (a - t) * slope * x[i] / which.length;
  }
  return g;
}
const ALL = [0, 1, 2, 3, 4, 5, 6, 7];

// The optimizers' first `steps` points, from the formulas in src/core/optim.h (no penalties).
function handPath(s, kind, steps) {
  let w = s.start.slice();
  const path = [w.slice()];
  let v = [0, 0], m = [0, 0], sq = [0, 0];
  for (let k = 1; k <= steps; ++k) {
    const g = gradient(s, w, ALL);
    if (kind === 'gd') {
      w = w.map((wi, i) => wi - s.lr * g[i]);
    } else if (kind === 'momentum') {
      v = v.map((vi, i) => s.momentum * vi - s.lr * g[i]);
      w = w.map((wi, i) => wi + v[i]);
    } else {
      m = m.map((mi, i) => s.beta1 * mi + (1 - s.beta1) * g[i]);
      sq = sq.map((si, i) => s.beta2 * si + (1 - s.beta2) * g[i] * g[i]);
      w = w.map((wi, i) => wi - s.lr * (m[i] / (1 - s.beta1 ** k)) / (Math.sqrt(sq[i] / (1 - s.beta2 ** k)) + s.epsilon));
    }
    path.push(w.slice());
  }
  return path;
}

test('Loss surface: the first steps of GD, momentum and Adam against the update rules by hand', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'loss-surface');
  for (const setup of [{ problem: 'bowl', lr: 0.5 }, { problem: 'bowl', lr: 0.05, momentum: 0.8 }, { problem: 'plateau', lr: 1 }]) {
    const s = (await commandOk(page, Object.assign({ cmd: 'setSurface', steps: 100 }, setup))).lessonState;
    for (const kind of ['gd', 'momentum', 'adam']) {
      const hand = handPath(s, kind, 3);
      const app = s.paths[kind].first;
      for (let k = 0; k < 4; ++k) {
        for (let i = 0; i < 2; ++i) assertClose(app[k][i], hand[k][i], 1e-12 * Math.max(1, Math.abs(hand[k][i])), `${s.problem} ${kind}: step ${k}, w${i + 1}`);
      }
    }
    // A minibatch step of SGD (batch 2) is a gradient step on two of the points: find the pair.
    const first = s.paths.sgd.first[1];
    const pairs = [];
    for (let a = 0; a < 8; ++a) {
      for (let b = a + 1; b < 8; ++b) {
        const g = gradient(s, s.start, [a, b]);
        const w = s.start.map((wi, i) => wi - s.lr * g[i]);
        if (Math.abs(w[0] - first[0]) < 1e-12 && Math.abs(w[1] - first[1]) < 1e-12) pairs.push([a, b]);
      }
    }
    assert(pairs.length >= 1, `${s.problem}: SGD's first step is a step on two points: ${first}`);
    assertClose(s.startObjective, ALL.reduce((sum, n) => {
      const z = s.start[0] * s.X[0][n] + s.start[1] * s.X[1][n];
      const a = s.problem === 'bowl' ? z : sigmoid(z);
      return sum + 0.5 * (a - s.T[0][n]) ** 2 / 8;
    }, 0), 1e-12, `${s.problem}: J at the start`);
  }
  await page.close();
});

test('Loss surface: η too large diverges in words; the plateau lets Adam away; the goal', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'loss-surface');
  await commandOk(page, { cmd: 'setSurface', problem: 'bowl', lr: 0.5, steps: 100 });
  await waitForStill(page, 3, { orDrawnFrames: 100 });
  await page.screenshot({ path: join(artifactsDir, 'loss-surface-bowl-1280.png') });
  // Bowl, η = 2: across the valley the error is multiplied by 1 − 2·2 = −3 each step, so the loss
  // grows 9× a step and passes 1e100 near step 105 (src/core/loss_surface.h).
  const large = (await commandOk(page, { cmd: 'setSurface', lr: 2, steps: 200 })).lessonState;
  assert(large.gdDiverged === true && large.gdDivergedStep > 90 && large.gdDivergedStep < 120,
         `GD at η = 2 diverges near step 105: ${large.gdDiverged} at ${large.gdDivergedStep}`);
  await waitForStill(page, 3, { orDrawnFrames: 100 });
  assert(/loss/.test(large.paths.gd.divergence), `what diverged, in words: ${large.paths.gd.divergence}`);
  await page.screenshot({ path: join(artifactsDir, 'loss-surface-too-large-1280.png') });
  // η = 1.1 is just past 2/λ = 1: every step overshoots further (the loss grows), as the lesson says.
  const past = (await commandOk(page, { cmd: 'setSurface', lr: 1.1, steps: 100 })).lessonState;
  assert(past.paths.gd.grew === true && !past.gdDiverged, `η = 1.1: the loss grows within 100 steps: ${JSON.stringify(past.paths.gd)}`);
  const below = (await commandOk(page, { cmd: 'setSurface', lr: 0.9, steps: 300 })).lessonState;
  assert(below.gdDistance < 1e-3, `η = 0.9 converges: ${below.gdDistance}`);

  // The plateau at (−6, −4), η = 0.1, 1000 steps (the question q-surface-plateau): Adam gets down
  // the valley, GD and momentum do not; at η = 1 Adam overshoots onto the shelf (the "too large" button).
  const plateau = (await commandOk(page, { cmd: 'setSurface', problem: 'plateau', lr: 0.1, steps: 1000 })).lessonState;
  console.log(`    plateau, η = 0.1, 1000 steps: distance to w* GD ${plateau.gdDistance}, momentum ${plateau.momentumDistance}, Adam ${plateau.adamDistance}`);
  assert(plateau.start[0] === -6 && plateau.start[1] === -4, `the plateau's start: ${plateau.start}`);
  assert(plateau.adamDistance < 0.01 && plateau.gdDistance > 3 && plateau.momentumDistance > 3,
         `Adam leaves the plateau, GD and momentum stay: ${plateau.adamDistance}, ${plateau.gdDistance}, ${plateau.momentumDistance}`);
  const over = (await commandOk(page, { cmd: 'setSurface', lr: 1 })).lessonState;
  assert(over.adamDistance > 3 && over.adamObjective < 0.02, `at η = 1 Adam ends on the shelf: ${over.adamDistance}, J = ${over.adamObjective}`);
  await commandOk(page, { cmd: 'setSurface', lr: 0.1 });
  await waitForStill(page, 3, { orDrawnFrames: 100 });
  await page.screenshot({ path: join(artifactsDir, 'loss-surface-plateau-1280.png') });

  // The goal: momentum within 0.01 of w* in 50 steps. Heavy ball's best settings for curvatures 2 and
  // 0.1: η = 4/(√2 + √0.1)² ≈ 1.336, μ = ((√20 − 1)/(√20 + 1))² ≈ 0.40.
  const tuned = (await commandOk(page, { cmd: 'setSurface', problem: 'bowl', lr: 1.336, momentum: 0.4, steps: 50 })).lessonState;
  assert(tuned.momentumDistance < 0.01, `tuned momentum ends within 0.01: ${tuned.momentumDistance}`);
  const best = (await commandOk(page, { cmd: 'setSurface', lr: 2 / 2.1, momentum: 0.9, steps: 50 })).lessonState;
  assert(best.gdDistance > 0.01, `GD at its best η = 2/2.1 is not within 0.01 after 50 steps: ${best.gdDistance}`);
  await commandOk(page, { cmd: 'setSurface', lr: 1.336, momentum: 0.4, steps: 50 });
  await waitFor(page, () => window.backpropLab.getState().quiz.goals.find((g) => g.key === 'loss-surface#goal-surface-momentum'),
                (goal) => goal && goal.met === true, 'the momentum goal to be met');

  // Hover the surface: the arrow of −η∇J.
  await page.mouse.move(420, 150);
  await waitForStill(page, 3, { orDrawnFrames: 10 });
  await page.screenshot({ path: join(artifactsDir, 'loss-surface-hover-1280.png') });
  await page.setViewportSize({ width: 480, height: 320 });
  await waitForStill(page, 3, { orDrawnFrames: 10 });
  await page.screenshot({ path: join(artifactsDir, 'loss-surface-480x320.png') });
  await page.close();
});

test('Loss surface: bad settings are refused in words and change nothing', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'loss-surface');
  const good = (await commandOk(page, { cmd: 'setSurface', problem: 'bowl', lr: 0.5, steps: 100, start: [-1, 1] })).lessonState;
  for (const request of [
    { lr: 0 }, { lr: -1 }, { lr: 'fast' }, { lr: 1e9 }, { momentum: 1 }, { beta2: 2 }, { epsilon: 0 },
    { l1: -0.1 }, { batch: 0 }, { batch: 9 }, { batch: 2.5 }, { steps: 0 }, { steps: 1001 }, { steps: 10.5 },
    { start: [100, 0] }, { start: [0] }, { start: ['a', 1] }, { problem: 'saddle' }, { init: 'glorot' },
    { show: { gd: 1 } }, { show: { newton: true } }, { show: [] },
  ]) {
    const answer = await command(page, Object.assign({ cmd: 'setSurface' }, request));
    assert(!answer.ok && answer.error.length > 10, `${JSON.stringify(request)} refused in words: ${answer.error}`);
    const now = await lessonState(page);
    assert(now.lr === good.lr && now.steps === good.steps && now.batch === good.batch && JSON.stringify(now.start) === JSON.stringify(good.start),
           `${JSON.stringify(request)} changed nothing`);
  }
  // Random start: a point the scheme draws (Xavier: each weight in [−√2, √2)).
  const drawn = (await commandOk(page, { cmd: 'randomStart' })).lessonState;
  assert(drawn.init === 'xavier' && drawn.start.every((w) => Math.abs(w) < Math.SQRT2), `a Xavier start: ${drawn.start}`);
  await page.close();
});
