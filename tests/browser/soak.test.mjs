// Soak: 1,000,000 training samples in the playground through the API (200 training points, 5000
// epochs, in chunks while the page keeps drawing), with the wasm heap measured before, after a
// warm-up and at the end ("getMemory": the memory's size and malloc's bytes in use). The memory
// must not grow after the warm-up, and no metric may become NaN. The numbers go into
// docs/performance.md ("Soak").
import { test, assert, openApp, commandOk, openLesson, waitForFrames } from './harness.mjs';

const TRAIN_POINTS = 200;
const SAMPLES = 1000000;
const EPOCHS = SAMPLES / TRAIN_POINTS;
const CHUNK = 250;        // epochs per runEpochs call
// Half the run: by then the curves hold their most records (2048, from epoch 2048 on), so the
// answers and exports that carry them have reached their largest size.
const WARM_UP_CHUNKS = 10;
// malloc's bytes in use may move a little (e.g. strings of the answers); a leak would grow steadily.
const IN_USE_TOLERANCE = 64 * 1024;

async function memory(page) {
  // Two frames first, so what drawing allocates is counted too.
  await waitForFrames(page, 2, 'two frames before measuring the heap');
  const answer = await commandOk(page, { cmd: 'getMemory' });
  return { heapBytes: answer.heapBytes, heapInUse: answer.heapInUse };
}

function megabytes(bytes) { return (bytes / (1024 * 1024)).toFixed(2) + ' MB'; }

test('soak: 1,000,000 training samples in the playground, the heap does not grow', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const started = Date.now();
  const before = await memory(page);
  await openLesson(page, 'playground');
  // The default playground (circle, 2-4-4-1 tanh, SGD) with 400 points, half of them for training.
  await commandOk(page, { cmd: 'configure', values: { points: 2 * TRAIN_POINTS, ratio: 0.5 } });
  const configured = (await commandOk(page, { cmd: 'getPlayground' })).playground;
  assert(configured.trainSize === TRAIN_POINTS, `${TRAIN_POINTS} training points, got ${configured.trainSize}`);

  let warm = null;
  let last = null;
  const trend = [];  // malloc's bytes in use after each chunk
  const chunks = EPOCHS / CHUNK;
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const answer = await commandOk(page, { cmd: 'runEpochs', epochs: CHUNK });
    const p = answer.playground;
    assert(answer.epochsRun === CHUNK, `chunk ${chunk}: ${answer.epochsRun} epochs run (diverged ${p.diverged}, stopped ${p.stopped})`);
    assert(Number.isFinite(p.train.loss) && Number.isFinite(p.test.loss) && Number.isFinite(p.train.accuracy) &&
           Number.isFinite(p.test.accuracy), `chunk ${chunk}: metrics are numbers: ${JSON.stringify([p.train, p.test])}`);
    // The exports and the stepper allocate and free as well.
    if (chunk % 4 === 0) {
      await commandOk(page, { cmd: 'exportCurve' });
      await commandOk(page, { cmd: 'exportNetwork' });
    }
    const now = await memory(page);
    trend.push(now.heapInUse);
    if (chunk + 1 === WARM_UP_CHUNKS) warm = now;
    last = p;
  }
  const end = await memory(page);
  const history = (await commandOk(page, { cmd: 'getPlayground' })).history;
  assert(last.epoch === EPOCHS, `${EPOCHS} epochs, got ${last.epoch}`);
  assert(history.every((r) => r.trainLoss !== null && r.testLoss !== null), 'no NaN in the curves');
  const seconds = (Date.now() - started) / 1000;
  console.log(`        ${SAMPLES} samples (${EPOCHS} epochs x ${TRAIN_POINTS} points) in ${seconds.toFixed(1)} s; ` +
              `final train loss ${last.train.loss.toFixed(4)}, test accuracy ${(100 * last.test.accuracy).toFixed(1)} %`);
  console.log(`        wasm memory: start ${megabytes(before.heapBytes)}, after warm-up ${megabytes(warm.heapBytes)}, end ${megabytes(end.heapBytes)}`);
  console.log(`        malloc in use: start ${megabytes(before.heapInUse)}, after warm-up ${megabytes(warm.heapInUse)}, ` +
              `end ${megabytes(end.heapInUse)} (${end.heapInUse - warm.heapInUse} bytes since warm-up)`);
  console.log(`        in use after each chunk (KB): ${trend.map((b) => Math.round(b / 1024)).join(' ')}`);
  assert(before.heapBytes > 0 && before.heapInUse > 0, 'getMemory measures the heap');
  assert(end.heapBytes === warm.heapBytes, `the wasm memory grew after warm-up: ${warm.heapBytes} -> ${end.heapBytes}`);
  assert(end.heapInUse - warm.heapInUse <= IN_USE_TOLERANCE,
         `malloc's bytes in use grew after warm-up: ${warm.heapInUse} -> ${end.heapInUse}`);
  await page.close();
});
