// Export and import (src/app/io/network_io.cpp, web/files.js): a network file round-trips bit for bit
// into a fresh page (stepper and playground), the trace exports carry the stepper's numbers, the
// curve CSV has one row per epoch, and the page's download and drop paths work.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { test, assert, assertClose, openApp, appState, pngStatistics, command, commandOk, stepState, openLesson, waitFor, waitForStill } from './harness.mjs';

const PUBLISHED = 1e-8;

// The weights and biases as text: JSON.stringify writes each double's shortest round-trip form, so
// equal text means equal bits.
function weightsText(layers) {
  return JSON.stringify(layers.map((layer) => [layer.W, layer.b]));
}

// Every number (or null) under a value, counted.
function countLeaves(value) {
  if (Array.isArray(value)) return value.reduce((sum, item) => sum + countLeaves(item), 0);
  return typeof value === 'number' || value === null ? 1 : 0;
}

test('export: a network file round-trips bit for bit into a fresh page (stepper)', async ({ context, baseUrl }) => {
  const first = await openApp(context, baseUrl);
  await openLesson(first.page, 'worked-example');
  // Three steps taken for real, so the weights are no longer the lesson's published ones.
  await commandOk(first.page, { cmd: 'step', direction: 'next', granularity: 'step', count: 3 });
  const trained = await stepState(first.page);
  assert(trained.stepsTaken >= 2, `steps were taken: ${trained.stepsTaken}`);
  const exported = await commandOk(first.page, { cmd: 'exportNetwork' });
  assert(exported.holder === 'stepper', `the worked example's network is the stepper's: ${exported.holder}`);
  const file = JSON.parse(exported.json);
  assert(file.format === 'backprop-lab-network' && file.version === 1, `format tag: ${file.format} ${file.version}`);
  assert(JSON.stringify(file.shape) === '[2,2,2]' && file.loss === 'half_mse', `shape ${file.shape}, loss ${file.loss}`);
  assert(file.layers[0].activation === 'sigmoid' && file.layers[0].slope === 0.01 && file.layers[0].alpha === 1,
         `activation and its parameters: ${JSON.stringify(file.layers[0]).slice(0, 80)}`);
  await first.page.close();

  const second = await openApp(context, baseUrl);
  await openLesson(second.page, 'worked-example');
  const fresh = await stepState(second.page);
  assert(weightsText(fresh.layers) !== weightsText(trained.layers), 'a fresh page starts from other weights');
  await commandOk(second.page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 5 });
  await commandOk(second.page, { cmd: 'importNetwork', text: exported.json });
  const imported = await stepState(second.page);
  assert(weightsText(imported.layers) === weightsText(trained.layers),
         `identical W and b:\n${weightsText(imported.layers)}\n${weightsText(trained.layers)}`);
  assert(JSON.stringify([imported.x, imported.t]) === JSON.stringify([trained.x, trained.t]), 'the sample travels too');
  assert(imported.position === 0 && imported.phase === 'start', `the stepper restarts: ${imported.phase}`);
  // The same step from the same weights gives the same numbers, to the last bit.
  const traced = (layers) => JSON.stringify(layers.map((l) => [l.z, l.a, l.delta, l.dW, l.newW, l.newB]));
  assert(traced(imported.layers) === traced(trained.layers), 'the traced step matches');
  await second.page.close();
});

