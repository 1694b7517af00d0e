// Universal approximation and Width vs depth, driven through window.backpropLab: more hidden units
// fit the sine better, the two width/depth networks get the same parameter budget, and both learn.
import { join } from 'node:path';
import { test, assert, openApp, lessonState, openLesson, waitFor, waitForFrames } from './harness.mjs';

// Several commands in one evaluate, so no frame runs between them (training is paused first).
async function commands(page, requests) {
  return page.evaluate((list) => list.map((r) => {
    try { return window.backpropLab.command(r); } catch (error) { return { ok: false, error: error.message }; }
  }), requests);
}
// Opens a lesson that trains live, and waits until it has trained.
const openTrainingLesson = (page, id) => openLesson(page, id, (s) => (s || {}).epochs > 0);

test('Universal approximation: 32 tanh units fit the sine far better than 1 after 2000 epochs', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openTrainingLesson(page, 'universal-approximation');
  const fitWith = async (units) => {
    const answers = await commands(page, [
      { cmd: 'setUniversal', target: 'sin', units, activation: 'tanh', playing: false },
      { cmd: 'trainEpochs', epochs: 2000 },
    ]);
    for (const answer of answers) assert(answer.ok, `command refused: ${answer.error}`);
    return answers[1].lessonState;
  };
  const one = await fitWith(1);
  const many = await fitWith(32);
  // Measured in wasm (seeded, deterministic): 1 unit MSE 0.0607 (4 parameters), 32 units MSE 0.000206
  // (97 parameters), a ratio of about 294; the assertion keeps a wide margin (50×).
  console.log(`    1 unit: MSE ${one.mse} (${one.parameters} parameters); 32 units: MSE ${many.mse} (${many.parameters} parameters)`);
  assert(one.epochs === 2000 && many.epochs === 2000, `both trained 2000 epochs: ${one.epochs}, ${many.epochs}`);
  assert(one.target === 'sin' && one.units === 1 && many.units === 32, 'the settings took');
  assert(Number.isFinite(one.mse) && Number.isFinite(many.mse), 'both errors are finite');
  assert(one.mse > 50 * many.mse, `1 unit's MSE ${one.mse} should be over 50× 32 units' ${many.mse}`);
  assert(many.loss < many.initialLoss && one.loss < one.initialLoss, 'training lowered both losses (½·MSE)');

  const refused = await commands(page, [{ cmd: 'setUniversal', units: 65 }, { cmd: 'trainEpochs', epochs: 20001 }]);
  assert(!refused[0].ok && !refused[1].ok, 'out-of-range units and epochs are refused');
  const shown = await commands(page, [{ cmd: 'setUniversal', playing: true }]);
  assert(shown[0].ok, 'play again');
  await waitFor(page, () => window.backpropLab.getState().lessonState.epochs, (epochs) => epochs > 2000,
                'training to go on live');
  const live = await lessonState(page);
  assert(live.epochs > 2000, `training continues live, bounded per frame: ${live.epochs} epochs`);
  await page.screenshot({ path: join(artifactsDir, 'lesson-universal-approximation.png') });
  await page.close();
});

test('Width vs depth: near-equal parameter counts, both losses finite and lower after training', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openTrainingLesson(page, 'width-depth');
  const answers = await commands(page, [
    { cmd: 'setWidthDepth', playing: false, reset: true },
    { cmd: 'trainEpochs', epochs: 1500 },
  ]);
  for (const answer of answers) assert(answer.ok, `command refused: ${answer.error}`);
  const s = answers[1].lessonState;
  // Measured in wasm after 1500 epochs: wide 1×80 and deep 4×8 both have 241 parameters;
  // wide loss 0.414 → 0.0326, deep 0.244 → 0.0198 (½·MSE).
  console.log(`    wide 1×${s.wide.units}: ${s.wide.parameters} parameters, loss ${s.wide.initialLoss} → ${s.wide.loss}; ` +
              `deep ${s.deep.layers}×${s.deep.units}: ${s.deep.parameters} parameters, loss ${s.deep.initialLoss} → ${s.deep.loss}`);
  const gap = Math.abs(s.wide.parameters - s.deep.parameters) / s.deep.parameters;
  assert(gap <= 0.1, `parameter counts within 10%: ${s.wide.parameters} vs ${s.deep.parameters}`);
  assert(s.epochs === 1500, `1500 epochs: ${s.epochs}`);
  assert(s.teeth >= 6, `the target has many teeth: ${s.teeth}`);
  for (const net of [s.wide, s.deep]) {
    assert(Number.isFinite(net.loss) && Number.isFinite(net.initialLoss), 'losses are finite');
    assert(net.loss < net.initialLoss, `loss decreased: ${net.initialLoss} → ${net.loss}`);
  }
  await commands(page, [{ cmd: 'setWidthDepth', playing: true }]);
  await waitForFrames(page, 4, 'a few frames of live training');
  await page.screenshot({ path: join(artifactsDir, 'lesson-width-depth.png') });
  await page.close();
});
