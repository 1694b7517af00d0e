// Export as Python (#17 item 5, the NumPy flavour of the stepper's step): the script the app writes
// runs under Debian's python3-numpy and prints every number of the step; each must equal the app's
// own trace to 1e-12 (relative, or absolute near zero), for the published worked example and for a
// 2-8-8-2 ReLU network with a softmax output and cross-entropy; then the PyTorch flavour (autograd
// for the backward pass) on the same two networks, with Debian's python3-torch.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, assert, openApp, openLesson, appState, command, commandOk, seededRandom, waitForStill } from './harness.mjs';

// The script's lines "name layer neuron [input] value" against the step state's layers.
function compare(step, output, what) {
  const layers = step.layers;
  const last = layers.length - 1;
  const lookup = {
    z: (l, j) => layers[l].z[j], a: (l, j) => layers[l].a[j], delta: (l, j) => layers[l].delta[j],
    dL_da: (l, j) => layers[l].dL_da[j], derivative: (l, j) => (layers[l].derivative || [])[j],
    dW: (l, j, i) => layers[l].dW[j][i], db: (l, j) => layers[l].db[j],
    new_W: (l, j, i) => layers[l].newW[j][i], new_b: (l, j) => layers[l].newB[j],
    loss_term: (l, j) => step.lossTerms[j],
    dL_dslope: (l) => layers[l].dL_dslope, new_slope: (l) => layers[l].newSlope,
  };
  let compared = 0, worst = 0;
  for (const line of output.trim().split('\n')) {
    const parts = line.split(' ');
    const value = Number(parts[parts.length - 1]);
    let expected;
    if (parts[0] === 'loss') expected = step.loss;
    else expected = lookup[parts[0]](...parts.slice(1, -1).map(Number));
    if (expected === undefined || expected === null || Number.isNaN(value)) {
      // The app leaves out what has no number (softmax's h′, shown as "δ = a − t"): so does the check.
      assert(Number.isNaN(value) || parts[0] === 'dL_da', `${what}: ${line} has no counterpart in the trace`);
      continue;
    }
    const error = Math.abs(value - expected) / Math.max(1, Math.abs(expected));
    worst = Math.max(worst, error);
    assert(error <= 1e-12, `${what}: ${line} against the app's ${expected} (difference ${error})`);
    compared += 1;
  }
  assert(compared > 20 && last >= 1, `${what}: ${compared} numbers compared`);
  return { compared, worst };
}

