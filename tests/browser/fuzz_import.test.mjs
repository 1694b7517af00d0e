// 500+ malformed network files, generated from a fixed seed: truncations of a good export, random
// bytes, a huge file, deep nesting, wrong shapes, NaN/Infinity/1e999 tokens, strings where numbers
// go, missing fields, extra and too-wide layers, empty files, a BOM, unicode. After each: the
// import is refused with a sentence, the network is unchanged, getState() answers, and the console
// stays clean. The counts per kind are printed.
import { test, assert, openApp, appState, command, openLesson, seededRandom } from './harness.mjs';

// The malformed files, as [kind, text] pairs, built from a good export.
function malformedFiles(good) {
  const random = seededRandom(20240607);
  const pick = (n) => Math.floor(random() * n);
  const files = [];
  const add = (kind, text) => files.push([kind, text]);
  const base = JSON.parse(good);
  const mutate = (kind, change) => {
    const copy = JSON.parse(good);
    change(copy);
    add(kind, JSON.stringify(copy));
  };

  // Truncations at random points (never after the closing brace, where the file is whole).
  const whole = good.lastIndexOf('}');
  for (let n = 0; n < 220; n += 1) add('truncated', good.slice(0, pick(whole)));
  // Random bytes (as Latin-1 characters) and random unicode text.
  for (let n = 0; n < 60; n += 1) {
    let text = '';
    const length = 1 + pick(400);
    for (let i = 0; i < length; i += 1) text += String.fromCharCode(pick(256));
    add('random bytes', text);
  }
  for (let n = 0; n < 30; n += 1) {
    let text = '';
    for (let i = 0; i < 1 + pick(100); i += 1) text += String.fromCodePoint(0x20 + pick(0x2FFF0));
    add('random unicode', text);
  }
  // Deep nesting.
  add('deep nesting', '['.repeat(10000));
  add('deep nesting', '['.repeat(10000) + ']'.repeat(10000));
  add('deep nesting', '{"a":'.repeat(10000) + '1' + '}'.repeat(10000));
  add('deep nesting', JSON.stringify({ ...base, layers: [{ W: JSON.parse('['.repeat(500) + ']'.repeat(500)) }] }));
  for (let n = 0; n < 6; n += 1) add('deep nesting', '['.repeat(17 + pick(3000)) + '1' + ']'.repeat(pick(50)));
  // NaN, Infinity and too-large numbers in place of a weight.
  const firstNumber = /-?\d+\.\d+(e-?\d+)?/.exec(good.slice(good.indexOf('"W"')));
  const numberAt = good.indexOf('"W"') + firstNumber.index;
  for (const token of ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', 'nan', 'inf', '1e309', '.5', '+1', '0x10', '01']) {
    add('NaN/Infinity/bad numbers', good.slice(0, numberAt) + token + good.slice(numberAt + firstNumber[0].length));
  }
  for (let n = 0; n < 28; n += 1) {
    const numbers = [...good.matchAll(/-?\d+\.\d+(e-?\d+)?/g)];
    const at = numbers[pick(numbers.length)];
    const token = ['NaN', 'Infinity', '-Infinity', '1e999', '-2e400'][pick(5)];
    add('NaN/Infinity/bad numbers', good.slice(0, at.index) + token + good.slice(at.index + at[0].length));
  }
  // Strings, null, booleans, arrays and objects where numbers go.
  const notNumbers = ['"0.5"', 'null', 'true', '[]', '{}', '"abc"', '""', '"NaN"', '[0.5]'];
  for (let n = 0; n < 40; n += 1) {
    mutate('not a number', (file) => {
      const layer = file.layers[pick(file.layers.length)];
      const value = JSON.parse(notNumbers[pick(notNumbers.length)]);
      if (random() < 0.6) layer.W[pick(layer.W.length)][pick(layer.W[0].length)] = value;
      else layer.b[pick(layer.b.length)] = value;
    });
  }
  mutate('not a number', (file) => { file.layers[0].slope = 'steep'; });
  mutate('not a number', (file) => { file.sample.x[1] = 'one'; });
  // Wrong shapes.
  const shapes = [
    (file) => { file.layers[1].W = file.layers[1].W.map((row) => [...row, 0.1]); },
    (file) => { file.layers[1].W = file.layers[1].W.map((row) => row.slice(0, 1)); },
    (file) => { file.layers[0].W[1].push(0.3); },
    (file) => { file.layers[0].W[0].pop(); },
    (file) => { file.layers[0].b.push(0.1); },
    (file) => { file.layers[1].b = []; },
    (file) => { file.layers[0].W = []; },
    (file) => { file.layers[0].W = [[]]; },
    (file) => { file.layers[0].W = [0.1, 0.2]; },
    (file) => { file.layers[0].W = 0.5; },
    (file) => { file.layers[0].b = 0.35; },
    (file) => { file.layers = []; },
    (file) => { file.layers = {}; },
    (file) => { file.layers[1] = [1, 2]; },
    (file) => { file.shape = [2, 3, 2]; },
    (file) => { file.sample.x = [0.05]; },
    (file) => { file.sample.t = [0.01, 0.99, 0.5]; },
    (file) => { file.sample = [0.05, 0.1]; },
  ];
  for (let n = 0; n < 40; n += 1) mutate('wrong shape', shapes[n % shapes.length]);
  // Extra layers, and layers too wide for the lesson (17 neurons; 17 inputs).
  const layerOf = (rows, cols) => ({ activation: 'sigmoid', W: Array.from({ length: rows }, () => Array(cols).fill(0.1)), b: Array(rows).fill(0) });
  for (let n = 0; n < 10; n += 1) {
    mutate('extra layers', (file) => {
      const hidden = Array.from({ length: 9 + pick(20) }, () => layerOf(2, 2));
      file.layers = [file.layers[0], ...hidden, file.layers[1]];
      delete file.shape;
    });
  }
  mutate('extra layers', (file) => { file.layers.push(layerOf(2, 3)); delete file.shape; });
  for (let n = 0; n < 10; n += 1) {
    mutate('too wide', (file) => {
      const width = 17 + pick(100);
      file.layers = [layerOf(width, 2), layerOf(2, width)];
      delete file.shape;
    });
  }
  mutate('too wide', (file) => { file.layers = [layerOf(2, 17), file.layers[1]]; delete file.shape; delete file.sample; });
  // Missing and wrong fields.
  const fields = [
    (file) => { delete file.format; }, (file) => { file.format = 'backprop-lab-trace'; },
    (file) => { file.format = 'Backprop-Lab-Network'; }, (file) => { file.format = 7; },
    (file) => { file.format = 'backprop-lab-network\u0000'; }, (file) => { delete file.version; },
    (file) => { file.version = 2; }, (file) => { file.version = '1'; }, (file) => { file.version = 1.5; },
    (file) => { delete file.loss; }, (file) => { file.loss = 'hinge'; }, (file) => { file.loss = null; },
    (file) => { delete file.layers; }, (file) => { delete file.layers[0].activation; },
    (file) => { file.layers[0].activation = 'swish'; }, (file) => { file.layers[1].activation = 'softmax'; },
    (file) => { file.layers[0].activation = 'softmax'; file.loss = 'softmax_ce'; },
    (file) => { file.layers[0].activation = 'step'; }, (file) => { delete file.layers[1].W; },
    (file) => { delete file.layers[1].b; }, (file) => { file.layers[0].activation = 42; },
  ];
  for (let n = 0; n < 42; n += 1) mutate('missing or wrong field', fields[n % fields.length]);
  // Not an object at all.
  for (const text of ['[]', '[1, 2, 3]', '42', '"backprop-lab-network"', 'null', 'true', '{}', JSON.stringify([base])]) {
    add('not a network object', text);
  }
  // Empty files, a byte-order mark, unicode.
  for (const text of ['', ' ', '\n\n\t ', '\uFEFF', '\uFEFF\uFEFF' + good, '\uFEFF{', '\u00EF\u00BB\u00BF' + good.slice(0, 50)]) add('empty or BOM', text);
  for (const text of [good.replace('"format"', '"f\u00F6rmat"'), good.replace('backprop-lab-network', 'backprop-lab-network\u{1F9E0}'),
                      good.replace('"sigmoid"', '"s\u0131gmoid"'), good.replace('0.', '\u0660.'), good.replace('[', '\u3010'),
                      '\u{1F9E0}' + good, good.replace('"loss"', '"\uD800"'), good.replace('0.', '０.')]) {
    add('unicode', text);
  }
  return files;
}

