// The Training problems and Recurrent-nets lessons, driven through window.backpropLab: the
// divergence guard, restoring finite weights, overfitting, dead ReLUs, and the shared weight of the
// unfolded recurrent cell; one screenshot per lesson.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, lessonState, command, openLesson, waitForStill } from './harness.mjs';

test('training problems: divergence guard, restore, overfitting and dead ReLUs', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'training-problems', (s) => s && 'problem' in s);

  // (a) learning rate 10 on a ReLU net: the guard trips and says so in words.
  let answer = await command(page, { cmd: 'setTrainingProblem', problem: 'divergence', learningRate: 10 });
  assert(answer.ok, `setTrainingProblem: ${answer.error}`);
  answer = await command(page, { cmd: 'trainEpochs', epochs: 200 });
  assert(answer.ok, `trainEpochs: ${answer.error}`);
  let s = answer.lessonState;
  assert(s.diverged === true, `lr 10 diverges within 200 epochs (epoch ${s.epoch})`);
  assert(s.epoch < 200, `training stopped early at epoch ${s.epoch}`);
  assert(/became (NaN|infinite|-?[0-9.]+e\+[0-9]+, beyond -?1e100)/.test(s.divergenceMessage) && /epoch \d+/.test(s.divergenceMessage) &&
         /learning rate 10 is too high/.test(s.divergenceMessage), `message in words: ${s.divergenceMessage}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-training-problems-diverged.png') });
  answer = await command(page, { cmd: 'restoreWeights' });
  assert(answer.ok, `restoreWeights: ${answer.error}`);
  s = answer.lessonState;
  assert(s.restored && !s.diverged && s.weightsFinite, 'restored weights are all finite');
  assert(Number.isFinite(s.trainLoss), `restored loss is finite: ${s.trainLoss}`);
  assert(s.epoch === s.lastGoodEpoch, 'back at the last good epoch');

  // (c) overfitting: 20 training points, a big network; the test loss ends above the training loss.
  answer = await command(page, { cmd: 'setTrainingProblem', problem: 'overfitting' });
  assert(answer.ok && answer.lessonState.trainPoints === 20, 'overfitting uses 20 training points');
  answer = await command(page, { cmd: 'trainEpochs', epochs: 1500 });
  s = answer.lessonState;
  assert(!s.diverged, 'overfitting run does not diverge');
  assert(s.testLoss > s.trainLoss, `test loss ${s.testLoss} > training loss ${s.trainLoss}`);
  assert(s.trainAccuracy >= s.testAccuracy, `train accuracy ${s.trainAccuracy} ≥ test ${s.testAccuracy}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-training-problems-overfitting.png') });

  // (b) dead ReLUs: a non-negative whole count that rises when provoked.
  answer = await command(page, { cmd: 'setTrainingProblem', problem: 'dead-relu' });
  s = answer.lessonState;
  assert(Number.isInteger(s.deadCount) && s.deadCount >= 0, `dead count ${s.deadCount}`);
  const before = s.deadCount;
  answer = await command(page, { cmd: 'provokeDeadRelus' });
  assert(answer.ok, `provoke: ${answer.error}`);
  s = answer.lessonState;
  assert(Number.isInteger(s.deadCount) && s.deadCount > before, `dead count rises: ${before} → ${s.deadCount}`);
  assert(s.deadBeforeProvoke === before, 'the count before provoking is kept');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-training-problems-dead-relu.png') });

  const refused = await command(page, { cmd: 'trainEpochs', epochs: 9000 });
  assert(!refused.ok && /5000/.test(refused.error), `too many epochs refused: ${refused.error}`);
  await page.close();
});

test('training (rnn): the shared weight\'s gradient is the sum of its per-step shares', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'rnn', (s) => s && 'sharedWeightGrad' in s);
  let s = await lessonState(page);
  assert(s.steps === 4 && s.h.length === 4, `four steps: ${s.steps}`);
  // h1 = tanh(w·0 + u·x1 + b) with h0 = 0.
  assertClose(s.h[0], Math.tanh(s.u * s.x[0] + s.b), 1e-12, 'h1 by hand');
  for (let t = 1; t < 4; ++t) assertClose(s.h[t], Math.tanh(s.w * s.h[t - 1] + s.u * s.x[t] + s.b), 1e-12, `h${t + 1} by hand`);
  const sum = s.sharedWeightContributions.reduce((a, b) => a + b, 0);
  assertClose(s.sharedWeightGrad, sum, 1e-12, '∂E/∂w = Σ_t shares');
  const inputSum = s.inputWeightContributions.reduce((a, b) => a + b, 0);
  assertClose(s.inputWeightGrad, inputSum, 1e-12, '∂E/∂u = Σ_t shares');
  // Going back in time the gradient on h shrinks here (|w| < 1, tanh' < 1).
  assert(Math.abs(s.dh[0]) < Math.abs(s.dh[3]), `|∂E/∂h1| ${s.dh[0]} < |∂E/∂h4| ${s.dh[3]}`);
  // A finite difference of the loss in w agrees with the shared node's gradient.
  const h = 1e-6;
  const up = (await command(page, { cmd: 'setRnn', w: s.w + h })).lessonState.loss;
  const down = (await command(page, { cmd: 'setRnn', w: s.w - h })).lessonState.loss;
  assertClose((up - down) / (2 * h), s.sharedWeightGrad, 1e-7, 'finite difference in w');
  await command(page, { cmd: 'setRnn', w: s.w });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'lesson-rnn.png') });
  await page.close();
});