test('export: a playground network round-trips and training restarts from it', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground');
  await commandOk(page, { cmd: 'configure', values: { data: 'xor', hidden: '5,3', act: 'relu,tanh', features: 'x1,x2,x1x2' } });
  await commandOk(page, { cmd: 'runEpochs', epochs: 30 });
  const trained = (await commandOk(page, { cmd: 'getPlayground' })).playground;
  const exported = await commandOk(page, { cmd: 'exportNetwork' });
  assert(exported.holder === 'playground', `the playground's network: ${exported.holder}`);
  assert(JSON.stringify(JSON.parse(exported.json).shape) === '[3,5,3,1]', `shape: ${JSON.parse(exported.json).shape}`);

  // Another shape in between; the import brings back the file's shape and weights.
  await commandOk(page, { cmd: 'configure', values: { hidden: '2', act: 'sigmoid' } });
  const answer = await commandOk(page, { cmd: 'importNetwork', text: exported.json });
  assert(answer.holder === 'playground', `imported into the playground: ${answer.holder}`);
  const afterAnswer = await commandOk(page, { cmd: 'getPlayground' });
  const after = afterAnswer.playground;
  assert(weightsText(after.weights.layers) === weightsText(trained.weights.layers), 'identical playground weights');
  assert(after.values.hidden === '5,3' && after.values.act === 'relu,tanh', `settings follow the file: ${after.values.hidden} ${after.values.act}`);
  assert(after.epoch === 0 && afterAnswer.history.length === 1, `training restarts at epoch 0: ${after.epoch}, ${afterAnswer.history.length}`);
  assertClose(after.train.loss, trained.train.loss, 1e-12, 'the same network has the same training loss');
  const more = await commandOk(page, { cmd: 'runEpochs', epochs: 3 });
  assert(more.playground.epoch === 3 && Number.isFinite(more.playground.train.loss), 'it trains on');

  // A network that does not fit the playground's data is refused, naming what does not fit.
  const wrongInputs = JSON.parse(exported.json);
  wrongInputs.layers[0].W = wrongInputs.layers[0].W.map((row) => row.slice(0, 2));
  delete wrongInputs.shape;
  let refused = await command(page, { cmd: 'importNetwork', text: JSON.stringify(wrongInputs) });
  assert(!refused.ok && /takes 2 inputs, but the playground feeds it 3 features \(x1,x2,x1x2\)/.test(refused.error),
         `wrong input count: ${refused.error}`);
  const relu = JSON.parse(exported.json);
  relu.layers[2].activation = 'relu';
  refused = await command(page, { cmd: 'importNetwork', text: JSON.stringify(relu) });
  assert(!refused.ok && /output layer uses relu/.test(refused.error), `relu output: ${refused.error}`);
  const unchanged = (await commandOk(page, { cmd: 'getPlayground' })).playground;
  assert(weightsText(unchanged.weights.layers) === weightsText(more.playground.weights.layers), 'refusals change nothing');
  await page.close();
});

test('export: the trace JSON and CSV carry every number of the step', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  const step = await stepState(page);
  const trace = JSON.parse((await commandOk(page, { cmd: 'exportTrace', format: 'json' })).text);
  assert(trace.format === 'backprop-lab-trace' && trace.version === 1, `format tag: ${trace.format}`);
  // The classic numbers (M. Mazur's worked example).
  assertClose(trace.layers[0].a[0], 0.593269992, PUBLISHED, 'out_h1');
  assertClose(trace.layers[1].a[0], 0.75136507, PUBLISHED, 'out_o1');
  assertClose(trace.loss, 0.298371109, PUBLISHED, 'E_total');
  assertClose(trace.layers[1].dW[0][0], 0.082167041, PUBLISHED, '∂E/∂w5');
  assertClose(trace.layers[1].newW[0][0], 0.35891648, PUBLISHED, 'new w5');
  // And exactly what getState() shows.
  for (const key of ['input', 'z', 'a', 'derivative', 'dL_da', 'delta', 'dW', 'db', 'W', 'newW', 'b', 'newB']) {
    for (let l = 0; l < 2; l += 1) {
      assert(JSON.stringify(trace.layers[l][key]) === JSON.stringify(step.layers[l][key]), `layers[${l}].${key} matches getState`);
    }
  }
  assert(JSON.stringify([trace.loss, trace.lossTerms, trace.t]) === JSON.stringify([step.loss, step.lossTerms, step.t]), 'the loss and its terms');

  const csv = (await commandOk(page, { cmd: 'exportTrace', format: 'csv' })).text;
  const lines = csv.trimEnd().split('\n');
  assert(lines[0] === 'phase,layer,neuron,input,quantity,value', `header: ${lines[0]}`);
  const numbers = countLeaves(trace.layers.map((layer) => Object.values(layer))) + countLeaves([trace.t, trace.loss, trace.lossTerms]);
  assert(lines.length - 1 === numbers, `one CSV row per number: ${lines.length - 1} rows, ${numbers} numbers`);
  const rows = lines.slice(1).map((line) => line.split(','));
  assert(rows.every((row) => row.length === 6 && row[5] !== '' && Number.isFinite(Number(row[5]))), 'every row has six cells and a number');
  const outO1 = rows.find((row) => row[0] === 'forward' && row[1] === '1' && row[2] === '0' && row[4] === 'a');
  assert(outO1 && Number(outO1[5]) === step.layers[1].a[0], `out_o1 row: ${outO1}`);
  const w5 = rows.find((row) => row[0] === 'update' && row[1] === '1' && row[2] === '0' && row[3] === '0' && row[4] === 'newW');
  assert(w5 && Number(w5[5]) === step.layers[1].newW[0][0], `new w5 row: ${w5}`);
  const total = rows.find((row) => row[0] === 'loss' && row[4] === 'loss');
  assert(total && Number(total[5]) === step.loss && total[1] === '', `loss row: ${total}`);
  console.log(`        trace: ${numbers} numbers, ${csv.length} bytes of CSV`);

  // Outside a step-through lesson there is no trace (and the introduction has no network).
  await openLesson(page, 'intro');
  const refused = await command(page, { cmd: 'exportTrace', format: 'csv' });
  assert(!refused.ok && /no step to export/.test(refused.error), `no trace: ${refused.error}`);
  const noNetwork = await command(page, { cmd: 'exportNetwork' });
  assert(!noNetwork.ok && /no network/.test(noNetwork.error), `no network: ${noNetwork.error}`);
  await page.close();
});

