// Export as Python (#17 item 5, the NumPy flavour of the stepper's step): the script the app writes
// runs under Debian's python3-numpy and prints every number of the step; each must equal the app's
// own trace to 1e-12 (relative, or absolute near zero), for the published worked example and for a
// 2-8-8-2 ReLU network with a softmax output and cross-entropy; then the PyTorch flavour (autograd
// for the backward pass) on the same two networks, with Debian's python3-torch.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, assert, openApp, openLesson, command, commandOk, seededRandom, waitForStill } from './harness.mjs';

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
  await commandOk(page, { cmd: 'setNetwork', layers: [{ W: [[0.5]], b: [0], activation: 'prelu' }], x: [1], t: [0] });
  // (momentum, Adam and L1/L2 are covered: the playground's test below)
  const prelu = await command(page, { cmd: 'exportPython' });
  assert(prelu.ok === false && /PReLU/.test(prelu.error), `PReLU's learned slope: ${JSON.stringify(prelu)}`);
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
      assert(new RegExp(`^optimizer = "${values.opt}"$`, 'm').test(script) && /^updates = 3 /m.test(script),
             `${name}: the script's update rule, its third update`);
      assert(!/"v": np\.array\(\[\[0(\.0)?, 0(\.0)?, /.test(script) || values.opt !== 'momentum', `${name}: momentum's v is not zero`);
      const result = compare(step, runScript(script, `playground_${values.opt}_${flavour}.py`), `${name} (${flavour})`);
      console.log(`        ${name} (${flavour}): ${result.compared} numbers, worst ${result.worst.toExponential(1)}`);
    }
    await commandOk(page, { cmd: 'closeStepper' });
  }
  await page.close();
});