test('fuzz: 500 malformed import files are refused and change nothing', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  await command(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 2 });
  const good = (await command(page, { cmd: 'exportNetwork' })).json;
  const files = malformedFiles(good);
  assert(files.length >= 500, `at least 500 files, got ${files.length}`);

  const results = await page.evaluate((files) => {
    const api = window.backpropLab;
    const network = () => JSON.stringify(api.getState().step.layers.map((l) => [l.W, l.b, l.activation]));
    const before = network();
    const problems = [];
    const counts = {};
    const samples = {};
    for (const [kind, text] of files) {
      counts[kind] = (counts[kind] || 0) + 1;
      let answer;
      try {
        answer = api.command({ cmd: 'importNetwork', text });
      } catch (error) {
        answer = { ok: false, error: error.message };
      }
      if (answer.ok) problems.push(`${kind}: accepted ${JSON.stringify(text.slice(0, 80))}`);
      else if (typeof answer.error !== 'string' || answer.error.length < 12 || !answer.error.includes(' ')) {
        problems.push(`${kind}: no sentence (${JSON.stringify(answer.error)})`);
      }
      if (!samples[kind]) samples[kind] = answer.error;
      let after;
      try { after = network(); } catch (error) { problems.push(`${kind}: getState failed: ${error.message}`); continue; }
      if (after !== before) problems.push(`${kind}: the network changed after ${JSON.stringify(text.slice(0, 80))}`);
    }
    return { problems, counts, samples };
  }, files);

  // A huge file: through files.js (which checks the size before reading) and through its command,
  // which hands the app the whole text (the app's own limit).
  const huge = await page.evaluate(() => {
    const big = '{"format": "backprop-lab-network", "layers": [' + '0.1234, '.repeat(5 * 1024 * 1024 / 8) + '0]}';
    const viaPage = window.backpropLabFiles.importText(big, 'huge.json');
    const twoMegabytes = ' '.repeat(2 * 1024 * 1024) + '{}';
    const viaApp = window.backpropLabFiles.command({ cmd: 'importNetwork', text: twoMegabytes });
    // Under the size limit, but a million values: refused before a document is built.
    const many = '[' + '0,'.repeat(500000) + '0]';
    const manyValues = window.backpropLabFiles.command({ cmd: 'importNetwork', text: many });
    return { viaPage, viaApp, manyValues, length: big.length };
  });
  assert(!huge.viaPage.ok && /^the file is 5\.0 MB; the limit is 1\.0 MB$/.test(huge.viaPage.error), `5 MB file: ${huge.viaPage.error}`);
  assert(!huge.viaApp.ok && /^the file is 2\.0 MB; the limit is 1\.0 MB$/.test(huge.viaApp.error), `2 MB file: ${huge.viaApp.error}`);
  assert(!huge.manyValues.ok && /holds more than 20000 values/.test(huge.manyValues.error), `500,000 values: ${huge.manyValues.error}`);
  results.counts['huge'] = 3;

  const total = Object.values(results.counts).reduce((a, b) => a + b, 0);
  for (const [kind, count] of Object.entries(results.counts)) {
    console.log(`        ${String(count).padStart(4)} ${kind.padEnd(26)} e.g. ${results.samples[kind] || ''}`);
  }
  console.log(`        ${total} malformed files: ${total - results.problems.length} refused cleanly, ${results.problems.length} problems`);
  assert(results.problems.length === 0, `problems:\n${results.problems.slice(0, 20).join('\n')}`);
  const state = await appState(page);
  assert(state.step && state.step.layers.length === 2, 'getState still answers with the stepper');
  await page.close();
});