function runScript(text, name) {
  const dir = mkdtempSync(join(tmpdir(), 'bp-export-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  // Debian's python3 (with python3-numpy), not whatever python3 a PATH finds first.
  return execFileSync('/usr/bin/python3', [file], { encoding: 'utf8' });
}

test('export python: the NumPy script of a step reproduces the app\'s numbers to 1e-12', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  let script = (await commandOk(page, { cmd: 'exportPython', flavour: 'numpy' })).text;
  assert(/^import numpy as np$/m.test(script) && /def forward\(W, b, x\):/.test(script) && /def backward\(/.test(script),
         'the script has one function per phase');
  let step = (await commandOk(page, { cmd: 'getState' })).state.step;
  const output = runScript(script, 'worked.py');
  let result = compare(step, output, 'the worked example');
  // Mazur's published numbers, independent of the app: E_total = 0.298371109 and w5⁺ = 0.35891648.
  const printed = (name) => Number(output.split('\n').find((line) => line.startsWith(name + ' ')).split(' ').pop());
  assert(Math.abs(printed('loss') - 0.298371109) < 1e-9, `the script's loss: ${printed('loss')}`);
  assert(Math.abs(printed('new_W 1 0 0') - 0.35891648) < 1e-8, `the script's w5⁺: ${printed('new_W 1 0 0')}`);
  console.log(`        worked example: ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
  // A 2-8-8-2 ReLU network with a softmax output and cross-entropy, random weights.
  const random = seededRandom(7);
  const matrix = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => random() * 2 - 1));
  const vector = (n) => Array.from({ length: n }, () => random() * 0.2 - 0.1);
  await commandOk(page, { cmd: 'setNetwork', loss: 'softmax_ce', x: [0.3, -0.7], t: [0, 1], learningRate: 0.1, updateBiases: true,
    layers: [{ W: matrix(8, 2), b: vector(8), activation: 'relu' }, { W: matrix(8, 8), b: vector(8), activation: 'relu' },
             { W: matrix(2, 8), b: vector(2), activation: 'softmax' }] });
  script = (await commandOk(page, { cmd: 'exportPython' })).text;
  step = (await commandOk(page, { cmd: 'getState' })).state.step;
  result = compare(step, runScript(script, 'relu_softmax.py'), 'the 2-8-8-2 ReLU/softmax network');
  console.log(`        2-8-8-2 ReLU/softmax: ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
  // What it does not cover is refused in words.
  const refused = await command(page, { cmd: 'exportPython', flavour: 'jax' });
  assert(refused.ok === false && /flavour must be "numpy" or "torch"/.test(refused.error), `an unknown flavour: ${JSON.stringify(refused)}`);
  // PReLU: its learned slope's gradient and update too, with z < 0 somewhere so the slope moves.
  // A 2-3-1 network, PReLU in both layers (the output with half squared error).
  await commandOk(page, { cmd: 'setNetwork', loss: 'half_mse', x: [0.8, -0.6], t: [0.3], learningRate: 0.2,
    layers: [{ W: [[0.5, 0.9], [-0.7, 0.2], [0.3, -0.4]], b: [0.1, -0.2, 0.05], activation: 'prelu', slope: 0.25 },
             { W: [[0.6, -0.8, 0.4]], b: [-0.3], activation: 'prelu', slope: 0.1 }] });
  step = (await commandOk(page, { cmd: 'getState' })).state.step;
  for (const flavour of ['numpy', 'torch']) {
    script = (await commandOk(page, { cmd: 'exportPython', flavour })).text;
    const output = runScript(script, `prelu_${flavour}.py`);
    assert(/^new_slope 0 /m.test(output) && /^dL_dslope 1 /m.test(output), `${flavour}: the slopes are printed`);
    result = compare(step, output, `PReLU (${flavour})`);
    assert(step.layers[0].dL_dslope !== 0, 'the slope has a gradient here');
    console.log(`        PReLU 2-3-1 (${flavour}): ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
  }
  await page.close();
});

test('export python: the PyTorch script (autograd) reproduces the app\'s numbers to 1e-12', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  let script = (await commandOk(page, { cmd: 'exportPython', flavour: 'torch' })).text;
  assert(/^import torch$/m.test(script) && /L\.backward\(\)/.test(script), 'the script lets autograd do the backward pass');
  let step = (await commandOk(page, { cmd: 'getState' })).state.step;
  const output = runScript(script, 'worked_torch.py');
  let result = compare(step, output, 'the worked example in PyTorch');
  console.log(`        worked example (PyTorch): ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
  const random = seededRandom(11);
  const matrix = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => random() * 2 - 1));
  const vector = (n) => Array.from({ length: n }, () => random() * 0.2 - 0.1);
  await commandOk(page, { cmd: 'setNetwork', loss: 'softmax_ce', x: [0.3, -0.7], t: [1, 0], learningRate: 0.1, updateBiases: true,
    layers: [{ W: matrix(8, 2), b: vector(8), activation: 'relu' }, { W: matrix(8, 8), b: vector(8), activation: 'relu' },
             { W: matrix(2, 8), b: vector(2), activation: 'softmax' }] });
  script = (await commandOk(page, { cmd: 'exportPython', flavour: 'torch' })).text;
  step = (await commandOk(page, { cmd: 'getState' })).state.step;
  result = compare(step, runScript(script, 'relu_softmax_torch.py'), 'the 2-8-8-2 ReLU/softmax network in PyTorch');
  console.log(`        2-8-8-2 ReLU/softmax (PyTorch): ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
  await page.close();
});

test('export python: the Export section offers the step as NumPy and as PyTorch', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example', viewport: { width: 1280, height: 1000 } });
  await waitForStill(page);
  await page.mouse.click(87, 777);  // "Export / import", under the lesson list
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'export-python-menu.png') });
  // The buttons queue the same downloads as the API.
  for (const what of ['pythonNumpy', 'pythonTorch']) {
    const file = (await commandOk(page, { cmd: 'download', what })).filename;
    assert(file === `backprop-lab-worked-example-step-${what === 'pythonNumpy' ? 'numpy' : 'torch'}.py`, `the file's name: ${file}`);
  }
  await page.close();
});

test('export python: a playground step with Adam and L2, and with momentum and L1, after two steps (moments not zero)', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=playground' });
  for (const [values, name] of [[{ opt: 'adam', l2: 0.001, lr: 0.01 }, 'Adam + L2'], [{ opt: 'momentum', l1: 0.001, l2: 0, lr: 0.03 }, 'momentum + L1']]) {
    await commandOk(page, { cmd: 'configure', values });
    await commandOk(page, { cmd: 'runEpochs', epochs: 3 });
    await commandOk(page, { cmd: 'openStepper', point: 3 });
    // Two steps taken in the stepper: the third one's update uses the moments they left.
    const step = (await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 3 })).step;
    assert(step.stepsTaken === 2, `two steps taken: ${step.stepsTaken}`);
    assert(step.optimizer === values.opt, `the stepper steps with the playground's ${values.opt}: ${step.optimizer}`);
    for (const flavour of ['numpy', 'torch']) {
      const script = (await commandOk(page, { cmd: 'exportPython', flavour })).text;
      assert(new RegExp(`^optimizer = "${values.opt}"$`, 'm').test(script) && /^updates = 2 /m.test(script) &&
             /^updates \+= 1 /m.test(script), `${name}: the script's update rule, two updates so far, this the third`);
      assert(!/"v": np\.array\(\[\[0(\.0)?, 0(\.0)?, /.test(script) || values.opt !== 'momentum', `${name}: momentum's v is not zero`);
      const result = compare(step, runScript(script, `playground_${values.opt}_${flavour}.py`), `${name} (${flavour})`);
      console.log(`        ${name} (${flavour}): ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
    }
    await commandOk(page, { cmd: 'closeStepper' });
  }
  await page.close();
});

// The playground's training as a script: `train_loss e L` per epoch and every weight at the end,
// against the app's own run of the same epochs (its history and its weights afterwards).
function compareTraining(output, history, weights, what) {
  let compared = 0, worst = 0;
  const check = (value, expected, line) => {
    const error = Math.abs(value - expected) / Math.max(1, Math.abs(expected));
    worst = Math.max(worst, error);
    assert(error <= 1e-12, `${what}: ${line} against the app's ${expected} (difference ${error})`);
    compared += 1;
  };
  for (const line of output.trim().split('\n')) {
    const parts = line.split(' ');
    const value = Number(parts[parts.length - 1]);
    if (parts[0] === 'train_loss') {
      const record = history.find((r) => r.epoch === Number(parts[1]));
      assert(record, `${what}: the app has no record of epoch ${parts[1]}`);
      check(value, record.trainLoss, line);
    } else if (parts[0] === 'W') {
      check(value, weights.layers[Number(parts[1])].W[Number(parts[2])][Number(parts[3])], line);
    } else if (parts[0] === 'b') {
      check(value, weights.layers[Number(parts[1])].b[Number(parts[2])], line);
    } else if (parts[0] === 'slope') {
      check(value, weights.layers[Number(parts[1])].slope, line);
    }
  }
  return { compared, worst };
}

test('export python: the playground\'s training for 5 epochs (Adam, momentum) is the app\'s own run to 1e-12', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=playground' });
  const cases = [
    [{ data: 'moons', points: 200, hidden: '8,8', act: 'relu', opt: 'adam', lr: 0.01, l2: 0.001, batch: 7 }, '2-8-8-1 ReLU, sigmoid, Adam + L2'],
    [{ data: 'blobs', classes: 3, points: 120, hidden: '8,8', act: 'relu', opt: 'momentum', lr: 0.05, l1: 0.001, l2: 0, batch: 16 },
     '2-8-8-3 ReLU, softmax, momentum + L1'],
    [{ data: 'circle', points: 100, hidden: '6', act: 'prelu', opt: 'adam', lr: 0.02, l1: 0, l2: 0, batch: 10 },
     '2-6-1 PReLU (learned slope), Adam'],
  ];
  for (const [values, name] of cases) {
    await commandOk(page, { cmd: 'configure', values });
    await commandOk(page, { cmd: 'newNetwork' });
    await commandOk(page, { cmd: 'runEpochs', epochs: 2 });  // so the optimizer's state is not zero
    const scripts = {};
    for (const flavour of ['numpy', 'torch']) {
      scripts[flavour] = (await commandOk(page, { cmd: 'exportPython', flavour, epochs: 5 })).text;
      assert(/^first_epoch = 3$/m.test(scripts[flavour]) && /^orders = \[$/m.test(scripts[flavour]), `${name}: from epoch 3, with the orders`);
    }
    const before = (await appState(page)).lessonState;
    assert(before.epoch === 2, 'exporting does not train the playground');
    await commandOk(page, { cmd: 'runEpochs', epochs: 5 });
    const history = (await commandOk(page, { cmd: 'getPlayground' })).history;
    const weights = (await appState(page)).lessonState.weights;
    for (const flavour of ['numpy', 'torch']) {
      const output = runScript(scripts[flavour], `training_${values.opt}_${flavour}.py`);
      const result = compareTraining(output, history, weights, `${name} (${flavour})`);
      const parameters = weights.layers.reduce((n, l) => n + l.W.length * l.W[0].length + l.b.length +
                                                      (l.activation === 'prelu' ? 1 : 0), 0);
      assert(result.compared === 5 + parameters, `${name} (${flavour}): ${result.compared} numbers compared`);
      console.log(`        ${name} (${flavour}): ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
    }
  }
  // Refused in words: mid-epoch, too many epochs.
  await commandOk(page, { cmd: 'stepBatches', batches: 1 });
  const mid = await command(page, { cmd: 'exportPython', epochs: 5 });
  assert(!mid.ok && /an epoch is under way/.test(mid.error), JSON.stringify(mid));
  const many = await command(page, { cmd: 'exportPython', epochs: 5000 });
  assert(!many.ok && /epochs must be a whole number from 1 to 1000/.test(many.error), JSON.stringify(many));
  await page.close();
});