test('export: the loss curve CSV has one row per epoch', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground');
  await commandOk(page, { cmd: 'newNetwork' });
  await commandOk(page, { cmd: 'runEpochs', epochs: 20 });
  const history = (await commandOk(page, { cmd: 'getPlayground' })).history;
  const csv = (await commandOk(page, { cmd: 'exportCurve' })).csv;
  const lines = csv.trimEnd().split('\n');
  assert(lines[0] === 'epoch,train_loss,test_loss,train_accuracy,test_accuracy', `header: ${lines[0]}`);
  assert(lines.length - 1 === 21, `21 data rows (epochs 0 to 20), got ${lines.length - 1}`);
  lines.slice(1).forEach((line, n) => {
    const cells = line.split(',');
    assert(cells.length === 5 && Number(cells[0]) === n, `row ${n}: ${line}`);
    assert(Number(cells[1]) === history[n].trainLoss && Number(cells[4]) === history[n].testAccuracy, `row ${n} matches the history`);
  });
  // Regression has no accuracy: empty cells.
  await commandOk(page, { cmd: 'configure', values: { data: 'sin', features: 'x1' } });
  await commandOk(page, { cmd: 'runEpochs', epochs: 2 });
  const regression = (await commandOk(page, { cmd: 'exportCurve' })).csv.trimEnd().split('\n');
  assert(regression.length === 4 && regression.slice(1).every((line) => /^\d+,[^,]+,[^,]+,,$/.test(line)),
         `regression rows end in two empty cells: ${regression.join(' | ')}`);
  await page.close();
});

test('export: downloads, dropped files and the Export / import section', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  const exported = await commandOk(page, { cmd: 'exportNetwork' });

  // The app asks the page to download; files.js turns the bytes into a file.
  let download = page.waitForEvent('download');
  await commandOk(page, { cmd: 'download', what: 'network' });
  let file = await download;
  assert(file.suggestedFilename() === 'backprop-lab-worked-example-network.json', `file name: ${file.suggestedFilename()}`);
  assert(readFileSync(await file.path(), 'utf8') === exported.json, 'the download is the export');
  download = page.waitForEvent('download');
  await commandOk(page, { cmd: 'download', what: 'traceCsv' });
  file = await download;
  assert(readFileSync(await file.path(), 'utf8').startsWith('phase,layer,neuron,input,quantity,value\n'), 'trace CSV download');
  download = page.waitForEvent('download');
  await commandOk(page, { cmd: 'download', what: 'canvas' });
  file = await download;
  const png = pngStatistics(readFileSync(await file.path()));
  const state = await appState(page);
  assert(file.suggestedFilename() === 'backprop-lab-canvas.png', `PNG name: ${file.suggestedFilename()}`);
  assert(png.width === state.canvas.width && png.height === state.canvas.height && png.variance > 100,
         `the PNG is the frame: ${png.width}x${png.height}, variance ${png.variance.toFixed(0)}`);

  // Dropping files on the page: a bad one is refused in words, a good one imported.
  async function drop(name, text) {
    await page.evaluate(([name, text]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, text]);
    await waitFor(page, () => document.getElementById('file-message').style.display, (display) => display === 'block',
                  `the page's message about the dropped ${name}`);
    return page.evaluate(() => document.getElementById('file-message').textContent);
  }
  const cut = await drop('cut.json', exported.json.slice(0, 300));
  assert(/^Not imported \(cut\.json\): this is not JSON: unexpected end at byte 300/.test(cut), `truncated file: ${cut}`);
  const modified = JSON.parse(exported.json);
  modified.layers[1].W[0][0] = 0.125;
  const good = await drop('good.json', JSON.stringify(modified));
  assert(good === 'Imported the network (good.json).', `good file: ${good}`);
  const step = await stepState(page);
  assert(step.layers[1].W[0][0] === 0.125, `the dropped weights are used: ${step.layers[1].W[0][0]}`);

  // The section in the lesson list, with a refused paste's message.
  await openLesson(page, 'playground');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'export-import.png') });
  await page.screenshot({ path: join(artifactsDir, 'export-import-section.png'), clip: { x: 0, y: 360, width: 420, height: 360 } });
  await page.close();
});