test('fuzz: networks that do not fit the playground are refused and change nothing', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground');
  await command(page, { cmd: 'newNetwork' });
  const good = JSON.parse((await command(page, { cmd: 'exportNetwork' })).json);
  const layer = (rows, cols, activation) => ({ activation, W: Array.from({ length: rows }, () => Array(cols).fill(0.1)), b: Array(rows).fill(0) });
  const misfits = [
    { ...good, shape: undefined, layers: [layer(4, 3, 'tanh'), layer(1, 4, 'sigmoid')] },        // 3 inputs, 2 features
    { ...good, shape: undefined, layers: [layer(4, 2, 'tanh'), layer(2, 4, 'sigmoid')] },        // 2 outputs
    { ...good, shape: undefined, layers: [layer(4, 2, 'tanh'), layer(1, 4, 'relu')] },           // relu output
    { ...good, shape: undefined, loss: 'half_mse' },                                              // sigmoid + half_mse
    { ...good, shape: undefined, layers: [layer(17, 2, 'tanh'), layer(1, 17, 'sigmoid')] },      // 17 wide
    { ...good, shape: undefined, layers: [...Array.from({ length: 9 }, (_, l) => layer(2, 2, 'tanh')), layer(1, 2, 'sigmoid')] },
    { ...good, shape: undefined, loss: 'softmax_ce', layers: [layer(4, 2, 'tanh'), layer(3, 4, 'softmax')] },  // 3 classes on 2
  ];
  const before = JSON.stringify((await command(page, { cmd: 'getPlayground' })).playground.weights);
  for (const file of misfits) {
    const answer = await command(page, { cmd: 'importNetwork', text: JSON.stringify(file) });
    assert(!answer.ok && answer.error.length > 12, `refused: ${answer.error}`);
    console.log(`        playground: ${answer.error}`);
    const after = JSON.stringify((await command(page, { cmd: 'getPlayground' })).playground.weights);
    assert(after === before, 'the playground is unchanged');
  }
  await page.close();
});
